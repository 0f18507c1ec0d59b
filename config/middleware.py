"""Refuse requests carrying NUL characters: no database accepts them in text, so they would
otherwise fail deep inside a query. The visitor gets a plain 400 in French."""

from django.http import HttpResponseBadRequest
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
        if request.method == "POST" and request.content_type != "multipart/form-data":
            if _has_nul(value for key, values in request.POST.lists() for value in [key, *values]):
                return HttpResponseBadRequest(_("Requête invalide : caractère nul refusé."))
        return self.get_response(request)
