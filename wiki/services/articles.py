"""Every write to the wiki goes through these functions.

Views, commands and the demo all call them, so permission checks (community.policy), the
publish-or-wait decision, the audit log, revision metadata, backlinks and conflict handling
behave the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Revision

from community import policy
from community.services import hash_ip

from ..markdown import extract_link_targets
from ..models import ArticleIndexPage, ArticlePage, RevisionMeta, RevisionStatus, WikiLink
from ..selectors import can_view_unpublished, own_pending_revision
from ..titles import WIKI_PREFIX, slug_for
from .fields import MAX_EDIT_SUMMARY_LENGTH, ArticleFields, merge_fields, validate_fields
from .publishing import PublishSavedPageRevisionAction, log_published_edit


@dataclass(frozen=True)
class SaveResult:
    page: ArticlePage
    revision: Revision | None
    published: bool
    merged: bool = False

    @property
    def unchanged(self) -> bool:
        return self.revision is None


class EditConflict(Exception):
    """Two people changed the same lines: nothing was saved, the user's text is kept."""

    def __init__(self, *, base_text: str, current_text: str, your_text: str, current_revision):
        super().__init__("edit conflict")
        self.base_text = base_text
        self.current_text = current_text
        self.your_text = your_text
        self.current_revision = current_revision


def actor(user):
    """The user to record in Wagtail (None for an anonymous edit, when those are allowed)."""
    return user if user is not None and user.is_authenticated else None


def check_can_edit(user, page=None) -> None:
    decision = policy.can_edit(user, page)
    if not decision:
        raise PermissionDenied(decision.reason)


def apply_fields(page: ArticlePage, fields: ArticleFields) -> None:
    page.title = fields.title
    page.draft_title = fields.title
    page.slug = slug_for(fields.title)
    page.body = fields.body
    page.summary = fields.summary
    page.place_name = fields.place_name
    page.latitude = fields.latitude
    page.longitude = fields.longitude
    page.cover_image_id = fields.cover_image_id
    page.tags.set(list(fields.tags))


def record_revision(
    *,
    page: ArticlePage,
    revision: Revision,
    user,
    fields: ArticleFields,
    edit_summary: str,
    minor: bool,
    is_creation: bool,
    ip_address: str | None,
    published: bool,
    previous_size: int,
    previous_revision: Revision | None = None,
    reverted_to: Revision | None = None,
) -> RevisionMeta:
    size = len(fields.body.encode("utf-8"))
    signed_in = user is not None and user.is_authenticated
    return RevisionMeta.objects.create(
        revision=revision,
        page=page,
        user=user if signed_in else None,
        author_name=user.get_username() if signed_in else "",
        patrolled=policy.is_facilitator(user),
        created_at=revision.created_at,
        edit_summary=" ".join(edit_summary.split())[:MAX_EDIT_SUMMARY_LENGTH],
        minor=minor and not is_creation,
        is_creation=is_creation,
        title=fields.title,
        size=size,
        size_delta=size - previous_size,
        ip_hash=hash_ip(ip_address),
        status=RevisionStatus.APPROVED if published else RevisionStatus.PENDING,
        previous_revision=previous_revision,
        reverted_to=reverted_to,
    )


def revision_on_top(
    *,
    page: ArticlePage,
    latest: Revision,
    fields: ArticleFields,
    user,
    edit_summary: str,
    published: bool,
    latest_fields: ArticleFields | None = None,
    minor: bool = False,
    ip_address: str | None = None,
    reverted_to: Revision | None = None,
    draft: ArticlePage | None = None,
    log_action: bool = True,
) -> Revision:
    """A new revision of an existing article: ``latest`` with ``fields``, and its metadata
    (an edit, a restore, a rollback). Publishing it is the caller's choice.

    ``draft`` is ``latest`` as a page object when the caller has built it (by default
    ``latest.as_object()``); the revision is saved from it, and `publish_revision` given it
    publishes it without rebuilding it. Without ``log_action``, the caller writes Wagtail's
    `wagtail.edit` log entry (`log_published_edit`).
    """
    if draft is None:
        draft = latest.as_object()
    apply_fields(draft, fields)
    revision = draft.save_revision(user=actor(user), log_action=log_action, clean=False)
    latest_fields = latest_fields or ArticleFields.from_revision(latest)
    record_revision(
        page=page,
        revision=revision,
        user=user,
        fields=fields,
        edit_summary=edit_summary,
        minor=minor,
        is_creation=False,
        ip_address=ip_address,
        published=published,
        previous_size=len(latest_fields.body.encode("utf-8")),
        previous_revision=latest,
        reverted_to=reverted_to,
    )
    return revision


def refresh_links(page: ArticlePage) -> None:
    """Rebuild the outgoing [[links]] of a live article (for "pages that link here")."""
    targets = {}
    for title in extract_link_targets(page.body):
        slug = slug_for(title)
        if slug and slug not in targets:
            targets[slug] = title[:255]
    existing = dict(WikiLink.objects.filter(source=page).values_list("target_slug", "pk"))
    stale = [pk for slug, pk in existing.items() if slug not in targets]
    if stale:
        WikiLink.objects.filter(pk__in=stale).delete()
    WikiLink.objects.bulk_create(
        [
            WikiLink(source=page, target_slug=slug, target_title=title)
            for slug, title in targets.items()
            if slug not in existing
        ]
    )


def publish_revision(
    revision: Revision, *, user, draft: ArticlePage | None = None, log_action: bool = True
) -> ArticlePage:
    """Make a revision the live version; links, watchers and the search index follow.

    ``draft``: the page object the revision was just saved from (`revision_on_top`), which
    Wagtail's publication then uses instead of rebuilding it from the revision, and which is
    returned as the live page instead of reading it again. Without ``log_action`` (with a
    ``draft`` only), the caller writes Wagtail's log entries (`log_published_edit`).
    """
    if draft is None:
        revision.publish(user=actor(user), skip_permission_checks=True)
        page = ArticlePage.objects.get(pk=revision.object_id)
    else:
        # Wagtail's validation need not re-read what the edit kept (ArticlePage.full_clean).
        draft._fields_kept_by_edit = ArticlePage.FIELDS_AN_EDIT_KEEPS
        try:
            PublishSavedPageRevisionAction(
                revision, page=draft, user=actor(user), log_action=log_action
            ).execute(skip_permission_checks=True)
        finally:
            del draft._fields_kept_by_edit
        page = draft
    refresh_links(page)
    from .community import notify_watchers

    notify_watchers(
        page=page,
        actor=revision.user,
        message=_("« %(title)s », que vous suivez, a été modifié.") % {"title": page.title},
        url=reverse("wiki:history", args=[page.slug]),
    )
    return page


def unpublish_article(page: ArticlePage, *, user) -> None:
    """Take an article offline (our policy already decided; Wagtail's own rights are not asked)."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    if page.live:
        UnpublishPageAction(page, user=actor(user), log_action=True).execute(
            skip_permission_checks=True
        )


def article_index() -> ArticleIndexPage:
    index_page = ArticleIndexPage.objects.first()
    if index_page is None:
        raise ArticleIndexPage.DoesNotExist("The /wiki/ index page is missing: run migrate.")
    return index_page


@transaction.atomic
def article_create(
    *,
    fields: ArticleFields,
    user,
    edit_summary: str = "",
    ip_address: str | None = None,
) -> SaveResult:
    """Create an article; it goes live at once unless the policy says it must be reviewed."""
    check_can_edit(user)
    fields = validate_fields(fields)
    index_page = article_index()
    page = ArticlePage(live=False, owner=actor(user))
    apply_fields(page, fields)
    index_page.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=actor(user))
    revision = page.save_revision(user=actor(user), log_action=True)
    published = policy.save_publishes(user, page)
    record_revision(
        page=page,
        revision=revision,
        user=user,
        fields=fields,
        edit_summary=edit_summary or _("Création de la page"),
        minor=False,
        is_creation=True,
        ip_address=ip_address,
        published=published,
        previous_size=0,
    )
    if published:
        page = publish_revision(revision, user=user)
    return SaveResult(page=page, revision=revision, published=published)


def live_revision(page: ArticlePage) -> Revision | None:
    """The published revision visitors read, or None for an article never published."""
    if page.live and page.live_revision_id:
        return Revision.objects.get(pk=page.live_revision_id)
    return None


def current_revision(page: ArticlePage) -> Revision:
    """The live revision; for a never-published article, its newest revision not refused.

    Never someone's pending revision when a live one exists: see `edit_start_revision`.
    """
    live = live_revision(page)
    if live is not None:
        return live
    meta = (
        RevisionMeta.objects.filter(page=page)
        .exclude(status=RevisionStatus.REJECTED)
        .select_related("revision")
        .order_by("-created_at", "-revision_id")
        .first()
    )
    if meta is not None:
        return meta.revision
    return Revision.objects.get(pk=page.latest_revision_id)


UNPUBLISHED_REFUSAL = _lazy(
    "Un article portant ce titre a été proposé et attend la relecture des animateurs : "
    "vous pourrez le compléter une fois qu'il sera publié."
)


def edit_start_revision(page: ArticlePage, user, *, publishes: bool | None = None) -> Revision:
    """The revision an edit by this person builds on (the edit form shows it).

    A save that publishes starts from the live revision, never from someone else's pending
    text. A save that waits for review continues its author's own pending revision, if any.
    A never-published article waiting for review is open to its author and facilitators only.
    ``publishes`` is `policy.save_publishes` when the caller has already asked it.
    """
    if publishes is None:
        publishes = policy.save_publishes(user, page)
    if not publishes:
        own = own_pending_revision(page, user)
        if own is not None:
            return own.revision
    live = live_revision(page)
    if live is not None:
        return live
    if not can_view_unpublished(user, page):
        raise PermissionDenied(UNPUBLISHED_REFUSAL)
    return current_revision(page)


def edit_open_to(page: ArticlePage, user) -> bool:
    """May this person open the edit form of this article (`edit_start_revision` would not
    refuse it)? Only a never-published article can be closed: a live one costs no query."""
    if page.live and page.live_revision_id:
        return True
    try:
        edit_start_revision(page, user)
    except PermissionDenied:
        return False
    return True


def _may_build_on(revision: Revision, user) -> bool:
    """An edit may start from an approved revision or from its author's own revision."""
    meta = RevisionMeta.objects.filter(revision=revision).first()
    if meta is None or meta.status == RevisionStatus.APPROVED:
        return True
    return bool(user is not None and user.is_authenticated and meta.user_id == user.pk)


CONFLICT_MARKERS = ("<<<<<<<", ">>>>>>>")


def _has_conflict_markers(body: str) -> bool:
    return any(line.startswith(CONFLICT_MARKERS) for line in body.splitlines())


@transaction.atomic
def article_save(
    *,
    page: ArticlePage,
    fields: ArticleFields,
    user,
    base_revision_id: int | None,
    edit_summary: str = "",
    minor: bool = False,
    ip_address: str | None = None,
    resolves_revision_id: int | None = None,
) -> SaveResult:
    """Save an edit as a new revision, merging with edits made since the form was opened.

    The edit builds on `edit_start_revision` (the live text for a save that publishes), so
    nobody's pending text is ever carried live by someone else's save. With
    `resolves_revision_id`, a facilitator publishes their hand-made merge of a pending
    revision that conflicted on approval, and that revision counts as accepted.

    Raises EditConflict when the same lines were changed by someone else meanwhile; raises
    ValidationError for bad input. In both cases nothing is written.
    """
    page = ArticlePage.objects.select_for_update().annotate_site_root_state().get(pk=page.pk)
    # The policy is asked once, on the locked row: who may edit, then whether the save publishes.
    check_can_edit(user, page)
    published = not policy.needs_review(user, page)
    resolved_meta = None
    if resolves_revision_id is not None:
        resolved_meta = _pending_to_resolve(page, resolves_revision_id, user)
    fields = validate_fields(fields, page=page)
    if resolved_meta is not None and _has_conflict_markers(fields.body):
        raise ValidationError(
            {"body": [_("Retirez les marques de conflit (<<<<<<< et >>>>>>>) du texte.")]}
        )
    was_published = page.live
    latest = edit_start_revision(page, user, publishes=published)
    current_fields = ArticleFields.from_revision(latest)
    merged = False
    if base_revision_id and base_revision_id != latest.pk:
        try:
            base_revision = Revision.page_revisions.get(pk=base_revision_id, object_id=str(page.pk))
        except Revision.DoesNotExist:
            raise ValidationError(
                _("La version de départ de votre modification est inconnue : rechargez la page.")
            ) from None
        if not _may_build_on(base_revision, user):
            raise ValidationError(
                _(
                    "La version de départ de votre modification n'est pas publiée : "
                    "rechargez la page."
                )
            )
        base_fields = ArticleFields.from_revision(base_revision)
        merged_fields = merge_fields(base_fields, current_fields, fields)
        if merged_fields is None:
            raise EditConflict(
                base_text=base_fields.body,
                current_text=current_fields.body,
                your_text=fields.body,
                current_revision=latest,
            )
        fields = validate_fields(merged_fields, page=page)
        merged = True
    if fields == current_fields:
        if resolved_meta is not None and published:
            _accept_resolved(page, resolved_meta, user)
        return SaveResult(page=page, revision=None, published=False, merged=merged)
    # `latest.as_object()` without reading the page again: it is the row locked above. Whether
    # it is a site root (Wagtail asks on each save) was read with it, and its parent (read by
    # `with_content_json`) is the draft's too (Wagtail's validation on publishing reads it).
    draft = page.with_content_json(latest.content)
    draft._is_site_root = page._is_site_root
    draft._cached_parent_obj = page.get_parent()
    live_title = page.title
    revision = revision_on_top(
        page=page,
        latest=latest,
        latest_fields=current_fields,
        fields=fields,
        user=user,
        edit_summary=edit_summary,
        minor=minor,
        ip_address=ip_address,
        published=published,
        draft=draft,
        log_action=not published,
    )
    if published:
        edited_at = timezone.now()
        if not was_published:
            # Only its authors and facilitators could open a new article waiting for review:
            # publishing it accepts what they saw.
            _accept_pending_of_new_article(page, user)
        page = publish_revision(revision, user=user, draft=draft, log_action=False)
        log_published_edit(
            page, revision=revision, user=actor(user), old_title=live_title, edited_at=edited_at
        )
        if resolved_meta is not None:
            _accept_resolved(page, resolved_meta, user)
    else:
        page.refresh_from_db()
    return SaveResult(page=page, revision=revision, published=published, merged=merged)


def _pending_to_resolve(page: ArticlePage, revision_id: int, user) -> RevisionMeta:
    if not policy.can_moderate(user):
        raise PermissionDenied(policy.can_moderate(user).reason)
    meta = RevisionMeta.objects.filter(
        page=page, revision_id=revision_id, status=RevisionStatus.PENDING
    ).first()
    if meta is None:
        raise ValidationError(_("Cette modification n'attend plus de relecture."))
    return meta


def _accept_resolved(page: ArticlePage, meta: RevisionMeta, user) -> None:
    RevisionMeta.objects.filter(pk=meta.pk).update(
        status=RevisionStatus.APPROVED,
        reviewed_by=user,
        reviewed_at=timezone.now(),
        patrolled=True,
        patrolled_by=user,
    )
    log(
        instance=page,
        action="wiki.approve",
        user=user,
        data={"reason": "", "revision_id": meta.revision_id, "resolved_by_hand": True},
    )


def _accept_pending_of_new_article(page: ArticlePage, user) -> None:
    RevisionMeta.objects.filter(page=page, status=RevisionStatus.PENDING).update(
        status=RevisionStatus.APPROVED,
        reviewed_by=actor(user),
        reviewed_at=timezone.now(),
    )


def redirect_slugs_for(page: ArticlePage) -> list[str]:
    """Old slugs of a renamed article (kept as redirects by Wagtail)."""
    paths = Redirect.objects.filter(redirect_page=page).values_list("old_path", flat=True)
    return [path[len(WIKI_PREFIX) :].strip("/") for path in paths if path.startswith(WIKI_PREFIX)]
