import re

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import SignUpForm
from .http import client_ip, safe_next_url
from .models import User
from .registry import contributions_for
from .services import user_sign_up
from .shortcuts import add_validation_errors, refuse_unless


@require_http_methods(["GET", "POST"])
def sign_up_view(request):
    if request.user.is_authenticated:
        return redirect("/")
    from . import limits

    form = SignUpForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and not limits.signup_exempt(request)
        and not limits.take(request, "signup_ip")
    ):
        form.add_error(None, limits.refusal_message(request))
    elif request.method == "POST" and form.is_valid():
        try:
            user = user_sign_up(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                accepted_licence=form.cleaned_data["accept_licence"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Bienvenue %(name)s ! Vous pouvez maintenant écrire et améliorer les articles.")
                % {"name": user.username},
            )
            return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "community/sign_up.html", {"form": form}, status=status)


def contributor_view(request, username):
    from . import policy

    person = get_object_or_404(User, username=username, is_active=True)
    paginator = Paginator(contributions_for(person, limit=500), 50)
    return render(
        request,
        "community/contributor.html",
        {
            "person": person,
            "page_obj": paginator.get_page(request.GET.get("page")),
            "role": policy.role_of(person),
            "active_block": policy.active_block(person),
            "can_moderate": bool(policy.can_moderate(request.user)),
        },
    )


def _moderator_or_403(request):
    from .policy import can_moderate

    return refuse_unless(request, can_moderate(request.user))


def review_queue_view(request):
    """The facilitators' review queue: every pending item with its diff and the decision."""
    from .moderation import decision_form_id, pending_items, sources

    refusal = _moderator_or_403(request)
    if refusal:
        return refusal
    registered = sources()
    selected = request.GET.get("type", "")
    every_item = pending_items()
    items = [item for item in every_item if not selected or item.source == selected]
    counts: dict[str, int] = {}
    for item in every_item:
        counts[item.source] = counts.get(item.source, 0) + 1
    paginator = Paginator(items, 20)
    page_obj = paginator.get_page(request.GET.get("page"))
    entries = []
    for item in page_obj:
        source = registered[item.source]
        entries.append(
            {
                "item": item,
                "source": source,
                "detail": source.render_detail(item, request),
                "form_id": decision_form_id(item),
                "anchor": _item_anchor(item),
                "author_stats": _author_stats(item.author),
                "approve_label": getattr(source, "approve_label", _("Accepter")),
                "reject_label": getattr(source, "reject_label", _("Refuser")),
            }
        )
    return render(
        request,
        "community/review_queue.html",
        {
            "entries": entries,
            "page_obj": page_obj,
            "sources": [
                (name, source.label, counts.get(name, 0)) for name, source in registered.items()
            ],
            "selected": selected,
            "total": len(items),
            "query_string": f"type={selected}" if selected else "",
        },
    )


def _item_anchor(item) -> str:
    """The id of an item's section in the queue (the redirect after a decision points at it)."""
    from .moderation import decision_form_id

    return "item-" + decision_form_id(item).removeprefix("decision-")


def _queue_return(request, *, anchor: str = "") -> str:
    """The queue page the decision came from (its filter and page kept), at ``anchor``."""
    target = safe_next_url(request, "community:review_queue").split("#", 1)[0]
    return f"{target}#{anchor}" if anchor else target


def _next_anchor(request, source_name: str, item_id: str) -> str:
    """The anchor of the item after the decided one in the queue it was decided from (same
    ``?type=`` filter), or of the one before it when it was the last; "" when none is left."""
    from urllib.parse import parse_qs, urlsplit

    from .moderation import pending_items

    target = safe_next_url(request, "community:review_queue")
    selected = parse_qs(urlsplit(target).query).get("type", [""])[0]
    items = [item for item in pending_items() if not selected or item.source == selected]
    keys = [(item.source, item.item_id) for item in items]
    if (source_name, item_id) not in keys:
        return ""
    position = keys.index((source_name, item_id))
    others = items[position + 1 :] + items[:position][::-1]
    return _item_anchor(others[0]) if others else ""


def _author_stats(author):
    if author is None:
        return None
    from .models import Block
    from .policy import role_of
    from .registry import contributions_for

    return {
        "role": role_of(author),
        "contributions": len(contributions_for(author, limit=1000)),
        "joined": author.date_joined,
        "blocks": Block.objects.filter(user=author).count(),
    }


@require_http_methods(["POST"])
def review_decision_view(request):
    from django.core.exceptions import ObjectDoesNotExist, PermissionDenied

    from .moderation import PendingItem, get_source

    refusal = _moderator_or_403(request)
    if refusal:
        return refusal
    source = get_source(request.POST.get("source", ""))
    decision = request.POST.get("decision")
    item_id = request.POST.get("item_id", "")
    reason = request.POST.get("reason", "")[:500].strip()
    # Sources name their items "12" or "suggestion:12"; each source checks its own ids.
    well_formed = re.fullmatch(r"[\w:.-]{1,100}", item_id, flags=re.ASCII) is not None
    if source is None or decision not in {"approve", "reject"} or not well_formed:
        messages.error(request, _("Décision incomplète : rien n'a été changé."))
        return redirect(_queue_return(request))
    decided = next(
        (item for item in source.pending_items() if item.item_id == item_id),
        PendingItem(source=source.name, item_id=item_id, title="", url="", created_at=None),
    )
    this_anchor = _item_anchor(decided)
    if decision == "reject" and not reason:
        messages.error(
            request,
            _("Pour refuser, indiquez un motif à côté du bouton : rien n'a été changé."),
        )
        return redirect(_queue_return(request, anchor=this_anchor))
    next_anchor = _next_anchor(request, source.name, item_id)
    what = _("%(kind)s « %(title)s »") % {
        "kind": decided.kind_label or source.label,
        "title": decided.title,
    }
    try:
        if decision == "approve":
            if getattr(source, "approve_uses_form_data", False):
                source.approve(item_id, user=request.user, reason=reason, data=request.POST)
            else:
                source.approve(item_id, user=request.user, reason=reason)
            label = getattr(source, "approved_label", _("Accepté"))
        else:
            source.reject(item_id, user=request.user, reason=reason)
            label = getattr(source, "rejected_label", _("Refusé"))
        messages.success(request, _("%(decision)s : %(what)s.") % {"decision": label, "what": what})
    except (ValidationError, ObjectDoesNotExist, ValueError, OverflowError) as error:
        text = " ".join(getattr(error, "messages", [])) or _("Cet élément n'est plus en attente.")
        messages.error(request, text)
        return redirect(_queue_return(request, anchor=this_anchor))
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect(_queue_return(request, anchor=this_anchor))
    return redirect(_queue_return(request, anchor=next_anchor))


@require_http_methods(["POST"])
def user_moderation_view(request, username, action):
    """Facilitators' tools on a contributor page: block, unblock, confirm."""
    from .services import user_block, user_confirm, user_unblock

    refusal = _moderator_or_403(request)
    if refusal:
        return refusal
    target = get_object_or_404(User, username=username)
    reason = request.POST.get("reason", "")
    try:
        if action == "bloquer":
            raw_days = request.POST.get("duree", "").strip()
            days = int(raw_days) if raw_days else None
            user_block(user=request.user, target=target, reason=reason, duration_days=days)
            messages.success(request, _("Le compte est bloqué."))
        elif action == "debloquer":
            user_unblock(user=request.user, target=target, reason=reason)
            messages.success(request, _("Le blocage est levé."))
        elif action == "confirmer":
            user_confirm(user=request.user, target=target, reason=reason)
            messages.success(request, _("Ce compte est maintenant confirmé."))
    except ValueError:
        messages.error(request, _("La durée doit être un nombre de jours."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("community:contributor", username=target.username)


@require_http_methods(["GET", "HEAD"])
def notifications_view(request):
    """Reading the list changes nothing: "Tout marquer comme lu" is a POST."""
    from django.contrib.auth.views import redirect_to_login

    from .models import Notification

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    notifications = Notification.objects.filter(user=request.user)
    page_obj = Paginator(notifications, 50).get_page(request.GET.get("page"))
    unread = notifications.filter(read_at__isnull=True).exists()
    return render(request, "community/notifications.html", {"page_obj": page_obj, "unread": unread})


@require_http_methods(["POST"])
def notifications_read_view(request):
    from django.contrib.auth.views import redirect_to_login

    from .services import notifications_mark_read

    if not request.user.is_authenticated:
        return redirect_to_login(reverse("community:notifications"))
    notifications_mark_read(user=request.user)
    return redirect("community:notifications")


@require_http_methods(["GET", "HEAD"])
def my_pending_view(request):
    """The page "Mes contributions en attente": what this person wrote that a facilitator has
    not yet reviewed (article edits, new articles, commons, suggestions, images, messages)."""
    from django.contrib.auth.views import redirect_to_login

    from .moderation import pending_items_by

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "community/my_pending.html", {"items": pending_items_by(request.user)})


@require_http_methods(["GET", "POST"])
def report_view(request):
    """Any visitor reports an article, a revision or a message, with a reason."""
    from . import limits
    from .services import report_create

    target_url = safe_next_url(request, "/", parameter="url")
    target_label = (request.GET.get("titre") or request.POST.get("titre") or "")[:300]
    target_key = (request.GET.get("cle") or request.POST.get("cle") or "")[:100]
    errors = []
    if request.method == "POST":
        if not limits.take(request, "report_ip"):
            errors.append(limits.refusal_message(request))
        else:
            try:
                report_create(
                    reporter=request.user,
                    target_key=target_key or target_url,
                    target_label=target_label or target_url,
                    target_url=target_url,
                    reason=request.POST.get("reason", ""),
                    ip_address=client_ip(request),
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(
                    request, _("Merci : votre signalement a été transmis aux animateurs.")
                )
                return redirect(target_url)
    return render(
        request,
        "community/report.html",
        {
            "target_url": target_url,
            "target_label": target_label,
            "target_key": target_key,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
