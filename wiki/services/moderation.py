"""Facilitators' tools: pending changes, patrol, rollback, spam clean-up, hiding, protection.

Each function checks `community.policy.can_moderate`, runs in one transaction and writes who,
what and why to Wagtail's audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from merge3 import Merge3
from wagtail.log_actions import log
from wagtail.models import Revision

from community import policy
from community.services import notify, user_trust_refresh

from ..models import ArticlePage, ArticleProtection, ProtectionLevel, RevisionMeta, RevisionStatus
from .articles import (
    current_revision,
    publish_revision,
    revision_on_top,
    unpublish_article,
)
from .fields import ArticleFields, merge_fields, validate_fields


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


class ApprovalConflict(ValidationError):
    """A pending revision changes lines changed since in the live text: nothing is published."""

    def __init__(self, meta: RevisionMeta):
        super().__init__(
            _(
                "Conflit : la modification de %(author)s touche des lignes modifiées depuis "
                "dans la version publiée. Rien n'a été publié ; résolvez le conflit à la main "
                "(lien « Résoudre le conflit » dans la file de relecture) ou refusez-la."
            )
            % {"author": meta.author_name or _("anonyme")}
        )
        self.meta = meta


@dataclass
class ApprovalPlan:
    """What approving an article's pending revisions would publish, computed without writing.

    Each pending revision brings exactly its own changes: a 3-way merge between the approved
    revision it was built on, the live text, and its text. `direct` means the newest pending
    revision itself can be published (nothing was approved since it was written).
    """

    metas: list[RevisionMeta]
    live: ArticleFields
    result: ArticleFields | None = None
    direct: bool = True
    conflict: RevisionMeta | None = None


def approved_base(meta: RevisionMeta, *, also_approved: frozenset[int] = frozenset()):
    """The approved revision a pending edit was built on (through its author's own pending
    revisions), or None for a new article."""
    seen: set[int] = set()
    previous = meta.previous_revision
    while previous is not None and previous.pk not in seen:
        seen.add(previous.pk)
        previous_meta = RevisionMeta.objects.filter(revision=previous).first()
        if (
            previous_meta is None
            or previous_meta.status == RevisionStatus.APPROVED
            or previous.pk in also_approved
        ):
            return previous
        previous = previous_meta.previous_revision
    return None


def approval_plan(page: ArticlePage, metas: list[RevisionMeta] | None = None) -> ApprovalPlan:
    """Merge the pending revisions, oldest first, on top of the live text (no write)."""
    if metas is None:
        metas = list(pending_metas(page).select_related("revision", "previous_revision", "user"))
    live_revision = current_live = None
    if page.live and page.live_revision_id:
        live_revision = Revision.objects.get(pk=page.live_revision_id)
    live_fields = (
        ArticleFields.from_revision(live_revision) if live_revision else ArticleFields("", "")
    )
    plan = ApprovalPlan(metas=metas, live=live_fields, result=live_fields)
    current_live = live_revision.pk if live_revision else None
    approved: set[int] = set()
    for meta in metas:
        pending = ArticleFields.from_revision(meta.revision)
        base = approved_base(meta, also_approved=frozenset(approved))
        if current_live is None or (base is not None and base.pk == current_live):
            plan.result, current_live = pending, meta.revision_id
        else:
            base_fields = ArticleFields.from_revision(base) if base else ArticleFields("", "")
            merged = merge_fields(base_fields, plan.result, pending)
            if merged is None:
                plan.conflict, plan.result = meta, None
                return plan
            plan.result, current_live, plan.direct = merged, -1, False
        approved.add(meta.revision_id)
    return plan


def conflict_draft(page: ArticlePage, revision_id: int) -> ArticleFields | None:
    """The live text with the pending revision's changes merged in and conflict markers where
    both changed the same lines, for a facilitator to resolve by hand."""
    meta = pending_metas(page).filter(revision_id=revision_id).select_related("revision").first()
    if meta is None or not (page.live and page.live_revision_id):
        return None
    live = ArticleFields.from_revision(Revision.objects.get(pk=page.live_revision_id))
    pending = ArticleFields.from_revision(meta.revision)
    base_revision = approved_base(meta)
    base = ArticleFields.from_revision(base_revision) if base_revision else ArticleFields("", "")
    merger = Merge3(
        base.body.splitlines(keepends=True),
        live.body.splitlines(keepends=True),
        pending.body.splitlines(keepends=True),
    )
    lines = merger.merge_lines(
        name_a=_("version publiée"),
        name_b=_("modification en attente de %(author)s") % {"author": meta.author_name or "?"},
    )
    values = {}
    for name in ("title", "summary", "tags", "place_name", "latitude", "longitude"):
        base_value, live_value = getattr(base, name), getattr(live, name)
        pending_value = getattr(pending, name)
        values[name] = pending_value if live_value == base_value else live_value
    return ArticleFields(
        body="".join(line if line.endswith("\n") else line + "\n" for line in lines),
        cover_image_id=live.cover_image_id,
        **values,
    )


@transaction.atomic
def revision_approve(*, page: ArticlePage, user, reason: str = "") -> Revision:
    """Accept the pending revisions of an article: each brings exactly its own changes.

    When nothing was published since they were written, the newest pending revision itself
    goes live; otherwise their changes are merged into the live text as a new revision. When
    the same lines changed on both sides, ApprovalConflict is raised and nothing is written.
    """
    _require_moderator(user)
    page = ArticlePage.objects.select_for_update().get(pk=page.pk)
    metas = list(pending_metas(page).select_related("user", "revision", "previous_revision"))
    if not metas:
        raise ValidationError(_("Il n'y a rien à relire sur cet article."))
    plan = approval_plan(page, metas)
    if plan.conflict is not None:
        raise ApprovalConflict(plan.conflict)
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
    if plan.direct:
        published = newest.revision
        page = publish_revision(published, user=user)
    elif plan.result == plan.live:
        published = Revision.objects.get(pk=page.live_revision_id)
    else:
        authors = ", ".join(dict.fromkeys(meta.author_name or _("anonyme") for meta in metas))
        published = _publish_fields(
            page,
            fields=validate_fields(plan.result, page=page),
            user=user,
            summary=_("Modification de %(authors)s acceptée, fusionnée avec la version publiée")
            % {"authors": authors},
        )
        page = ArticlePage.objects.get(pk=page.pk)
    log(
        instance=page,
        action="wiki.approve",
        user=user,
        data={
            "reason": reason,
            "revision_id": newest.revision_id,
            "published_revision_id": published.pk,
        },
    )
    _notify_authors(
        metas,
        _("Votre modification de « %(title)s » a été acceptée et publiée.") % {"title": page.title},
        page.url or "",
    )
    for author in {meta.user for meta in metas if meta.user_id}:
        approved = RevisionMeta.objects.filter(user=author, status=RevisionStatus.APPROVED).count()
        user_trust_refresh(target=author, approved_edits=approved)
    return published


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
    _notify_authors(metas, message, reverse("wiki:history", args=[page.slug]))


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


def _publish_fields(
    page: ArticlePage,
    *,
    fields: ArticleFields,
    user,
    summary: str,
    reverted_to: Revision | None = None,
) -> Revision:
    """A facilitator's new revision on top of the live one, published at once."""
    revision = revision_on_top(
        page=page,
        latest=current_revision(page),
        fields=fields,
        user=user,
        edit_summary=summary,
        published=True,
        reverted_to=reverted_to,
    )
    publish_revision(revision, user=user)
    return revision


def _restore(page: ArticlePage, *, to: Revision, user, summary: str) -> Revision:
    fields = validate_fields(ArticleFields.from_revision(to), page=page)
    return _publish_fields(page, fields=fields, user=user, summary=summary, reverted_to=to)


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
    # Back to the newest approved revision before the run: never to someone's pending text.
    good = next(
        (meta for meta in metas[len(run) :] if meta.status == RevisionStatus.APPROVED), None
    )
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
            before = [
                m
                for m in metas
                if not (m.user_id == target.pk and m.created_at >= since)
                and m.status == RevisionStatus.APPROVED
            ]
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
