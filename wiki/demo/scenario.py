"""How demo content is described: an article's first version, then the edits residents make.

``content`` reads them from the files of ``demo/``; :func:`versions` replays the edits so that
the command can save each version through the wiki's services, exactly as a resident would.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, replace

# Images are placed by key (``[[Image:@phare|…]]``): ids are only known once uploaded.
IMAGE_KEY_RE = re.compile(r"(\[\[\s*Image\s*:\s*)@([a-z0-9-]+)", re.IGNORECASE)


def markdown_text(text: str) -> str:
    """Markdown as written in a content file (maybe indented) -> the text a resident typed."""
    return textwrap.dedent(text).strip() + "\n"


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Edit:
    """One later revision: replacements in the text, an added section, changed fields.

    Each ``replace`` pair must match exactly once in the text it edits, so that a change to an
    article file that breaks an edit fails loudly instead of silently saving nothing.
    """

    author: str
    edit_summary: str
    minor: bool = False
    replace: tuple[tuple[str, str], ...] = ()
    append: str = ""
    summary: str | None = None
    tags: tuple[str, ...] | None = None
    place: Place | None = None
    cover: str | None = None


@dataclass(frozen=True)
class DemoArticle:
    """An article of the demo territory: who wrote it first, and what came after."""

    title: str
    author: str
    summary: str
    tags: tuple[str, ...]
    body: str
    place: Place | None = None
    cover: str | None = None
    edit_summary: str = ""
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Version:
    """The content of an article after one save, with who saved it and why."""

    author: str
    edit_summary: str
    minor: bool
    summary: str
    tags: tuple[str, ...]
    body: str
    place: Place | None
    cover: str | None

    def image_keys(self) -> set[str]:
        keys = set(match.group(2) for match in IMAGE_KEY_RE.finditer(self.body))
        return keys | ({self.cover} if self.cover else set())

    def body_with_image_ids(self, image_ids: Mapping[str, int]) -> str:
        def with_id(match: re.Match[str]) -> str:
            return f"{match.group(1)}{image_ids[match.group(2)]}"

        return IMAGE_KEY_RE.sub(with_id, self.body)


def _apply(version: Version, edit: Edit, *, title: str) -> Version:
    body = version.body
    for old, new in edit.replace:
        found = body.count(old)
        if found != 1:
            raise ValueError(
                f"« {title} », modification de {edit.author} ({edit.edit_summary}) : le texte "
                f"à remplacer « {old[:60]} » apparaît {found} fois au lieu d'une seule."
            )
        body = body.replace(old, new)
    if edit.append:
        body = body.rstrip("\n") + "\n\n" + markdown_text(edit.append)
    return replace(
        version,
        author=edit.author,
        edit_summary=edit.edit_summary,
        minor=edit.minor,
        body=body,
        summary=version.summary if edit.summary is None else edit.summary,
        tags=version.tags if edit.tags is None else edit.tags,
        place=version.place if edit.place is None else edit.place,
        cover=version.cover if edit.cover is None else edit.cover,
    )


def versions(article: DemoArticle) -> list[Version]:
    """Every version of the article, first one included, in the order they are saved."""
    current = Version(
        author=article.author,
        edit_summary=article.edit_summary,
        minor=False,
        summary=article.summary,
        tags=article.tags,
        body=article.body,
        place=article.place,
        cover=article.cover,
    )
    result = [current]
    for edit in article.edits:
        current = _apply(current, edit, title=article.title)
        result.append(current)
    return result
