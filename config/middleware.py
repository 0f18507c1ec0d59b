"""Refuse requests carrying NUL characters: no database accepts them in text, so they would
otherwise fail deep inside a query. The visitor gets a plain 400 in French."""

from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext as _


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


class RejectNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or _has_nul(
            value for _key, values in request.GET.lists() for value in [_key, *values]
        ):
            return HttpResponseBadRequest(_("Requête invalide : caractère nul refusé."))
        # Multipart forms too (any client can send one to any URL); file contents are not read.
        if request.method == "POST":
            if _has_nul(value for key, values in request.POST.lists() for value in [key, *values]):
                return HttpResponseBadRequest(_("Requête invalide : caractère nul refusé."))
        return self.get_response(request)


# The largest id a database column holds (BigAutoField); larger numbers are no object at all.
LARGEST_ID = 2**63 - 1


class NotFoundForOutOfRangeIdsMiddleware:
    """An ``<int:...>`` URL part beyond any database id is a 404, not an overflow deep inside a
    query (SQLite raises OverflowError on foreign-key lookups with such numbers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in [*view_args, *view_kwargs.values()]:
            if isinstance(value, int) and not -LARGEST_ID - 1 <= value <= LARGEST_ID:
                raise Http404(_("Cette page n'existe pas."))
        return None
