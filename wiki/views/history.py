"""History of an article: revisions, differences, restore, and the recent changes of the wiki."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community import policy
from community.diff import diff_texts
from community.http import client_ip, parse_id
from community.shortcuts import forbidden

from .. import selectors
from ..forms import RecentChangesFilterForm
from ..services import ArticleFields, article_revert, restore_needs_confirmation
from .common import FORBIDDEN_TEMPLATE, get_article_or_404, get_visible_article, require_editor


@require_GET
def history_view(request, slug):
    page = get_visible_article(request, slug)
    compare_from, compare_to = request.GET.get("de", ""), request.GET.get("a", "")
    compare_from, compare_to = parse_id(compare_from), parse_id(compare_to)
    if compare_from is not None and compare_to is not None:
        older, newer = sorted([compare_from, compare_to])
        return redirect("wiki:diff", slug=page.slug, from_id=older, to_id=newer)
    paginator = Paginator(selectors.visible_history(page, request.user), 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "wiki/history.html",
        {
            "page": page,
            "page_obj": page_obj,
            "active_tab": "history",
            "can_moderate": bool(policy.can_moderate(request.user)),
            "can_see_hidden": selectors.can_view_hidden(request.user),
        },
    )


@require_GET
def revision_view(request, slug, revision_id):
    page = get_visible_article(request, slug)
    revision = selectors.article_revision(page, revision_id)
    meta = getattr(revision, "wiki_meta", None) if revision else None
    if revision is None or not selectors.can_view_revision(request.user, meta):
        raise Http404(_("Cette version n'existe pas."))
    if meta.hidden and not selectors.can_view_hidden(request.user):
        return render(
            request, "wiki/hidden.html", {"page": page, "meta": meta, "active_tab": "history"}
        )
    fields = ArticleFields.from_revision(revision)
    view = selectors.article_html(page, revision_id=revision.pk, body=fields.body)
    return render(
        request,
        "wiki/revision.html",
        {
            "page": page,
            "revision": revision,
            "meta": getattr(revision, "wiki_meta", None),
            "fields": fields,
            "article_html": view.html,
            "toc": view.toc,
            "is_live": revision.pk == page.live_revision_id,
            "restore_needs_confirmation": restore_needs_confirmation(meta, request.user),
            "can_moderate": bool(policy.can_moderate(request.user)),
            "active_tab": "history",
        },
    )


@require_GET
def diff_view(request, slug, from_id, to_id):
    page = get_visible_article(request, slug)
    old = selectors.article_revision(page, from_id)
    new = selectors.article_revision(page, to_id)
    metas = [getattr(revision, "wiki_meta", None) for revision in (old, new) if revision]
    if len(metas) != 2 or not all(
        selectors.can_view_revision(request.user, meta) for meta in metas
    ):
        raise Http404(_("Une des deux versions n'existe pas."))
    if any(meta.hidden for meta in metas) and not selectors.can_view_hidden(request.user):
        return render(
            request, "wiki/hidden.html", {"page": page, "meta": metas[1], "active_tab": "history"}
        )
    old_fields, new_fields = ArticleFields.from_revision(old), ArticleFields.from_revision(new)
    mode = "cote" if request.GET.get("vue") == "cote" else "ligne"
    return render(
        request,
        "wiki/diff.html",
        {
            "page": page,
            "old": old,
            "new": new,
            "old_fields": old_fields,
            "new_fields": new_fields,
            "diff": diff_texts(old_fields.body, new_fields.body),
            "title_changed": old_fields.title != new_fields.title,
            "summary_changed": old_fields.summary != new_fields.summary,
            "mode": mode,
            "active_tab": "history",
            "can_moderate": bool(policy.can_moderate(request.user)),
        },
    )


@require_POST
def revert_view(request, slug, revision_id):
    page = get_article_or_404(slug)
    refusal = require_editor(request, page)
    if refusal:
        return refusal
    try:
        result = article_revert(
            page=page,
            revision_id=revision_id,
            user=request.user,
            ip_address=client_ip(request),
            explicit=request.POST.get("confirmer") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wiki:history", slug=page.slug)
    except PermissionDenied as error:
        return forbidden(request, str(error), template=FORBIDDEN_TEMPLATE, page=page)
    if result.unchanged:
        messages.info(request, _("Cette version est déjà la version actuelle."))
    elif result.published:
        messages.success(request, _("L'article a été restauré dans cette version."))
    else:
        messages.warning(request, _("La restauration attend la relecture d'un animateur."))
    return redirect("wiki:history", slug=result.page.slug)


def _recent_changes_queryset(request, *, new_pages_only=False):
    form = RecentChangesFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    changes = selectors.recent_changes(
        hide_minor=filters.get("masquer_mineures", False),
        username=filters.get("utilisateur", ""),
        new_pages_only=new_pages_only or filters.get("nouvelles", False),
        include_pending=policy.can_see_pending(request.user),
        unpatrolled_only=filters.get("non_verifiees", False)
        and policy.can_see_pending(request.user),
        include_imported=filters.get("importees", False),
    )
    return form, changes


# Recent changes list the newest 5,000 edits (100 pages of 50), as MediaWiki's keep 90 days:
# counting the pages then reads at most that many index entries, whatever the wiki's size
# (counting every revision grew with the wiki). Older edits are in each article's history.
RECENT_CHANGES_MAX = 5000


@require_GET
def recent_changes_view(request, new_pages_only=False):
    form, changes = _recent_changes_queryset(request, new_pages_only=new_pages_only)
    paginator = Paginator(changes[:RECENT_CHANGES_MAX], 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "wiki/recent_changes.html",
        {
            "form": form,
            "page_obj": page_obj,
            "query_string": query.urlencode(),
            "new_pages_only": new_pages_only,
            "can_moderate": bool(policy.can_moderate(request.user)),
            "older_left_out": paginator.count >= RECENT_CHANGES_MAX and not page_obj.has_next(),
        },
    )
