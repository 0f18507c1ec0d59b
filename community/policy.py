"""One place that decides who may do what, and whether a save publishes or waits.

Every service asks this module; views only reflect its answers. Moderation (trust levels,
protection, blocks) grows here without touching callers.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Decision(True)


def can_edit(user, obj=None) -> Decision:
    """May this user create or change content (an article, a commons record)?"""
    if user is None or not user.is_authenticated:
        return Decision(False, _("Connectez-vous pour modifier les pages."))
    if not user.is_active:
        return Decision(False, _("Ce compte est désactivé."))
    return ALLOWED


def can_upload(user) -> Decision:
    """May this user upload an image?"""
    return can_edit(user)


def save_publishes(user, obj=None) -> bool:
    """Does a save by this user go live at once (True) or wait for review (False)?"""
    return bool(can_edit(user, obj))


def can_see_pending(user) -> bool:
    """Pending (unreviewed) content is shown to facilitators only."""
    return bool(user is not None and user.is_authenticated and (user.is_staff or user.is_superuser))
