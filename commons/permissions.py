"""Commons-specific answers built on community.policy (which stays the only source of roles)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from community import policy
from community.policy import Decision

from .models import Commons, CommonsImage, Status, SuggestedChange

ALLOWED = Decision(True)


def is_owner(user, commons: Commons) -> bool:
    if not policy.is_authenticated(user) or commons.pk is None:
        return False
    return commons.ownerships.filter(user=user).exists()


def can_view(user, commons: Commons) -> bool:
    """Published records are public; others are seen by their owners and facilitators."""
    if commons.status == Status.PUBLISHED:
        return True
    return policy.can_see_pending(user) or is_owner(user, commons)


def can_see_contact(user, commons: Commons) -> bool:
    """Contact details are private unless the owners made them public."""
    return commons.contact_public or policy.is_facilitator(user) or is_owner(user, commons)


def edit_applies_directly(user, commons: Commons) -> bool:
    """Facilitators and confirmed owners change the record at once; owners too while pending."""
    if not policy.can_edit(user, commons):
        return False
    if policy.is_facilitator(user):
        return True
    if not is_owner(user, commons):
        return False
    return commons.status != Status.PUBLISHED or policy.save_publishes(user, commons)


HARVESTED = Decision(
    False, _("Cette fiche vient d'un autre site : corrigez-la à sa source, elle suivra.")
)


def is_harvested(commons: Commons) -> bool:
    """Harvested copies are read-only here (see commons/importing/harvest.py)."""
    from .models import HarvestedRecord

    return bool(commons.pk) and HarvestedRecord.objects.filter(commons_id=commons.pk).exists()


def can_change(user, commons: Commons) -> Decision:
    """May this user edit (directly, or by suggesting a change that waits)?"""
    if is_harvested(commons):
        return HARVESTED
    decision = policy.can_edit(user, commons)
    if not decision:
        return decision
    if not can_view(user, commons):
        return Decision(False, _("Ce commun n'est pas encore publié."))
    if commons.status in (Status.REJECTED, Status.UNPUBLISHED) and not (
        policy.is_facilitator(user) or is_owner(user, commons)
    ):
        return Decision(False, _("Ce commun n'est pas publié."))
    return ALLOWED


def can_manage(user, commons: Commons) -> Decision:
    """Owners and facilitators manage co-owners, images and the self-assessment."""
    if is_harvested(commons):
        return HARVESTED
    decision = policy.can_edit(user, commons)
    if not decision:
        return decision
    if policy.is_facilitator(user) or is_owner(user, commons):
        return ALLOWED
    return Decision(False, _("Réservé aux porteurs de ce commun et aux animateurs."))


def can_assess(user, commons: Commons) -> Decision:
    """A self-assessment is written by the owners (confirmed ones once the record is public)."""
    decision = can_manage(user, commons)
    if not decision:
        return decision
    if not edit_applies_directly(user, commons):
        return Decision(
            False,
            _("L'auto-évaluation d'un commun publié est réservée aux porteurs confirmés."),
        )
    return ALLOWED


def can_restore(user, commons: Commons) -> Decision:
    """Owners (whose edits publish) and facilitators may bring an old version back."""
    decision = can_manage(user, commons)
    if not decision:
        return decision
    if not edit_applies_directly(user, commons):
        return Decision(False, _("Restaurer une version est réservé aux porteurs confirmés."))
    return ALLOWED


def _can_review(user, commons: Commons, *, proposed_by_id) -> Decision:
    """A facilitator, or a confirmed owner of the record other than who proposed the change."""
    if policy.is_facilitator(user):
        return ALLOWED
    if (
        is_owner(user, commons)
        and policy.save_publishes(user, commons)
        and proposed_by_id != user.pk
    ):
        return ALLOWED
    return Decision(
        False, _("Seuls les porteurs confirmés de ce commun et les animateurs peuvent décider.")
    )


def can_review_suggestion(user, suggestion: SuggestedChange) -> Decision:
    """A suggestion waits for a facilitator or a confirmed owner other than its author."""
    return _can_review(user, suggestion.commons, proposed_by_id=suggestion.author_id)


def can_add_owner(user, commons: Commons) -> Decision:
    """Confirmed owners (whose edits publish) and facilitators bring in co-owners."""
    decision = can_manage(user, commons)
    if not decision:
        return decision
    if policy.is_facilitator(user) or (
        is_owner(user, commons) and policy.save_publishes(user, commons)
    ):
        return ALLOWED
    return Decision(
        False,
        _(
            "Ajouter un porteur est réservé aux porteurs confirmés et aux animateurs : "
            "demandez-le à un animateur."
        ),
    )


def can_remove_owner(user, commons: Commons, owner) -> Decision:
    """Facilitators and confirmed owners remove co-owners; an unconfirmed owner only leaves.

    The declarant cannot be pushed out by a newcomer, who could otherwise take a record over.
    """
    decision = can_manage(user, commons)
    if not decision:
        return decision
    if policy.is_facilitator(user):
        return ALLOWED
    if policy.save_publishes(user, commons):
        return ALLOWED
    if owner is not None and owner.pk == user.pk:
        return ALLOWED
    return Decision(
        False,
        _(
            "Retirer un autre porteur est réservé aux porteurs confirmés et aux animateurs ; "
            "vous pouvez vous retirer vous-même."
        ),
    )


def can_see_image(user, link: CommonsImage) -> bool:
    """A pending image is seen by the person who added it and by those who may accept it."""
    if link.status == "approved":
        return True
    if link.status == "pending":
        return bool(policy.is_authenticated(user) and link.added_by_id == user.pk) or bool(
            can_review_image(user, link)
        )
    return policy.is_facilitator(user)


def can_review_image(user, link: CommonsImage) -> Decision:
    """Pending images wait for a facilitator or a confirmed owner other than who added them."""
    return _can_review(user, link.commons, proposed_by_id=link.added_by_id)
