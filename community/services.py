"""Writes owned by the community app: accounts and shared images."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.log_actions import log

from . import policy
from .models import LICENCE_CHOICES, User
from .uploads import verify_image

LICENCES = {value for value, _label in LICENCE_CHOICES}


@transaction.atomic
def user_sign_up(*, username: str, email: str, password: str, accepted_licence: bool) -> User:
    """Create an account; contributing requires accepting the CC BY-SA 4.0 licence."""
    if not accepted_licence:
        raise ValidationError(
            {"accept_licence": [_("Vous devez accepter la licence CC BY-SA 4.0 pour contribuer.")]}
        )
    user = User(username=username, email=email, licence_accepted_at=timezone.now())
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
