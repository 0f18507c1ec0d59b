from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import SignUpForm
from .models import User
from .registry import contributions_for
from .services import user_sign_up


@require_http_methods(["GET", "POST"])
def sign_up_view(request):
    if request.user.is_authenticated:
        return redirect("/")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_sign_up(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                accepted_licence=form.cleaned_data["accept_licence"],
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, _("Bienvenue %(name)s ! Vous pouvez maintenant écrire et améliorer les articles.")
                % {"name": user.username},
            )
            return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "community/sign_up.html", {"form": form}, status=status)


def contributor_view(request, username):
    person = get_object_or_404(User, username=username, is_active=True)
    paginator = Paginator(contributions_for(person, limit=500), 50)
    return render(
        request,
        "community/contributor.html",
        {"person": person, "page_obj": paginator.get_page(request.GET.get("page"))},
    )
