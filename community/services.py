"""Writes owned by the community app: accounts and shared images."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import log

from . import policy
from .cache import invalidate as page_cache_invalidate
from .models import LICENCE_CHOICES, User
from .uploads import verify_image

LICENCES = {value for value, _label in LICENCE_CHOICES}


def hash_ip(ip_address: str | None) -> str:
    """A salted hash: lets facilitators group actions by origin without storing the address."""
    import hashlib

    from django.conf import settings

    if not ip_address:
        return ""
    return hashlib.sha256(f"{settings.KER_IP_HASH_SALT}:{ip_address}".encode()).hexdigest()


@transaction.atomic
def user_sign_up(
    *, username: str, email: str, password: str, accepted_licence: bool, ip_address: str = ""
) -> User:
    """Create an account; contributing requires accepting the CC BY-SA 4.0 licence."""
    if not accepted_licence:
        raise ValidationError(
            {"accept_licence": [_("Vous devez accepter la licence CC BY-SA 4.0 pour contribuer.")]}
        )
    ip_hash = hash_ip(ip_address)
    user = User(
        username=username, email=email, licence_accepted_at=timezone.now(), signup_ip_hash=ip_hash
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    log(instance=user, action="wagtail.create", user=user)
    return user


@transaction.atomic
def image_upload(*, file, title: str, author: str, licence: str, user):
    """Store a verified image (real JPEG/PNG/WebP/GIF) with its author and licence."""
    decision = policy.can_upload(user)
    if not decision:
        raise PermissionDenied(decision.reason)
    errors: dict[str, list[str]] = {}
    title = " ".join((title or "").split())[:255]
    author = " ".join((author or "").split())[:255]
    if not title:
        errors["image_title"] = [_("Donnez un titre à l'image (il sert de texte alternatif).")]
    if not author:
        errors["image_author"] = [_("Indiquez l'auteur ou l'autrice de l'image.")]
    if licence not in LICENCES:
        errors["image_licence"] = [_("Choisissez une licence dans la liste.")]
    try:
        extension = verify_image(file)
    except ValidationError as error:
        errors["image_file"] = error.messages
    if errors:
        raise ValidationError(errors)
    base_name = "".join(ch for ch in title.lower() if ch.isalnum() or ch in "-_")[:40] or "image"
    file.name = f"{base_name}.{extension}"
    image = get_image_model()(
        title=title, file=file, author=author, licence=licence, uploaded_by_user=user
    )
    image.save()
    log(instance=image, action="wagtail.create", user=user)
    return image


def notifications_mark_read(*, user) -> int:
    """Mark every unread notification of this person as read; returns how many were."""
    from django.utils import timezone

    from .models import Notification

    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notify(*, user, message: str, url: str = "", email: bool = False) -> None:
    """Tell someone on the site (and by email when asked) that something concerns them."""
    from django.conf import settings
    from django.core.mail import send_mail

    from .models import Notification

    if user is None or not user.is_active:
        return
    Notification.objects.create(user=user, message=message[:500], url=url[:500])
    if email and user.email:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        body = f"{message}\n\n{base}{url}" if url else message
        send_mail(
            subject=_("Ker : %(message)s") % {"message": message[:80]},
            message=body,
            from_email=None,
            recipient_list=[user.email],
            fail_silently=True,
        )


def _moderation_log(*, instance, action: str, user, reason: str = "", **data) -> None:
    log(instance=instance, action=action, user=user, data={"reason": reason, **data})


def _require_moderator(user) -> None:
    decision = policy.can_moderate(user)
    if not decision:
        raise PermissionDenied(decision.reason)


MAX_BLOCK_DAYS = 3650  # ten years; longer dates overflow, and "until lifted" is an empty duration


@transaction.atomic
def user_block(*, user, target: User, reason: str, duration_days: int | None = None) -> None:
    """Stop an account from editing, declaring and posting, for a while or until lifted."""
    from datetime import timedelta

    from .models import Block

    _require_moderator(user)
    reason = " ".join((reason or "").split())[:500]
    if not reason:
        raise ValidationError({"reason": [_("Indiquez le motif du blocage.")]})
    if target.pk == user.pk:
        raise ValidationError({"reason": [_("Vous ne pouvez pas vous bloquer vous-même.")]})
    if policy.is_administrator(target):
        raise ValidationError({"reason": [_("Un administrateur ne peut pas être bloqué.")]})
    if duration_days is not None and duration_days <= 0:
        raise ValidationError({"duration_days": [_("La durée doit être positive.")]})
    if duration_days is not None and duration_days > MAX_BLOCK_DAYS:
        raise ValidationError(
            {
                "duration_days": [
                    _(
                        "La durée d'un blocage ne dépasse pas %(days)s jours ; laissez-la vide "
                        "pour bloquer jusqu'à nouvel ordre."
                    )
                    % {"days": MAX_BLOCK_DAYS}
                ]
            }
        )
    expires_at = timezone.now() + timedelta(days=duration_days) if duration_days else None
    Block.objects.create(user=target, reason=reason, expires_at=expires_at, created_by=user)
    # Lists of contributors (community health) leave blocked accounts out.
    page_cache_invalidate(lists=True)
    _moderation_log(
        instance=target,
        action="community.block",
        user=user,
        reason=reason,
        expires_at=expires_at.isoformat() if expires_at else None,
    )
    notify(
        user=target,
        message=_("Votre compte a été bloqué. Motif : %(reason)s") % {"reason": reason},
        email=True,
    )


@transaction.atomic
def user_unblock(*, user, target: User, reason: str = "") -> None:
    from .models import Block

    _require_moderator(user)
    Block.objects.filter(user=target, lifted_at__isnull=True).update(lifted_at=timezone.now())
    page_cache_invalidate(lists=True)
    _moderation_log(instance=target, action="community.unblock", user=user, reason=reason)


@transaction.atomic
def user_confirm(*, user, target: User, reason: str = "") -> None:
    """A facilitator grants the confirmed status (edits publish without review)."""
    _require_moderator(user)
    _confirm(target)
    _moderation_log(instance=target, action="community.confirm", user=user, reason=reason)


def _confirm(target: User) -> None:
    if not target.is_confirmed:
        target.is_confirmed = True
        target.confirmed_at = timezone.now()
        target.save(update_fields=["is_confirmed", "confirmed_at"])


def user_trust_refresh(*, target: User, approved_edits: int) -> bool:
    """Promote a new contributor automatically after enough approved edits and days."""
    from django.conf import settings

    if target is None or target.is_confirmed:
        return False
    days = (timezone.now() - target.date_joined).days
    if approved_edits >= settings.KER_CONFIRM_MIN_EDITS and days >= settings.KER_CONFIRM_MIN_DAYS:
        _confirm(target)
        log(instance=target, action="community.confirm", user=None, data={"automatic": True})
        notify(
            user=target,
            message=_(
                "Vous êtes maintenant contributeur confirmé : "
                "vos modifications sont publiées directement."
            ),
        )
        return True
    return False


@transaction.atomic
def report_create(
    *,
    reporter,
    target_key: str,
    target_label: str,
    target_url: str,
    reason: str,
    ip_address: str = "",
):
    """Anyone, even without an account, may report a problem to the facilitators."""
    from .models import Report

    reason = (reason or "").strip()[:2000]
    if not reason:
        raise ValidationError({"reason": [_("Expliquez en quelques mots le problème.")]})
    ip_hash = hash_ip(ip_address)
    report = Report.objects.create(
        target_key=target_key[:100],
        target_label=target_label[:300],
        target_url=target_url[:500],
        reason=reason,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reporter_ip_hash=ip_hash,
    )
    log(instance=report, action="community.report", user=report.reporter, data={"reason": reason})
    return report


@transaction.atomic
def report_handle(*, user, report_id: int, resolution: str = "") -> None:
    from .models import Report

    _require_moderator(user)
    report = Report.objects.select_for_update().get(pk=report_id)
    report.handled_at = timezone.now()
    report.handled_by = user
    report.resolution = resolution[:500]
    report.save(update_fields=["handled_at", "handled_by", "resolution"])
    _moderation_log(
        instance=report, action="community.report_handled", user=user, reason=resolution
    )
