"""Abuse limits (edits, sign-ups, posts, reports) counted with django-ratelimit.

``take`` counts the action *before* it runs, with the cache's atomic increment, and says
whether it may go ahead: parallel requests cannot all slip under the limit, and nothing is
half-saved when it is hit. Every attempt that reaches the save counts, even one that then
fails validation. Addresses come from ``community.http.client_ip`` (trusted proxies, see
README). Limits come from settings.KER_RATE_LIMITS.

The counts are exact across processes only with a cache whose increment is atomic across them
(Redis); the file cache of a default production setup is exact within one process.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

# kind -> what identifies the actor ("ip" is community.http.client_ip, RATELIMIT_IP_META_KEY)
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
    return get_usage(
        request,
        group=f"ker.{kind}",
        key=_KEYS.get(kind, "user_or_ip"),
        rate=rate,
        increment=increment,
    )


def take(request, *kinds: str) -> bool:
    """Count one action of these kinds now; True if it stays within every limit.

    Call it right before the write; when it answers False, do nothing and show
    ``refusal_message(request)``.
    """
    allowed = True
    wait = 0
    for kind in kinds:
        usage = _usage(request, kind, increment=True)
        if usage is not None and usage["should_limit"]:
            allowed = False
            # Read now, from the count just taken: a second look could fall in the next window.
            wait = max(wait, int(usage["time_left"]), 1)
    if not allowed:
        request._ker_limit_wait = wait
    return allowed


def refusal_message(request) -> str:
    """The message after ``take`` said no: nothing was saved, and how long to wait."""
    return limit_message(getattr(request, "_ker_limit_wait", None))


def limit_reached(request, *kinds: str) -> bool:
    """Is a limit already used up? (A look only: to act, use ``take``, which also counts.)"""
    for kind in kinds:
        usage = _usage(request, kind, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


def limit_message(wait_seconds: int | None = None) -> str:
    """What to tell someone who hit a limit: nothing was saved, and how long to wait."""
    text = _(
        "Vous avez fait beaucoup d'actions en peu de temps. Par précaution, attendez un peu "
        "avant de recommencer : rien n'a été enregistré."
    )
    if wait_seconds and wait_seconds > 0:
        text = f"{text} {wait_message(wait_seconds)}"
    return text


def wait_message(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    if minutes <= 60:
        return ngettext(
            "Vous pourrez réessayer dans %(count)d minute.",
            "Vous pourrez réessayer dans %(count)d minutes.",
            minutes,
        ) % {"count": minutes}
    hours = round(minutes / 60)
    return ngettext(
        "Vous pourrez réessayer dans environ %(count)d heure.",
        "Vous pourrez réessayer dans environ %(count)d heures.",
        hours,
    ) % {"count": hours}


def signup_exempt(request) -> bool:
    """A workshop's address (KER_SIGNUP_ALLOWED_IPS): sign-ups from it are not limited."""
    import ipaddress

    from .http import client_ip

    allowed = getattr(settings, "KER_SIGNUP_ALLOWED_IPS", [])
    if not allowed:
        return False
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False
