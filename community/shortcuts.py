"""View helpers every app uses the same way, like ``django.shortcuts``: a service's
ValidationError shown on a form, and an action refused (log-in page or a 403 that says why).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render


def add_validation_errors(form, error: ValidationError) -> None:
    """Shows a service's ValidationError on the matching fields (the others above the form)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            target = field if field in form.fields else None
            for message in field_errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def forbidden(
    request, reason: str, *, template: str = "community/forbidden.html", **context
) -> HttpResponse:
    """The 403 page, saying why (each app's template adds its way back)."""
    return render(request, template, {"reason": reason, **context}, status=403)


def refuse_unless(
    request,
    decision,
    *,
    template: str = "community/forbidden.html",
    visitors_log_in: bool = True,
    **context,
) -> HttpResponse | None:
    """None when the policy ``decision`` allows; otherwise the response that refuses.

    A visitor who is not logged in goes to the log-in page, told why (unless
    ``visitors_log_in`` is false: logging in would not help); others get the 403 page.
    """
    if decision:
        return None
    if visitors_log_in and not request.user.is_authenticated:
        messages.info(request, decision.reason)
        return redirect_to_login(request.get_full_path())
    return forbidden(request, decision.reason, template=template, **context)
