"""Abuse limits (edits, sign-ups, posts, reports) counted with django-ratelimit.

Views check a limit *before* writing (nothing half-saved when it is hit) and count the action
only after it succeeded. Limits come from settings.KER_RATE_LIMITS; see README.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

# kind -> what identifies the actor
_KEYS = {
    "edit_user": "user_or_ip",
    "edit_ip": "ip",
    "signup_ip": "ip",
    "post_user": "user_or_ip",
    "report_ip": "ip",
}


def _usage(request, kind: str, *, increment: bool):
    rate = settings.KER_RATE_LIMITS.get(kind)
    if not rate:
        return None
    return get_usage(request, group=f"ker.{kind}", key=_KEYS[kind], rate=rate, increment=increment)


def limit_reached(request, *kinds: str) -> bool:
    """Would one more action of these kinds go over a limit?"""
    for kind in kinds:
        usage = _usage(request, kind, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


def count(request, *kinds: str) -> None:
    """Record one action (call after it succeeded)."""
    for kind in kinds:
        _usage(request, kind, increment=True)


def limit_message() -> str:
    return _(
        "Vous avez fait beaucoup d'actions en peu de temps. Par précaution, attendez un peu "
        "avant de recommencer : rien n'a été enregistré."
    )
