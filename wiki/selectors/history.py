"""Reads of revisions: an article's history, one revision, recent changes, who may see what."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from ..models import ArticlePage, RevisionMeta, RevisionOrigin, RevisionStatus

# What public lists show instead of the edit summary of a revision hidden by facilitators.
HIDDEN_SUMMARY = _("(résumé masqué)")


def article_history(page: ArticlePage):
    """Every revision of an article with its metadata, newest first."""
    return (
        RevisionMeta.objects.filter(page=page)
        .select_related("revision", "user")
        .order_by("-created_at", "-revision_id")
    )


def article_revision(page: ArticlePage, revision_id: int) -> Revision | None:
    return (
        Revision.page_revisions.filter(pk=revision_id, object_id=str(page.pk))
        .select_related("wiki_meta", "user")
        .first()
    )


def recent_changes(
    *,
    hide_minor: bool = False,
    username: str = "",
    new_pages_only: bool = False,
    include_pending: bool = True,
    unpatrolled_only: bool = False,
    include_imported: bool = False,
):
    """Every edit, newest first, with the filters MediaWiki users know.

    Revisions imported from another wiki are left out unless asked for: an import of years of
    history must not flood the list.
    """
    changes = RevisionMeta.objects.select_related("page", "user").order_by(
        "-created_at", "-revision_id"
    )
    if not include_imported:
        changes = changes.filter(origin=RevisionOrigin.LOCAL)
    if unpatrolled_only:
        changes = changes.filter(patrolled=False)
    if hide_minor:
        changes = changes.filter(minor=False)
    if username:
        changes = changes.filter(Q(author_name=username) | Q(user__username=username))
    if new_pages_only:
        changes = changes.filter(is_creation=True)
    if not include_pending:
        changes = changes.filter(status=RevisionStatus.APPROVED)
    return changes


def contributions(user, limit: int):
    """A person's latest wiki edits, for their contributor page."""
    from community.registry import Contribution

    metas = (
        RevisionMeta.objects.filter(user=user, status=RevisionStatus.APPROVED)
        .select_related("page")
        .order_by("-created_at")[:limit]
    )
    return [
        Contribution(
            date=meta.created_at,
            title=meta.page.title if meta.hidden else meta.title,
            url=reverse("wiki:revision", args=[meta.page.slug, meta.revision_id]),
            summary=HIDDEN_SUMMARY if meta.hidden else meta.edit_summary,
            kind="article",
        )
        for meta in metas
    ]


def visible_statuses(user) -> set[str]:
    """Which revisions someone may see: the public sees approved ones only."""
    from community import policy

    if policy.can_see_pending(user):
        return {RevisionStatus.APPROVED, RevisionStatus.PENDING, RevisionStatus.REJECTED}
    return {RevisionStatus.APPROVED}


def visible_history(page: ArticlePage, user):
    """The history a person may see: their own pending/refused edits, and all for facilitators."""
    history = article_history(page)
    statuses = visible_statuses(user)
    condition = Q(status__in=statuses)
    if user is not None and user.is_authenticated:
        condition |= Q(user=user)
    return history.filter(condition)


def can_view_revision(user, meta: RevisionMeta | None) -> bool:
    if meta is None:
        return False
    if meta.status in visible_statuses(user):
        return True
    return bool(user is not None and user.is_authenticated and meta.user_id == user.pk)


def can_view_hidden(user) -> bool:
    from community import policy

    return policy.can_see_hidden(user)
