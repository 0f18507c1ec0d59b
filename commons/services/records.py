"""Writes to a commons record: declare, edit (or suggest), publish, reject, owners, images.

Each function checks permissions (community.policy through commons.permissions), runs in one
transaction, saves a django-reversion version when the record changes, writes the audit log
and schedules the search index update. Views, the review queue, commands and the demo all
call these, so they behave the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from community import policy

from .. import permissions, selectors
from ..indexing import schedule_index, schedule_removal
from ..models import (
    Commons,
    CommonsImage,
    CommonsOwner,
    Status,
    SuggestedChange,
    SuggestionStatus,
)
from .fields import apply_changes, changed_only, clean_changes, current_values

RESERVED_SLUGS = {
    "declarer",
    "carte",
    "export",
    "exports",
    "modifier",
    "historique",
    "geojson",
    "flux",
}
MAX_COMMENT_LENGTH = 500


class DuplicatesFound(Exception):
    """Similar records exist: nothing was saved; the declarant may confirm and try again."""

    def __init__(self, duplicates: list[selectors.PossibleDuplicate]):
        super().__init__("possible duplicates")
        self.duplicates = duplicates


@dataclass(frozen=True)
class UpdateResult:
    commons: Commons
    applied: bool
    suggestion: SuggestedChange | None = None

    @property
    def unchanged(self) -> bool:
        return not self.applied and self.suggestion is None


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def clean_comment(text: str) -> str:
    return " ".join((text or "").split())[:MAX_COMMENT_LENGTH]


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A readable, stable address; reserved words and taken slugs get a number."""
    base = slugify(name)[:200].strip("-") or "commun"
    if base in RESERVED_SLUGS:
        base = f"{base}-commun"
    slug, number = base, 2
    taken = Commons.objects.exclude(pk=exclude_pk) if exclude_pk else Commons.objects
    while taken.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def save_version(commons: Commons, *, user, comment: str) -> None:
    """One django-reversion version of the record, its assessment and its answers."""
    with reversion.create_revision(atomic=False):
        reversion.set_user(user if policy.is_authenticated(user) else None)
        reversion.set_comment(clean_comment(comment))
        reversion.add_to_revision(commons)


def commons_declare(
    *,
    user,
    name: str,
    summary: str,
    website: str = "",
    commune: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    duplicates_confirmed: bool = False,
) -> Commons:
    """Declare a commons: only a name and a one-sentence summary are needed to start.

    The declarant becomes its owner; the record waits for a facilitator unless declared by
    one. Similar records raise DuplicatesFound until the declarant confirms.
    """
    _require(policy.can_declare(user))
    changes = clean_changes(
        {
            "name": name,
            "summary": summary,
            "website": website,
            "commune": commune,
            "latitude": latitude,
            "longitude": longitude,
        }
    )
    if not duplicates_confirmed:
        duplicates = selectors.possible_duplicates(
            name=changes["name"],
            website=changes["website"],
            latitude=changes["latitude"],
            longitude=changes["longitude"],
            user=user,
        )
        if duplicates:
            raise DuplicatesFound(duplicates)
    publishes = policy.is_facilitator(user)
    with transaction.atomic():
        commons = Commons(
            slug=unique_slug(changes["name"]),
            declared_by=user,
            status=Status.PUBLISHED if publishes else Status.PENDING,
            published_at=timezone.now() if publishes else None,
        )
        apply_changes(commons, changes)
        CommonsOwner.objects.create(commons=commons, user=user, added_by=user)
        save_version(commons, user=user, comment=_("Déclaration du commun"))
        log(instance=commons, action="commons.declare", user=user, title=commons.name)
        schedule_index(commons)
    return commons


def commons_update(
    *, commons: Commons, user, changes: dict[str, Any], comment: str = ""
) -> UpdateResult:
    """Change some fields: applied at once for confirmed owners and facilitators, else suggested.

    A suggestion stores the new and the previous values and waits for an owner or a
    facilitator (see suggestion_approve). Unchanged values are ignored.
    """
    _require(permissions.can_change(user, commons))
    cleaned = clean_changes(changes, base=commons)
    private = set(cleaned) & {"contact_name", "contact_email", "contact_phone", "contact_public"}
    if private and not permissions.can_manage(user, commons):
        raise PermissionDenied(_("Seuls les porteurs et les animateurs modifient le contact."))
    cleaned = changed_only(commons, cleaned)
    if not cleaned:
        return UpdateResult(commons=commons, applied=False)
    with transaction.atomic():
        if permissions.edit_applies_directly(user, commons):
            apply_changes(commons, cleaned)
            save_version(commons, user=user, comment=comment or _("Modification"))
            log(
                instance=commons,
                action="commons.edit",
                user=user,
                data={"fields": sorted(cleaned)},
            )
            schedule_index(commons)
            return UpdateResult(commons=commons, applied=True)
        suggestion = SuggestedChange.objects.create(
            commons=commons,
            author=user,
            changes=cleaned,
            previous=current_values(commons, tuple(cleaned)),
            comment=clean_comment(comment),
        )
        log(
            instance=commons,
            action="commons.suggest",
            user=user,
            data={"suggestion": suggestion.pk, "fields": sorted(cleaned)},
        )
    return UpdateResult(commons=commons, applied=False, suggestion=suggestion)


def _decide(
    *,
    commons: Commons,
    user,
    status: str,
    reason: str,
    action: str,
    allowed_from: set,
    refusal: str,
) -> Commons:
    _require(policy.can_moderate(user))
    with transaction.atomic():
        commons = Commons.objects.select_for_update().get(pk=commons.pk)
        if commons.status not in allowed_from:
            raise ValidationError(refusal)
        commons.status = status
        commons.moderation_note = clean_comment(reason)
        if status == Status.PUBLISHED and commons.published_at is None:
            commons.published_at = timezone.now()
        commons.save(update_fields=["status", "moderation_note", "published_at", "updated_at"])
        log(instance=commons, action=action, user=user, data={"reason": commons.moderation_note})
        schedule_index(commons)
        _notify_owners_of_decision(commons, decided_by=user)
    return commons


def _notify_owners_of_decision(commons: Commons, *, decided_by) -> None:
    """Owners hear of a facilitator's decision on their record (on the site and by e-mail),
    once the decision is committed."""
    from community.services import notify

    messages = {
        Status.PUBLISHED: _("Votre commun « %(name)s » est publié dans l'annuaire."),
        Status.REJECTED: _("Votre déclaration « %(name)s » a été refusée."),
        Status.UNPUBLISHED: _("Votre commun « %(name)s » a été retiré de l'annuaire."),
    }
    message = messages[commons.status] % {"name": commons.name}
    if commons.moderation_note and commons.status != Status.PUBLISHED:
        message = f"{message} {_('Motif :')} {commons.moderation_note}"
    owners = [
        ownership.user
        for ownership in commons.ownerships.select_related("user")
        if ownership.user_id != decided_by.pk
    ]
    url = commons.get_absolute_url()

    def send() -> None:
        for owner in owners:
            notify(user=owner, message=message, url=url, email=True)

    transaction.on_commit(send)


def commons_publish(*, commons: Commons, user, reason: str = "") -> Commons:
    """A facilitator publishes a declaration (or a record unpublished or refused earlier)."""
    return _decide(
        commons=commons,
        user=user,
        status=Status.PUBLISHED,
        reason=reason,
        action="commons.publish",
        allowed_from={Status.PENDING, Status.UNPUBLISHED, Status.REJECTED},
        refusal=_("Ce commun est déjà publié."),
    )


def commons_reject(*, commons: Commons, user, reason: str = "") -> Commons:
    """A facilitator refuses a pending declaration; owners still see it, with the reason."""
    return _decide(
        commons=commons,
        user=user,
        status=Status.REJECTED,
        reason=reason,
        action="commons.reject",
        allowed_from={Status.PENDING},
        refusal=_("Seule une déclaration en attente peut être refusée."),
    )


def commons_unpublish(*, commons: Commons, user, reason: str = "") -> Commons:
    """Take a published record out of the directory, the map, the exports and the index."""
    return _decide(
        commons=commons,
        user=user,
        status=Status.UNPUBLISHED,
        reason=reason,
        action="commons.unpublish",
        allowed_from={Status.PUBLISHED},
        refusal=_("Ce commun n'est pas publié."),
    )


def commons_delete(*, commons: Commons, user, reason: str = "") -> None:
    """Facilitators only; the audit log keeps the trace, the index forgets it."""
    _require(policy.can_moderate(user))
    pk = commons.pk
    with transaction.atomic():
        log(
            instance=commons,
            action="wagtail.delete",
            user=user,
            deleted=True,
            data={"reason": clean_comment(reason)},
        )
        commons.delete()
        schedule_removal(pk)


def _owners_changed(commons: Commons, *, user, comment: str) -> None:
    """Owner changes are part of the record's history (a version with what changed)."""
    commons.save(update_fields=["updated_at"])
    save_version(commons, user=user, comment=comment)


def commons_owner_add(*, commons: Commons, user, username: str) -> CommonsOwner:
    """Confirmed owners and facilitators add a co-owner by their username.

    An unconfirmed owner cannot: a newcomer could otherwise bring in accounts of their own and
    take the record over before anyone reviewed them.
    """
    from django.contrib.auth import get_user_model

    _require(permissions.can_add_owner(user, commons))
    username = (username or "").strip()
    new_owner = get_user_model().objects.filter(username__iexact=username, is_active=True).first()
    if new_owner is None:
        raise ValidationError({"username": [_("Aucun compte ne porte ce nom.")]})
    if commons.ownerships.filter(user=new_owner).exists():
        raise ValidationError({"username": [_("Cette personne porte déjà ce commun.")]})
    with transaction.atomic():
        ownership = CommonsOwner.objects.create(commons=commons, user=new_owner, added_by=user)
        _owners_changed(
            commons,
            user=user,
            comment=_("Porteur ajouté : %(name)s") % {"name": new_owner.get_username()},
        )
        log(
            instance=commons,
            action="commons.owner_add",
            user=user,
            data={"owner": new_owner.username},
        )
    return ownership


def commons_owner_remove(*, commons: Commons, user, owner) -> None:
    """A commons always keeps at least one owner; see permissions.can_remove_owner for who."""
    _require(permissions.can_remove_owner(user, commons, owner))
    with transaction.atomic():
        locked = Commons.objects.select_for_update().get(pk=commons.pk)
        if locked.ownerships.count() <= 1:
            raise ValidationError(_("Un commun garde au moins un porteur."))
        deleted, _details = locked.ownerships.filter(user=owner).delete()
        if deleted:
            _owners_changed(
                commons,
                user=user,
                comment=_("Porteur retiré : %(name)s") % {"name": owner.get_username()},
            )
            log(
                instance=commons,
                action="commons.owner_remove",
                user=user,
                data={"owner": owner.username},
            )


def commons_image_add(
    *, commons: Commons, user, file, title: str, author: str, licence: str, caption: str = ""
) -> CommonsImage:
    """Store a verified, licensed image in the shared library and show it on the record.

    Like any other change, an image added by someone whose edits wait for review (an
    unconfirmed owner of a published record) stays pending until a reviewer accepts it.
    """
    from community.services import image_upload

    _require(permissions.can_manage(user, commons))
    publishes = permissions.edit_applies_directly(user, commons)
    with transaction.atomic():
        image = image_upload(file=file, title=title, author=author, licence=licence, user=user)
        position = commons.images.count()
        link = CommonsImage.objects.create(
            commons=commons,
            image=image,
            caption=" ".join((caption or "").split())[:255],
            sort_order=position,
            added_by=user,
            status=SuggestionStatus.APPROVED if publishes else SuggestionStatus.PENDING,
        )
        log(
            instance=commons,
            action="commons.image_add",
            user=user,
            data={"image": image.pk, "pending": not publishes},
        )
    return link


def commons_image_remove(*, commons: Commons, user, image_link_id: int) -> None:
    """Owners whose edits publish and facilitators remove images; others only their pending
    ones (taking a published image down is a change that would otherwise skip review)."""
    _require(permissions.can_manage(user, commons))
    links = commons.images.filter(pk=image_link_id)
    if not permissions.edit_applies_directly(user, commons):
        if links.exclude(added_by=user, status=SuggestionStatus.PENDING).exists():
            raise PermissionDenied(
                _("Retirer une image publiée est réservé aux porteurs confirmés et aux animateurs.")
            )
    with transaction.atomic():
        deleted, _details = links.delete()
        if deleted:
            log(instance=commons, action="commons.image_remove", user=user)


def _image_decide(*, link: CommonsImage, user, approve: bool, reason: str) -> CommonsImage:
    decision = permissions.can_review_image(user, link)
    if not decision:
        raise PermissionDenied(decision.reason)
    with transaction.atomic():
        locked = CommonsImage.objects.select_for_update().select_related("commons").get(pk=link.pk)
        if locked.status != SuggestionStatus.PENDING:
            raise ValidationError(_("Cette image a déjà été relue."))
        locked.status = SuggestionStatus.APPROVED if approve else SuggestionStatus.REJECTED
        locked.save(update_fields=["status"])
        log(
            instance=locked.commons,
            action="commons.image_approve" if approve else "commons.image_reject",
            user=user,
            data={"image": locked.image_id, "reason": clean_comment(reason)},
        )
    return locked


def commons_image_approve(*, link: CommonsImage, user, reason: str = "") -> CommonsImage:
    """A reviewer accepts a pending image: it shows on the record from now on."""
    return _image_decide(link=link, user=user, approve=True, reason=reason)


def commons_image_reject(*, link: CommonsImage, user, reason: str = "") -> CommonsImage:
    """A reviewer refuses a pending image: it is never shown (the trace stays)."""
    return _image_decide(link=link, user=user, approve=False, reason=reason)
