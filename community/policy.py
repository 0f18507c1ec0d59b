"""One place that decides who may do what, and whether a save publishes or waits.

Every service asks this module; views only reflect its answers. Roles, from least to most
trusted: visitor, new contributor, confirmed contributor, facilitator ("Animateur"),
administrator. See README "Rôles et modération" for the rules in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

FACILITATOR_GROUP = "Animateurs"


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def is_authenticated(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_administrator(user) -> bool:
    return is_authenticated(user) and user.is_superuser


def is_facilitator(user) -> bool:
    """Facilitators (the "Animateurs" group) and administrators look after the community."""
    if not is_authenticated(user):
        return False
    if user.is_superuser or user.is_staff:
        return True
    cached = getattr(user, "_ker_is_facilitator", None)
    if cached is None:
        cached = user.groups.filter(name=FACILITATOR_GROUP).exists()
        user._ker_is_facilitator = cached
    return cached


def is_confirmed(user) -> bool:
    """Confirmed contributors publish directly; new contributors' edits wait for review."""
    if not is_authenticated(user):
        return False
    return bool(getattr(user, "is_confirmed", False)) or is_facilitator(user)


def role_of(user) -> str:
    if not is_authenticated(user):
        return "visitor"
    if is_administrator(user):
        return "administrator"
    if is_facilitator(user):
        return "facilitator"
    if is_confirmed(user):
        return "confirmed"
    return "new"


def anonymous_editing_enabled() -> bool:
    return bool(getattr(settings, "KER_ANONYMOUS_EDITING", False))


def active_block(user):
    """The block in force on this account, if any."""
    if not is_authenticated(user):
        return None
    from .models import Block

    return Block.active_for(user)


def _blocked_decision(user) -> Decision | None:
    block = active_block(user)
    if block is None:
        return None
    return Decision(False, block.explanation())


def _unless_blocked(user) -> Decision:
    blocked = _blocked_decision(user)
    return blocked if blocked is not None else ALLOWED


def can_edit(user, obj=None) -> Decision:
    """May this user create or change content (an article, a commons record)?"""
    if user is None or not user.is_authenticated:
        if anonymous_editing_enabled():
            return _protection_decision(user, obj) or ALLOWED
        return Decision(False, _("Connectez-vous pour modifier les pages."))
    if not user.is_active:
        return Decision(False, _("Ce compte est désactivé."))
    blocked = _blocked_decision(user)
    if blocked is not None:
        return blocked
    protection = _protection_decision(user, obj)
    if protection is not None:
        return protection
    return ALLOWED


def _protection_decision(user, obj) -> Decision | None:
    """Protected objects expose `protection_level()` returning '', 'confirmed' or 'facilitators'."""
    level_of = getattr(obj, "active_protection", None)
    protection = level_of() if callable(level_of) else None
    if protection is None:
        return None
    if protection.level == "facilitators" and not is_facilitator(user):
        return Decision(False, protection.explanation())
    if protection.level == "confirmed" and not is_confirmed(user):
        return Decision(False, protection.explanation())
    return None


def can_post(user) -> Decision:
    """May this user post a talk message?"""
    if not is_authenticated(user):
        return Decision(False, _("Connectez-vous pour participer à la discussion."))
    return _unless_blocked(user)


def can_declare(user) -> Decision:
    """May this user declare a commons?"""
    if not is_authenticated(user):
        return Decision(False, _("Connectez-vous pour déclarer un commun."))
    return _unless_blocked(user)


def can_upload(user) -> Decision:
    """May this user upload an image?"""
    if not is_authenticated(user):
        return Decision(False, _("Connectez-vous pour ajouter une image."))
    return _unless_blocked(user)


def needs_review(user, obj=None) -> bool:
    """Must a save by this user wait for a facilitator (FlaggedRevs' pending changes)?"""
    if not is_authenticated(user):
        return True
    if is_facilitator(user):
        return False
    if getattr(obj, "under_review", False):
        return True
    return not is_confirmed(user)


def save_publishes(user, obj=None) -> bool:
    """Does a save by this user go live at once (True) or wait for review (False)?"""
    return bool(can_edit(user, obj)) and not needs_review(user, obj)


def can_moderate(user) -> Decision:
    """Review queue, approve/reject, patrol, rollback, protect, block: facilitators only.

    A block takes a facilitator's tools away too (MediaWiki: a blocked sysop cannot block,
    protect or review); another facilitator lifts it from the page of the account.
    """
    if not is_facilitator(user):
        return Decision(False, _("Réservé aux animateurs et animatrices."))
    return _unless_blocked(user)


def can_see_pending(user) -> bool:
    """Pending (unreviewed) content is shown to facilitators only."""
    return is_facilitator(user)


def can_see_hidden(user) -> bool:
    """Hidden revision contents stay readable by facilitators."""
    return is_facilitator(user)
