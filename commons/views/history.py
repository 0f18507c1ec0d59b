"""History of a record: versions, differences between any two, restore as a new version."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community.http import parse_id
from community.policy import Decision

from .. import permissions
from ..history import diff_pairs, snapshot, versions_for
from ..services import commons_restore
from .common import refuse, visible_commons


@require_GET
def history_view(request, slug: str):
    commons = visible_commons(request, slug)
    versions = versions_for(commons)
    page_obj = Paginator(versions, 50).get_page(request.GET.get("page"))
    show_private = permissions.can_see_contact(request.user, commons)
    context = {
        "commons": commons,
        "page_obj": page_obj,
        "can_restore": bool(permissions.can_restore(request.user, commons)),
        "rows": None,
    }
    from_id, to_id = parse_id(request.GET.get("de", "")), parse_id(request.GET.get("a", ""))
    if from_id and to_id:
        chosen = {version.pk: version for version in versions.filter(pk__in=[from_id, to_id])}
        if from_id not in chosen or to_id not in chosen:
            messages.error(request, _("Ces versions n'appartiennent pas à ce commun."))
        else:
            older, newer = sorted(
                (chosen[from_id], chosen[to_id]), key=lambda v: (v.revision.date_created, v.pk)
            )
            context.update(
                older=older,
                newer=newer,
                rows=diff_pairs(
                    snapshot(older, show_private=show_private),
                    snapshot(newer, show_private=show_private),
                ),
            )
    return render(request, "commons/commons_history.html", context)


@require_POST
def restore_view(request, slug: str, version_id: int):
    commons = visible_commons(request, slug)
    decision = permissions.can_restore(request.user, commons)
    if not decision:
        return refuse(request, decision, commons=commons)
    try:
        commons_restore(commons=commons, user=request.user, version_id=version_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("commons:history", slug=commons.slug)
    except PermissionDenied as error:
        return refuse(request, Decision(False, str(error)), commons=commons)
    except Http404:
        raise
    messages.success(request, _("La version a été restaurée (comme nouvelle version)."))
    return redirect(commons.get_absolute_url())
