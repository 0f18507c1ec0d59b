"""Rate limits of anonymous API clients (every client: the API has no authentication)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from community.http import client_ip


class AnonymousRateThrottle(AnonRateThrottle):
    """``KER_API_ANON_RATE`` per client address; read at each request so tests may lower it.

    Over the limit DRF answers 429 with a ``Retry-After`` header (seconds).
    """

    def get_rate(self):
        return settings.KER_API_ANON_RATE

    def get_ident(self, request):
        """The client address as the rest of the site sees it (``community.http.client_ip``):
        DRF's own would trust any ``X-Forwarded-For`` a client writes."""
        return client_ip(request) or "unknown"
