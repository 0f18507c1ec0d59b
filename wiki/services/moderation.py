"""Facilitators' tools: pending changes, patrol, rollback, spam clean-up, hiding, protection.

Each function checks `community.policy.can_moderate`, runs in one transaction and writes who,
what and why to Wagtail's audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from community import policy
from community.services import notify, user_trust_refresh

from ..models import ArticlePage, ArticleProtection, ProtectionLevel, RevisionMeta, RevisionStatus
from .articles import (
    ArticleFields,
    _apply_fields,
    _record_revision,
    current_revision,
    publish_revision,
    unpublish_article,
    validate_fields,
)


def _require_moderator(user) -> None:
    decision = policy.can_moderate(user)
    if not decision:
        raise PermissionDenied(decision.reason)


def _clean_reason(reason: str) -> str:
    return " ".join((reason or "").split())[:500]


def pending_metas(page: ArticlePage):
    return RevisionMeta.objects.filter(page=page, status=RevisionStatus.PENDING).order_by(
        "created_at", "revision_id"
    )


def _notify_authors(metas, message: str, url: str) -> None:
    seen = set()
    for meta in metas:
        if meta.user_id and meta.user_id not in seen:
            seen.add(meta.user_id)
            notify(user=meta.user, message=message, url=url, email=True)


@transaction.atomic
def revision_approve(*, page: ArticlePage, user, reason: str = "") -> Revision:
    """Publish the newest pending revision of an article (and accept those before it)."""
    _require_moderator(user)
    page = ArticlePage.objects.select_for_update().get(pk=page.pk)
    metas = list(pending_metas(page).select_related("user"))
    if not metas:
        raise ValidationError(_("Il n'y a rien à relire sur cet article."))
    newest = metas[-1]
    now = timezone.now()
    reason = _clean_reason(reason)
    RevisionMeta.objects.filter(pk__in=[meta.pk for meta in metas]).update(
        status=RevisionStatus.APPROVED,
        reviewed_by=user,
        reviewed_at=now,
        review_reason=reason,
        patrolled=True,
        patrolled_by=user,
    )
    page = publish_revision(newest.revision, user=user)
    log(
        instance=page,
        action="wiki.approve",
        user=user,
        data={"reason": reason, "revision_id": newest.revision_id},
    )
    _notify_authors(
        metas,
        _("Votre modification de « %(title)s » a été acceptée et publiée.") % {"title": page.title},
        page.url or "",
    )
    for author in {meta.user for meta in metas if meta.user_id}:
        approved = RevisionMeta.objects.filter(user=author, status=RevisionStatus.APPROVED).count()
        user_trust_refresh(target=author, approved_edits=approved)
    return newest.revision


@transaction.atomic
def revision_reject(*, page: ArticlePage, user, reason: str = "") -> None:
    """Refuse the pending revisions of an article: they stay in history, marked refused."""
    _require_moderator(user)
    page = ArticlePage.objects.select_for_update().get(pk=page.pk)
    metas = list(pending_metas(page).select_related("user"))
    if not metas:
        raise ValidationError(_("Il n'y a rien à relire sur cet article."))
    reason = _clean_reason(reason)
    RevisionMeta.objects.filter(pk__in=[meta.pk for meta in metas]).update(
        status=RevisionStatus.REJECTED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
        review_reason=reason,
        patrolled=True,
        patrolled_by=user,
    )
    if page.live_revision_id:
        # Wagtail's draft pointer goes back to the live version: the next edit starts there.
        ArticlePage.objects.filter(pk=page.pk).update(
            latest_revision_id=page.live_revision_id,
            has_unpublished_changes=False,
            draft_title=page.title,
        )
    log(
        instance=page,
        action="wiki.reject",
        user=user,
        data={"reason": reason, "revision_ids": [meta.revision_id for meta in metas]},
    )
    message = _("Votre modification de « %(title)s » n'a pas été retenue.") % {"title": page.title}
    if reason:
        message += " " + _("Motif : %(reason)s") % {"reason": reason}
    _notify_authors(metas, message, f"/wiki/{page.slug}/historique/")


@transaction.atomic
def revision_patrol(*, revision_id: int, user) -> RevisionMeta:
    """Mark an edit as checked by a facilitator (MediaWiki's patrol)."""
    _require_moderator(user)
    meta = RevisionMeta.objects.select_related("page").get(revision_id=revision_id)
    if not meta.patrolled:
        meta.patrolled = True
        meta.patrolled_by = user
        meta.save(update_fields=["patrolled", "patrolled_by"])
        log(instance=meta.page, action="wiki.patrol", user=user, data={"revision_id": revision_id})
    return meta


def _restore(page: ArticlePage, *, to: Revision, user, summary: str) -> Revision:
    latest = current_revision(page)
    fields = validate_fields(ArticleFields.from_revision(to), page=page)
    draft = latest.as_object()
    _apply_fields(draft, fields)
    revision = draft.save_revision(user=user, log_action=True, clean=False)
    _record_revision(
        page=page,
        revision=revision,
        user=user,
        fields=fields,
        edit_summary=summary,
        minor=False,
        is_creation=False,
        ip_address=None,
        published=True,
        previous_size=len(ArticleFields.from_revision(latest).body.encode("utf-8")),
        previous_revision=latest,
        reverted_to=to,
    )
    publish_revision(revision, user=user)
    return revision


def _author_key(meta: RevisionMeta) -> str:
    return f"user:{meta.user_id}" if meta.user_id else f"name:{meta.author_name}:{meta.ip_hash}"


@transaction.atomic
def article_rollback(*, page: ArticlePage, user, reason: str = "") -> Revision | None:
    """Revert, in one click, all the consecutive last edits of the article's last author."""
    _require_moderator(user)
    page = ArticlePage.objects.select_for_update().get(pk=page.pk)
    metas = list(
        RevisionMeta.objects.filter(page=page)
        .exclude(status=RevisionStatus.REJECTED)
        .order_by("-created_at", "-revision_id")
    )
    if not metas:
        return None
    vandal_key = _author_key(metas[0])
    run = []
    for meta in metas:
        if _author_key(meta) != vandal_key:
            break
        run.append(meta)
    good = metas[len(run)] if len(run) < len(metas) else None
    if good is None:
        raise ValidationError(
            _("Toutes les versions sont de la même personne : rien à quoi revenir.")
        )
    name = run[0].author_name or _("anonyme")
    pending = [meta.pk for meta in run if meta.status == RevisionStatus.PENDING]
    RevisionMeta.objects.filter(pk__in=pending).update(
        status=RevisionStatus.REJECTED, reviewed_by=user, reviewed_at=timezone.now()
    )
    RevisionMeta.objects.filter(pk__in=[meta.pk for meta in run]).update(
        patrolled=True, patrolled_by=user
    )
    summary = _(
        "Annulation des modifications de %(vandal)s ; retour à la version de %(author)s"
    ) % {
        "vandal": name,
        "author": good.author_name or _("anonyme"),
    }
    revision = _restore(page, to=good.revision, user=user, summary=summary)
    log(
        instance=page,
        action="wiki.rollback",
        user=user,
        data={"reason": _clean_reason(reason), "reverted_author": name, "edits": len(run)},
    )
    return revision


@dataclass
class CleanupReport:
    reverted: list[ArticlePage] = field(default_factory=list)
    unpublished: list[ArticlePage] = field(default_factory=list)
    skipped: list[ArticlePage] = field(default_factory=list)


@transaction.atomic
def user_revert_since(*, target, since: datetime, user, reason: str = "") -> CleanupReport:
    """Clean up a spam wave: undo every edit a person made since a date.

    Articles they created in that period are unpublished; articles where they are the last
    author are rolled back; articles someone else edited afterwards are listed for a human.
    """
    _require_moderator(user)
    report = CleanupReport()
    page_ids = (
        RevisionMeta.objects.filter(user=target, created_at__gte=since)
        .values_list("page_id", flat=True)
        .distinct()
    )
    for page in ArticlePage.objects.filter(pk__in=list(page_ids)).order_by("pk"):
        metas = list(
            RevisionMeta.objects.filter(page=page)
            .exclude(status=RevisionStatus.REJECTED)
            .order_by("created_at", "revision_id")
        )
        created_by_target = metas and metas[0].user_id == target.pk and metas[0].created_at >= since
        if created_by_target and all(meta.user_id == target.pk for meta in metas):
            RevisionMeta.objects.filter(page=page).update(
                status=RevisionStatus.REJECTED, patrolled=True, patrolled_by=user
            )
            unpublish_article(page, user=user)
            report.unpublished.append(page)
            continue
        if metas and metas[-1].user_id == target.pk:
            before = [m for m in metas if not (m.user_id == target.pk and m.created_at >= since)]
            if before:
                good = before[-1]
                RevisionMeta.objects.filter(page=page, user=target, created_at__gte=since).update(
                    patrolled=True, patrolled_by=user
                )
                RevisionMeta.objects.filter(
                    page=page, user=target, created_at__gte=since, status=RevisionStatus.PENDING
                ).update(status=RevisionStatus.REJECTED)
                summary = _(
                    "Nettoyage : annulation des modifications de %(name)s depuis le %(date)s"
                ) % {
                    "name": target.get_username(),
                    "date": timezone.localtime(since).strftime("%d/%m/%Y"),
                }
                _restore(page, to=good.revision, user=user, summary=summary)
                report.reverted.append(page)
                continue
        report.skipped.append(page)
    log(
        instance=target,
        action="wiki.mass_revert",
        user=user,
        data={
            "reason": _clean_reason(reason),
            "since": since.isoformat(),
            "reverted": [page.pk for page in report.reverted],
            "unpublished": [page.pk for page in report.unpublished],
            "skipped": [page.pk for page in report.skipped],
        },
    )
    return report


@transaction.atomic
def revision_hide(*, revision_id: int, user, reason: str, hidden: bool = True) -> RevisionMeta:
    """Hide (or show again) a revision's content from the public; facilitators still see it."""
    _require_moderator(user)
    reason = _clean_reason(reason)
    if hidden and not reason:
        raise ValidationError({"reason": [_("Indiquez pourquoi ce contenu est masqué.")]})
    meta = RevisionMeta.objects.select_related("page").get(revision_id=revision_id)
    if hidden and meta.revision_id == meta.page.live_revision_id:
        raise ValidationError(
            _("On ne peut pas masquer la version publiée : annulez-la d'abord (révoquer).")
        )
    meta.hidden = hidden
    meta.hidden_reason = reason if hidden else ""
    meta.save(update_fields=["hidden", "hidden_reason"])
    log(
        instance=meta.page,
        action="wiki.hide" if hidden else "wiki.unhide",
        user=user,
        data={"reason": reason, "revision_id": revision_id},
    )
    return meta


@transaction.atomic
def article_protect(
    *,
    page: ArticlePage,
    user,
    level: str,
    expires_at: datetime | None = None,
    reason: str = "",
    under_review: bool = False,
) -> ArticleProtection:
    """Restrict who may edit an article (with an optional end), or put it under review."""
    _require_moderator(user)
    if level not in ProtectionLevel.values:
        raise ValidationError({"level": [_("Niveau de protection inconnu.")]})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": [_("La date de fin doit être dans le futur.")]})
    protection, _created = ArticleProtection.objects.get_or_create(page=page)
    protection.level = level
    protection.expires_at = expires_at if level else None
    protection.reason = _clean_reason(reason)
    protection.under_review = under_review
    protection.updated_by = user
    protection.save()
    log(
        instance=page,
        action="wiki.protect",
        user=user,
        data={
            "reason": protection.reason,
            "level": level,
            "expires_at": expires_at.isoformat() if expires_at else None,
            "under_review": under_review,
        },
    )
    return protection
