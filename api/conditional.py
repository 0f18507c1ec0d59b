"""Conditional GET for every API answer: an ETag of the body, Last-Modified when known.

A client that sends ``If-None-Match`` (or ``If-Modified-Since``) with what it already has gets
a 304 without a body, so harvesters can poll cheaply.
"""

from __future__ import annotations

import datetime

from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date


class ConditionalGetMixin:
    """For APIView subclasses: set ``self.last_modified`` (aware datetime) in the handler."""

    last_modified: datetime.datetime | None = None

    def initial(self, request, *args, **kwargs):
        self.last_modified = None
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        timestamp = None
        if self.last_modified is not None:
            timestamp = int(self.last_modified.timestamp())
            response["Last-Modified"] = http_date(timestamp)
        conditional = get_conditional_response(
            request._request,
            etag=response.get("ETag"),
            last_modified=timestamp,
            response=response,
        )
        return conditional

    def note_modified(self, *moments) -> None:
        """Remember the newest of these moments as the answer's Last-Modified."""
        for moment in moments:
            if moment is not None and (self.last_modified is None or moment > self.last_modified):
                self.last_modified = moment
