"""Registries that higher apps feed from their AppConfig.ready(); community imports none of them."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Contribution:
    """One thing a person did, as shown on their contributor page."""

    date: datetime
    title: str
    url: str
    summary: str
    kind: str


ContributionSource = Callable[..., list[Contribution]]
_contribution_sources: list[ContributionSource] = []


def register_contribution_source(source: ContributionSource) -> None:
    """Register a callable(user, limit) returning that user's latest contributions."""
    if source not in _contribution_sources:
        _contribution_sources.append(source)


def contributions_for(user, *, limit: int = 100) -> list[Contribution]:
    """Latest contributions of a user across every registered app, newest first."""
    items: list[Contribution] = []
    for source in _contribution_sources:
        items.extend(source(user, limit))
    items.sort(key=lambda item: item.date, reverse=True)
    return items[:limit]


@dataclass(frozen=True)
class Theme:
    """A thematic portal as other apps see it: residents pick it by title, it maps to tags."""

    slug: str
    title: str
    tags: tuple[str, ...]  # the first tag is the one a resident's choice adds

    @property
    def main_tag(self) -> str:
        return self.tags[0] if self.tags else ""


_theme_providers: list[Callable[[], list[Theme]]] = []


def register_theme_provider(provider: Callable[[], list[Theme]]) -> None:
    """The portals app tells the others which themes exist (from its AppConfig.ready())."""
    if provider not in _theme_providers:
        _theme_providers.append(provider)


def themes() -> list[Theme]:
    """Every theme a resident can attach an article or a commons to."""
    found: list[Theme] = []
    for provider in _theme_providers:
        found.extend(provider())
    return found


def themes_for_tags(tags) -> list[str]:
    """Slugs of the themes whose tags meet these tags (case-insensitive)."""
    wanted = {str(tag).strip().lower() for tag in tags}
    return [theme.slug for theme in themes() if wanted & {tag.lower() for tag in theme.tags}]


def apply_theme_choice(tags, chosen_slugs, *, shown_tags=()) -> tuple[str, ...]:
    """Tags after a resident ticked portals.

    ``tags`` is what the person typed, ``shown_tags`` what the form showed them. Ticking a
    portal adds its main tag when none of its tags is there. Unticking a portal that the form
    showed ticked removes that portal's tags that were already shown, so what ticking added
    goes away; a tag the person typed in this very form is never dropped, nor is anything on a
    new page (nothing was shown).
    """
    chosen = set(chosen_slugs)
    shown = {str(tag).strip().lower() for tag in shown_tags}
    shown_themes = set(themes_for_tags(shown_tags))
    result = list(tags)
    for theme in themes():
        theme_tags = {tag.lower() for tag in theme.tags}
        if theme.slug in chosen:
            if not theme_tags & {tag.lower() for tag in result} and theme.main_tag:
                result.append(theme.main_tag)
        elif theme.slug in shown_themes:
            result = [
                tag for tag in result if not (tag.lower() in theme_tags and tag.lower() in shown)
            ]
    return tuple(result)


@dataclass(frozen=True)
class RelatedLink:
    """Something elsewhere on the site that points at an article (e.g. a commons record)."""

    title: str
    url: str
    kind: str


_article_relation_providers: list[Callable[[str], list[RelatedLink]]] = []


def register_article_relations(provider: Callable[[str], list[RelatedLink]]) -> None:
    """Let an app say what it links to an article (by slug), so the article links back."""
    if provider not in _article_relation_providers:
        _article_relation_providers.append(provider)


def related_to_article(slug: str) -> list[RelatedLink]:
    links: list[RelatedLink] = []
    for provider in _article_relation_providers:
        links.extend(provider(slug))
    return links


_wiki_link_resolvers: list[Callable[[str], str]] = []


def register_wiki_link_resolver(resolver: Callable[[str], str]) -> None:
    """Let the wiki resolve links to articles that another app rendered (blue or red)."""
    if resolver not in _wiki_link_resolvers:
        _wiki_link_resolvers.append(resolver)


def resolve_wiki_links(html: str) -> str:
    """HTML whose ``<a class="wikilink" data-wikilink=...>`` links (in the wiki's own shape)
    point at existing articles or, for missing ones, at the creation form."""
    for resolver in _wiki_link_resolvers:
        html = resolver(html)
    return html
