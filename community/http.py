"""Request helpers every app shares: where to send people back (``next``) and who is asking.

``safe_next_url`` is the one way to follow a ``next`` parameter: only a path on this site is
followed, anything else (another site, ``javascript:``, a bare word) gives the default.

``client_ip`` is the one way to know the visitor's address, for rate limits and IP hashes.
Without a trusted-proxy setting it is ``REMOTE_ADDR`` and forwarded headers are ignored (a
visitor could write any ``X-Forwarded-For``). Behind a reverse proxy, set either
``KER_TRUSTED_PROXY_COUNT`` (how many proxies append to ``X-Forwarded-For``) or
``KER_TRUSTED_PROXIES`` (their addresses or networks); see README "Mise en production".
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def safe_next_url(request, default: str, *, parameter: str = "next") -> str:
    """The ``next`` path given with the request if it stays on this site, else ``default``.

    ``default`` may be a path or a URL name (``"community:review_queue"``).
    """
    target = request.POST.get(parameter) or request.GET.get(parameter) or ""
    target = target.strip()
    if (
        target.startswith("/")
        and "\x00" not in target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts=set(), require_https=request.is_secure()
        )
    ):
        return target
    return resolve_url(default)


def redirect_to_next(request, default: str, *, parameter: str = "next") -> HttpResponseRedirect:
    """Redirect to the safe ``next`` path (see ``safe_next_url``)."""
    return HttpResponseRedirect(safe_next_url(request, default, parameter=parameter))


def _parse_address(value: str) -> Address | None:
    """An address from a header hop: ``1.2.3.4``, ``1.2.3.4:5678``, ``[::1]:80`` or ``::1``."""
    value = value.strip().strip('"')
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # IPv4 with a port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for entry in getattr(settings, "KER_TRUSTED_PROXIES", None) or []:
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            continue
    return networks


def _forwarded_hops(request) -> list[Address | None]:
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return [_parse_address(part) for part in header.split(",") if part.strip()]


def client_ip(request) -> str:
    """The visitor's address, trusting ``X-Forwarded-For`` only as far as the settings say.

    Empty when unknown (a Unix socket without a trusted proxy).
    """
    remote = _parse_address(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return ""
    networks = _trusted_networks()
    if networks:
        # Walk back from the nearest hop while it is one of our proxies.
        hops = [*_forwarded_hops(request), remote]
        client = remote
        for hop in reversed(hops):
            if hop is None:
                break
            client = hop
            if not any(hop in network for network in networks):
                break
        return str(client)
    count = int(getattr(settings, "KER_TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return str(remote)
    # Each trusted proxy appended the address it received from; the client is the hop that the
    # farthest trusted proxy saw. Anything further left was written by the visitor.
    hops = [*_forwarded_hops(request), remote]
    if len(hops) <= count:
        chosen = hops[0]
    else:
        chosen = hops[-(count + 1)]
    return str(chosen) if chosen is not None else str(remote)


def ratelimit_ip(request) -> str:
    """The address django-ratelimit counts by (``RATELIMIT_IP_META_KEY``); never empty."""
    return client_ip(request) or "0.0.0.0"


def parse_id(raw, *, max_digits: int = 18) -> int | None:
    """A database id typed in a query string or a form, or None.

    Only ASCII digits count: ``str.isdigit()`` also accepts ``"³"`` or ``"٣"``, which ``int()``
    then refuses (or reads as another number); more than ``max_digits`` digits is beyond any id.
    """
    text = str(raw)
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
