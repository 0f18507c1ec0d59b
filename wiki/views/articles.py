"""Reading and writing articles: create, edit (with images and live preview), upload, random
article, pages that link here."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import limits, policy
from community.diff import diff_texts
from community.http import client_ip, parse_id
from community.services import image_upload
from community.shortcuts import add_validation_errors, forbidden

from .. import selectors
from ..forms import ArticleForm, ImageUploadForm
from ..models import ArticlePage
from ..services import (
    ArticleFields,
    EditConflict,
    article_create,
    article_save,
    conflict_draft,
    edit_open_to,
    edit_start_revision,
)
from ..titles import WIKI_PREFIX, article_path, normalise_title
from .common import (
    FORBIDDEN_TEMPLATE,
    get_article_or_404,
    get_visible_article,
    refuse_unpublished,
    require_editor,
)

PREVIEW_ACTION = "apercu"


def _attach_uploaded_image(request, form: ArticleForm) -> bool:
    """Store the image given with the edit form, once, and put its code where the cursor was
    (the toolbar sends ``image_position``; without JavaScript, at the end of the text).

    It is stored even when another field has an error, so the chosen file is not lost: the
    form comes back with the image's code in the text, and the next submit needs no file.
    """
    if "image_file" in form.errors:
        return False
    upload = form.cleaned_data.get("image_file")
    if not upload:
        return True
    try:
        image = image_upload(
            file=upload,
            title=form.cleaned_data.get("image_title") or upload.name,
            author=form.cleaned_data.get("image_author") or request.user.get_username(),
            licence=form.cleaned_data.get("image_licence") or "CC BY-SA 4.0",
            user=request.user,
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return False
    snippet = f"[[Image:{image.pk}|{image.title}]]"
    body = form.cleaned_data.get("body", form.data.get("body", ""))
    body = insert_block(body, snippet, position=request.POST.get("image_position", ""))
    if "body" in form.cleaned_data:
        form.cleaned_data["body"] = body
    data = form.data.copy()
    data["body"] = body
    form.data = data
    messages.success(
        request,
        _("Image ajoutée au texte avec le code %(code)s : vous pouvez le déplacer.")
        % {"code": snippet},
    )
    return True


def insert_block(text: str, block: str, *, position: str = "") -> str:
    """``block`` as a paragraph of its own after the line holding ``position`` (a character
    offset from the editor), or at the end when there is no usable position."""
    text = text.rstrip("\n")
    if not text:
        return f"{block}\n"
    offset = parse_id(position, max_digits=9)
    offset = len(text) if offset is None else offset
    if offset >= len(text):
        return f"{text}\n\n{block}\n"
    line_end = text.find("\n", offset)
    if line_end == -1:
        return f"{text}\n\n{block}\n"
    before, after = text[:line_end].rstrip("\n"), text[line_end:].lstrip("\n")
    return f"{before}\n\n{block}\n\n{after}\n"


def _edit_context(form, *, page=None, preview_html=None, creating=False, request=None):
    return {
        "form": form,
        "page": page,
        "others_pending": selectors.others_pending_count(page, request.user)
        if page and request
        else 0,
        "can_moderate": bool(request and policy.can_moderate(request.user)),
        "protection": page.active_protection() if page else None,
        "under_review": page.under_review if page else False,
        "preview_html": preview_html,
        "creating": creating,
        "active_tab": "edit",
        "max_kilobytes": None,
    }


def _preview(form) -> str:
    body = form.cleaned_data.get("body", "") if hasattr(form, "cleaned_data") else ""
    return selectors.resolve_wiki_links(selectors.render_body(body).html)


@require_http_methods(["GET", "POST"])
def article_create_view(request):
    refusal = require_editor(request)
    if refusal:
        return refusal
    title = normalise_title(request.GET.get("titre", ""))[:300]
    existing = selectors.article_by_title(title) if title else None
    if (
        existing is not None
        and not existing.live
        and not selectors.can_view_unpublished(request.user, existing)
    ):
        return refuse_unpublished(request)
    if existing is not None and request.method == "GET":
        messages.info(request, _("Cet article existe déjà : vous pouvez le modifier."))
        return redirect("wiki:edit", slug=existing.slug)
    if request.method == "GET":
        form = ArticleForm(initial={"title": title})
        return render(request, "wiki/edit.html", _edit_context(form, creating=True))
    form = ArticleForm(request.POST, request.FILES)
    valid = form.is_valid()
    if not _attach_uploaded_image(request, form) or not valid:
        return render(request, "wiki/edit.html", _edit_context(form, creating=True), status=400)
    if request.POST.get("action") == PREVIEW_ACTION:
        return render(
            request,
            "wiki/edit.html",
            _edit_context(form, creating=True, preview_html=_preview(form)),
        )
    if not limits.take(request, "edit_user", "edit_ip"):
        form.add_error(None, limits.refusal_message(request))
        return render(request, "wiki/edit.html", _edit_context(form, creating=True), status=429)
    try:
        result = article_create(
            fields=form.article_fields(),
            user=request.user,
            edit_summary=form.cleaned_data["edit_summary"],
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return render(request, "wiki/edit.html", _edit_context(form, creating=True), status=400)
    except PermissionDenied as error:
        return forbidden(request, str(error), template=FORBIDDEN_TEMPLATE)
    if result.published:
        messages.success(request, _("L'article a été créé. Merci pour votre contribution !"))
    else:
        messages.warning(
            request, _("L'article est enregistré et attend la relecture d'un animateur.")
        )
    return HttpResponseRedirect(article_path(result.page.slug))


@require_http_methods(["GET", "POST"])
def article_edit_view(request, slug):
    page = get_article_or_404(slug)
    refusal = require_editor(request, page)
    if refusal:
        return refusal
    resolving = _revision_to_resolve(request, page)
    if request.method == "GET":
        try:
            latest = edit_start_revision(page, request.user)
        except PermissionDenied:
            return refuse_unpublished(request)
        fields = ArticleFields.from_revision(latest)
        if resolving is not None:
            fields = conflict_draft(page, resolving) or fields
        initial = ArticleForm.initial_from(fields, base_revision_id=latest.pk)
        return render(
            request,
            "wiki/edit.html",
            _edit_context(ArticleForm(initial=initial), page=page, request=request),
        )
    if not edit_open_to(page, request.user):
        return refuse_unpublished(request)
    form = ArticleForm(request.POST, request.FILES, initial={"cover_image_id": page.cover_image_id})
    valid = form.is_valid()
    if not _attach_uploaded_image(request, form) or not valid:
        return render(
            request, "wiki/edit.html", _edit_context(form, page=page, request=request), status=400
        )
    if request.POST.get("action") == PREVIEW_ACTION:
        return render(
            request,
            "wiki/edit.html",
            _edit_context(form, page=page, preview_html=_preview(form), request=request),
        )
    if not limits.take(request, "edit_user", "edit_ip"):
        form.add_error(None, limits.refusal_message(request))
        return render(
            request, "wiki/edit.html", _edit_context(form, page=page, request=request), status=429
        )
    try:
        result = article_save(
            page=page,
            fields=form.article_fields(),
            user=request.user,
            base_revision_id=form.cleaned_data["base_revision_id"],
            edit_summary=form.cleaned_data["edit_summary"],
            minor=form.cleaned_data["minor"],
            ip_address=client_ip(request),
            resolves_revision_id=resolving,
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return render(
            request, "wiki/edit.html", _edit_context(form, page=page, request=request), status=400
        )
    except PermissionDenied as error:
        return forbidden(request, str(error), template=FORBIDDEN_TEMPLATE, page=page)
    except EditConflict as conflict:
        data = request.POST.copy()
        data["base_revision_id"] = conflict.current_revision.pk
        data["body"] = conflict.your_text
        return render(
            request,
            "wiki/conflict.html",
            {
                "page": page,
                "form": ArticleForm(data),
                "conflict": conflict,
                "diff": diff_texts(conflict.current_text, conflict.your_text),
                "active_tab": "edit",
            },
            status=409,
        )
    if result.unchanged:
        messages.info(
            request, _("Aucune modification : le texte est identique à la version actuelle.")
        )
    elif result.merged:
        messages.success(
            request,
            _(
                "Quelqu'un a modifié l'article pendant que vous écriviez ; "
                "vos modifications ont été fusionnées automatiquement."
            ),
        )
    elif result.published:
        messages.success(request, _("Modification enregistrée. Merci !"))
    else:
        messages.warning(
            request, _("Modification enregistrée : elle sera visible après relecture.")
        )
    return HttpResponseRedirect(article_path(result.page.slug))


def _revision_to_resolve(request, page) -> int | None:
    """`?resoudre=<id>`: a facilitator merges by hand a pending revision that conflicted."""
    if not policy.can_moderate(request.user):
        return None
    return parse_id(request.GET.get("resoudre", ""))


@require_POST
def preview_view(request):
    """Server-side rendering of the text being typed, for the live preview (returns HTML)."""
    if not policy.can_edit(request.user):
        raise PermissionDenied
    if not limits.take(request, "preview_user"):
        message = _("Trop d'aperçus demandés en peu de temps : attendez une minute.")
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    body = request.POST.get("body", "")
    if len(body.encode("utf-8", "surrogatepass")) > settings.KER_ARTICLE_MAX_BYTES:
        message = _("Texte trop long pour un article (%(max)s Ko au plus) : pas d'aperçu.") % {
            "max": settings.KER_ARTICLE_MAX_BYTES // 1000
        }
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    html = selectors.resolve_wiki_links(selectors.render_body(body, cached=False).html)
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@require_http_methods(["GET", "POST"])
def upload_view(request):
    refusal = require_editor(request)
    if refusal:
        return refusal
    image = None
    if request.method == "POST":
        form = ImageUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                image = image_upload(
                    file=form.cleaned_data["image_file"],
                    title=form.cleaned_data["image_title"],
                    author=form.cleaned_data["image_author"],
                    licence=form.cleaned_data["image_licence"],
                    user=request.user,
                )
                form = ImageUploadForm(initial={"image_author": request.user.get_username()})
            except ValidationError as error:
                add_validation_errors(form, error)
    else:
        form = ImageUploadForm(initial={"image_author": request.user.get_username()})
    status = 400 if request.method == "POST" and image is None else 200
    return render(request, "wiki/upload.html", {"form": form, "image": image}, status=status)


@require_GET
def backlinks_view(request, slug):
    page = get_visible_article(request, slug)
    return render(
        request,
        "wiki/backlinks.html",
        {"page": page, "backlinks": selectors.backlinks(page), "active_tab": "read"},
    )


@require_GET
def random_view(request):
    article = ArticlePage.objects.live().order_by("?").only("url_path").first()
    if article is None:
        return redirect(WIKI_PREFIX)
    return redirect(article.url)
