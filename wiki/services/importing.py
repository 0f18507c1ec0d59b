"""Writes of the MediaWiki import: an article's imported history, a redirect, a talk page.

Imported revisions are ordinary Wagtail revisions with their metadata marked ``imported``:
original author name (no account; an IP address is kept hashed like other IPs), original date,
summary, minor flag, source revision id and the original wikitext. One page per transaction,
so a broken page leaves nothing behind and the others go in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Page, Revision
from wagtail.signals import page_published

from community import policy
from community.services import hash_ip

from ..markdown import RENDERER_VERSION
from ..models import ArticlePage, RevisionMeta, RevisionOrigin, RevisionStatus, TalkMessage
from ..titles import (
    MAX_TITLE_LENGTH,
    RESERVED_SLUGS,
    WIKI_PREFIX,
    article_path,
    normalise_title,
    slug_for,
)
from .articles import article_index
from .fields import MAX_EDIT_SUMMARY_LENGTH, MAX_TAGS, parse_tags


@dataclass(frozen=True)
class ImportedRevision:
    """One revision of a MediaWiki page, already converted to Markdown."""

    source_revision_id: int
    timestamp: datetime.datetime
    author_name: str
    ip_address: str
    edit_summary: str
    minor: bool
    markdown: str
    wikitext: str
    categories: tuple[str, ...] = ()


@dataclass
class ImportOutcome:
    page: ArticlePage
    created: bool
    added: int
    already_there: int
    tags_cut: int = 0
    revision_ids: list[int] = field(default_factory=list)


class ImportRefused(Exception):
    """The page cannot be imported as asked (title clash, unusable title, local edits)."""


def _check_can_import(user) -> None:
    """The command line (no user) or a facilitator may import."""
    if user is not None and not policy.is_facilitator(user):
        raise PermissionDenied(_("Seuls les animateurs peuvent importer un wiki."))


def usable_title(title: str) -> tuple[str, str]:
    """(title, slug) for an imported title, or ImportRefused."""
    title = normalise_title(title).replace("<", "‹").replace(">", "›")[:MAX_TITLE_LENGTH]
    slug = slug_for(title)
    if not slug or slug in RESERVED_SLUGS:
        raise ImportRefused(_("titre inutilisable dans Ker : « %(title)s »") % {"title": title})
    return title, slug


_tag_ids: dict[str, int] = {}


def _tag_id(name: str) -> int:
    """Tags by name, cached for the import (the cache is dropped when a page rolls back)."""
    key = name.lower()
    tag_id = _tag_ids.get(key)
    if tag_id is None:
        tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
        tag_id = _tag_ids[key] = tag.pk
    return tag_id


def _imported_from(page: ArticlePage, source_wiki: str) -> bool:
    return RevisionMeta.objects.filter(
        page=page, origin=RevisionOrigin.IMPORTED, source_wiki=source_wiki
    ).exists()


def article_import_history(
    *,
    title: str,
    revisions: list[ImportedRevision],
    source_wiki: str,
    user=None,
    parent: Page | None = None,
) -> ImportOutcome:
    """Add a MediaWiki page's revisions that Ker does not have yet, in date order.

    A title taken by an article that did not come from this wiki is refused (never merged);
    re-importing adds nothing; a newer dump adds only the new revisions. ``parent``: the wiki's
    index page, read once by a caller importing many pages (read here otherwise).
    """
    try:
        with transaction.atomic():
            return _import_history(
                title=title,
                revisions=revisions,
                source_wiki=source_wiki,
                user=user,
                parent=parent,
            )
    except BaseException:
        _tag_ids.clear()
        raise


def _import_history(*, title, revisions, source_wiki, user, parent) -> ImportOutcome:
    _check_can_import(user)
    title, slug = usable_title(title)
    page = ArticlePage.objects.select_for_update().filter(slug=slug).first()
    if page is not None:
        if not _imported_from(page, source_wiki):
            raise ImportRefused(
                _("le titre « %(title)s » est déjà pris par un article de Ker (non fusionné)")
                % {"title": page.title}
            )
    ids = [revision.source_revision_id for revision in revisions]
    known = set(
        RevisionMeta.objects.filter(
            source_wiki=source_wiki, source_revision_id__in=ids
        ).values_list("source_revision_id", flat=True)
    )
    new = sorted(
        (revision for revision in revisions if revision.source_revision_id not in known),
        key=lambda revision: (revision.timestamp, revision.source_revision_id),
    )
    if page is not None and not new:
        return ImportOutcome(page=page, created=False, added=0, already_there=len(known))
    if (
        page is not None
        and RevisionMeta.objects.filter(page=page, origin=RevisionOrigin.LOCAL).exists()
    ):
        raise ImportRefused(
            _(
                "« %(title)s » a été modifié dans Ker depuis l'import : "
                "nouvelles révisions non ajoutées"
            )
            % {"title": page.title}
        )
    created = page is None
    previous_meta = None
    if created:
        # Born live with its last imported text; its revisions are attached just after.
        page = ArticlePage(
            title=title,
            draft_title=title,
            slug=slug,
            live=True,
            has_unpublished_changes=False,
            owner=None,
            body=new[-1].markdown,
            first_published_at=new[0].timestamp,
            last_published_at=new[-1].timestamp,
        )
        page.tags.set(list(_tags_of(new[-1])[0]))
        (parent or article_index()).add_child(instance=page)
    else:
        previous_meta = (
            RevisionMeta.objects.filter(page=page).order_by("-created_at", "-revision_id").first()
        )
    base = page.serializable_data()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    tags_cut = 0
    wagtail_revisions = []
    for revision in new:
        tags, cut = _tags_of(revision)
        tags_cut += cut
        content = dict(base)
        content.update(
            title=title,
            draft_title=title,
            slug=slug,
            body=revision.markdown,
            live=True,
            has_unpublished_changes=False,
            tagged_items=[
                {"pk": None, "tag": _tag_id(tag), "content_object": page.pk} for tag in tags
            ],
        )
        wagtail_revisions.append(
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=revision.timestamp,
                user=None,
                object_str=title,
                content=content,
            )
        )
    wagtail_revisions = Revision.objects.bulk_create(wagtail_revisions)
    if any(item.pk is None for item in wagtail_revisions):  # databases without RETURNING
        wagtail_revisions = list(
            Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
        )[-len(new) :]
    metas = []
    previous_revision = previous_meta.revision if previous_meta else None
    previous_size = previous_meta.size if previous_meta else 0
    for index, (revision, wagtail_revision) in enumerate(zip(new, wagtail_revisions, strict=True)):
        size = len(revision.markdown.encode("utf-8"))
        is_creation = created and index == 0
        metas.append(
            RevisionMeta(
                revision=wagtail_revision,
                page=page,
                user=None,
                author_name=revision.author_name[:255],
                created_at=revision.timestamp,
                edit_summary=" ".join(revision.edit_summary.split())[:MAX_EDIT_SUMMARY_LENGTH],
                minor=revision.minor and not is_creation,
                is_creation=is_creation,
                title=title,
                size=size,
                size_delta=size - previous_size,
                ip_hash=hash_ip(revision.ip_address),
                status=RevisionStatus.APPROVED,
                previous_revision=previous_revision,
                patrolled=True,
                origin=RevisionOrigin.IMPORTED,
                source_wiki=source_wiki[:255],
                source_revision_id=revision.source_revision_id,
                source_text=revision.wikitext,
            )
        )
        previous_revision, previous_size = wagtail_revision, size
    RevisionMeta.objects.bulk_create(metas)
    last = wagtail_revisions[-1]
    if created:
        ArticlePage.objects.filter(pk=page.pk).update(
            latest_revision=last, live_revision=last, latest_revision_created_at=last.created_at
        )
        # The three columns just written, without reading the page back.
        page.latest_revision, page.live_revision = last, last
        page.latest_revision_created_at = last.created_at
        # What Wagtail's publish would announce (search index, caches), without saving the
        # page a third time.
        page_published.send(sender=ArticlePage, instance=page, revision=last)
    else:
        page.latest_revision = last
        page.save(update_fields=["latest_revision"], clean=False)
        last.publish(user=None, log_action=False, skip_permission_checks=True)
        ArticlePage.objects.filter(pk=page.pk).update(
            last_published_at=new[-1].timestamp, latest_revision_created_at=last.created_at
        )
        page.refresh_from_db()
    log(
        instance=page,
        action="wiki.import",
        user=user,
        data={"source_wiki": source_wiki, "revisions": len(new)},
    )
    return ImportOutcome(
        page=page,
        created=created,
        added=len(new),
        already_there=len(known),
        tags_cut=tags_cut,
        revision_ids=[item.pk for item in wagtail_revisions],
    )


def _tags_of(revision: ImportedRevision) -> tuple[tuple[str, ...], int]:
    tags = parse_tags(list(revision.categories))
    if len(tags) > MAX_TAGS:
        return tags[:MAX_TAGS], 1
    return tags, 0


@transaction.atomic
def article_import_redirect(*, title: str, target_title: str, user=None) -> str:
    """Make an old MediaWiki title lead to an article: 'created', 'exists' or ImportRefused."""
    _check_can_import(user)
    title, slug = usable_title(title)
    _target_title, target_slug = usable_title(target_title.partition("#")[0] or target_title)
    if ArticlePage.objects.filter(slug=slug).exists():
        raise ImportRefused(
            _("la redirection « %(title)s » porte le titre d'un article existant")
            % {"title": title}
        )
    target = ArticlePage.objects.filter(slug=target_slug).first()
    if target is None:
        chained = Redirect.objects.filter(
            old_path=f"{WIKI_PREFIX}{target_slug}", redirect_page__isnull=False
        ).first()
        target = chained.redirect_page.specific if chained else None
    if target is None:
        raise ImportRefused(
            _("la redirection « %(title)s » mène à « %(target)s », absent de l'import")
            % {"title": title, "target": target_title}
        )
    old_path = Redirect.normalise_path(article_path(slug))
    if Redirect.objects.filter(old_path=old_path).exists():
        return "exists"
    Redirect.add_redirect(old_path, redirect_to=target, is_permanent=True)
    log(instance=target, action="wiki.import_redirect", user=user, data={"from": title})
    return "created"


@transaction.atomic
def talk_import(
    *,
    page: ArticlePage,
    markdown: str,
    author_name: str,
    created_at: datetime.datetime,
    source_wiki: str,
    source_revision_id: int,
    user=None,
) -> bool:
    """The last text of a MediaWiki talk page as one message (once per source revision)."""
    _check_can_import(user)
    marker = _("Discussion importée de %(wiki)s, révision %(id)s") % {
        "wiki": source_wiki,
        "id": source_revision_id,
    }
    if TalkMessage.objects.filter(page=page, body__startswith=f"*{marker}").exists():
        return False
    message = TalkMessage.objects.create(
        page=page,
        author=None,
        author_name=author_name[:255] or _("anonyme"),
        body=f"*{marker}*\n\n{markdown}",
        status=RevisionStatus.APPROVED,
    )
    TalkMessage.objects.filter(pk=message.pk).update(created_at=created_at)
    return True


@transaction.atomic
def article_reconvert(*, page: ArticlePage, convert, user=None) -> int:
    """Convert the kept wikitext of a page's imported revisions again (a better converter)."""
    _check_can_import(user)
    changed = 0
    metas = RevisionMeta.objects.filter(page=page, origin=RevisionOrigin.IMPORTED).exclude(
        source_text=""
    )
    previous_size = 0
    for meta in metas.select_related("revision").order_by("created_at", "revision_id"):
        conversion = convert(meta.source_text, title=meta.title)
        revision = meta.revision
        size = len(conversion.markdown.encode("utf-8"))
        if revision.content.get("body") != conversion.markdown:
            revision.content["body"] = conversion.markdown
            revision.save(update_fields=["content"])
            cache.delete(f"wiki:html:{RENDERER_VERSION}:{revision.pk}")
            changed += 1
            if revision.pk == page.live_revision_id:
                ArticlePage.objects.filter(pk=page.pk).update(body=conversion.markdown)
        RevisionMeta.objects.filter(pk=meta.pk).update(size=size, size_delta=size - previous_size)
        previous_size = size
    if changed:
        log(instance=page, action="wiki.reconvert", user=user, data={"revisions": changed})
        page.refresh_from_db()
        if page.live and page.live_revision_id:
            # Search index and caches follow the new text as after a publication.
            page_published.send(sender=ArticlePage, instance=page, revision=page.live_revision)
    return changed
