"""An article's talk page: threaded messages, reviewed like edits when the policy says so."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import limits, policy
from community.shortcuts import add_validation_errors, refuse_unless

from .. import selectors
from ..forms import TalkForm
from ..models import RevisionStatus
from ..services import talk_post
from .common import FORBIDDEN_TEMPLATE, get_article_or_404


@require_http_methods(["GET", "POST"])
def talk_view(request, slug):
    page = get_article_or_404(slug)
    if not page.live and not selectors.can_view_unpublished(request.user, page):
        raise Http404
    form = TalkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        refusal = refuse_unless(
            request, policy.can_post(request.user), template=FORBIDDEN_TEMPLATE, page=page
        )
        if refusal:
            return refusal
        if form.is_valid() and not limits.take(request, "post_user"):
            form.add_error(None, limits.refusal_message(request))
            status = 429
        elif form.is_valid():
            try:
                message = talk_post(
                    page=page,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    parent_id=form.cleaned_data["parent_id"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
                status = 400
            else:
                if message.status == RevisionStatus.PENDING:
                    messages.warning(
                        request, _("Message enregistré : il sera visible après relecture.")
                    )
                else:
                    messages.success(request, _("Message publié."))
                return redirect("wiki:talk", slug=page.slug)
        else:
            status = 400
    return render(
        request,
        "wiki/talk.html",
        {
            "page": page,
            "form": form,
            "threads": selectors.talk_threads(page, viewer=request.user),
            "active_tab": "talk",
        },
        status=status,
    )
