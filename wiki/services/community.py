"""Talk pages and watchlists: how residents discuss an article and follow it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from community import policy
from community.services import notify

from ..models import ArticlePage, RevisionStatus, TalkMessage, Watch

MAX_MESSAGE_LENGTH = 20_000


@transaction.atomic
def talk_post(*, page: ArticlePage, user, body: str, parent_id: int | None = None) -> TalkMessage:
    """Post a message (Markdown) on an article's talk page; new contributors' wait for review."""
    decision = policy.can_post(user)
    if not decision:
        raise PermissionDenied(decision.reason)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Le message est vide.")]})
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {
                "body": [
                    _("Le message est trop long (%(max)s caractères au plus).")
                    % {"max": MAX_MESSAGE_LENGTH}
                ]
            }
        )
    parent = None
    if parent_id:
        parent = TalkMessage.objects.filter(pk=parent_id, page=page).first()
        if parent is None:
            raise ValidationError(_("Le message auquel vous répondez n'existe pas."))
    status = RevisionStatus.PENDING if policy.needs_review(user, None) else RevisionStatus.APPROVED
    message = TalkMessage.objects.create(
        page=page,
        parent=parent,
        author=user,
        author_name=user.get_username(),
        body=body,
        status=status,
    )
    log(instance=page, action="wiki.talk_post", user=user, data={"message_id": message.pk})
    if status == RevisionStatus.APPROVED:
        notify_watchers(
            page=page,
            actor=user,
            message=_("Nouveau message sur la discussion de « %(title)s ».")
            % {"title": page.title},
            url=reverse("wiki:talk", args=[page.slug]),
        )
    return message


@transaction.atomic
def talk_decide(*, message_id: int, user, approve: bool, reason: str = "") -> TalkMessage:
    decision = policy.can_moderate(user)
    if not decision:
        raise PermissionDenied(decision.reason)
    message = TalkMessage.objects.select_for_update().select_related("page").get(pk=message_id)
    message.status = RevisionStatus.APPROVED if approve else RevisionStatus.REJECTED
    message.save(update_fields=["status"])
    log(
        instance=message.page,
        action="wiki.talk_approve" if approve else "wiki.talk_reject",
        user=user,
        data={"message_id": message.pk, "reason": reason},
    )
    if message.author_id:
        text = (
            _("Votre message sur « %(title)s » a été publié.")
            if approve
            else _("Votre message sur « %(title)s » n'a pas été retenu.")
        ) % {"title": message.page.title}
        notify(
            user=message.author,
            message=text,
            url=reverse("wiki:talk", args=[message.page.slug]),
            email=True,
        )
    return message


def watch_feed_token_create(*, user) -> str:
    """Give this person the private token of their watchlist's Atom feed (kept if they have one)."""
    import secrets

    if not user.feed_token:
        user.feed_token = secrets.token_urlsafe(24)
        user.save(update_fields=["feed_token"])
    return user.feed_token


def watch_set(*, page: ArticlePage, user, watching: bool) -> bool:
    """Follow or stop following an article."""
    if not policy.is_authenticated(user):
        raise PermissionDenied(_("Connectez-vous pour suivre un article."))
    if watching:
        Watch.objects.get_or_create(user=user, page=page)
    else:
        Watch.objects.filter(user=user, page=page).delete()
    return watching


def notify_watchers(*, page: ArticlePage, actor, message: str, url: str) -> None:
    """Tell everyone following the article (except who made the change)."""
    watches = Watch.objects.filter(page=page).select_related("user")
    for watch in watches:
        if actor is not None and watch.user_id == getattr(actor, "pk", None):
            continue
        notify(user=watch.user, message=message, url=url)
