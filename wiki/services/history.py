"""Restoring an old revision of an article as a new one (history is never rewritten)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from community import policy

from ..models import ArticlePage, RevisionMeta, RevisionStatus
from .articles import (
    SaveResult,
    actor,
    check_can_edit,
    edit_start_revision,
    publish_revision,
    revision_on_top,
)
from .fields import ArticleFields, validate_fields


@transaction.atomic
def article_revert(
    *,
    page: ArticlePage,
    revision_id: int,
    user,
    ip_address: str | None = None,
    explicit: bool = False,
) -> SaveResult:
    """Bring back an old revision's content as a new revision (history is never rewritten).

    A hidden, refused or someone else's pending revision is never brought back by a
    resident; a facilitator does it only when asking for it explicitly (`explicit`).
    """
    check_can_edit(user, page)
    try:
        old = Revision.page_revisions.get(pk=revision_id, object_id=str(page.pk))
    except Revision.DoesNotExist:
        raise ValidationError(_("Cette version n'existe pas pour cet article.")) from None
    _check_can_restore(old, user=user, explicit=explicit)
    page = ArticlePage.objects.select_for_update().get(pk=page.pk)
    old_fields = ArticleFields.from_revision(old)
    latest = edit_start_revision(page, user)
    if old_fields == ArticleFields.from_revision(latest):
        return SaveResult(page=page, revision=None, published=False)
    fields = validate_fields(old_fields, page=page)
    published = policy.save_publishes(user, page)
    when = formats.date_format(timezone.localtime(old.created_at), "DATETIME_FORMAT")
    author = old.user.get_username() if old.user else _("anonyme")
    revision = revision_on_top(
        page=page,
        latest=latest,
        fields=fields,
        user=user,
        edit_summary=_("Retour à la version du %(date)s par %(author)s")
        % {"date": when, "author": author},
        ip_address=ip_address,
        published=published,
        reverted_to=old,
    )
    log(
        instance=page,
        action="wiki.revert",
        user=actor(user),
        data={"revision_id": revision.pk, "reverted_to": old.pk},
    )
    if published:
        page = publish_revision(revision, user=user)
    return SaveResult(page=page, revision=revision, published=published)


def restore_needs_confirmation(meta: RevisionMeta | None, user) -> bool:
    """Is this revision one that only a facilitator may restore, and only explicitly?"""
    if meta is None:
        return False
    if meta.hidden or meta.status == RevisionStatus.REJECTED:
        return True
    own = user is not None and user.is_authenticated and meta.user_id == user.pk
    return meta.status == RevisionStatus.PENDING and not own


def _check_can_restore(revision: Revision, *, user, explicit: bool) -> None:
    meta = RevisionMeta.objects.filter(revision=revision).first()
    if not restore_needs_confirmation(meta, user):
        return
    if not policy.can_moderate(user):
        raise PermissionDenied(
            _(
                "Cette version a été masquée, refusée ou attend encore la relecture : "
                "elle ne peut pas être restaurée."
            )
        )
    if not explicit:
        raise ValidationError(
            _(
                "Cette version est masquée, refusée ou en attente de relecture : pour la "
                "restaurer, confirmez-le explicitement."
            )
        )
