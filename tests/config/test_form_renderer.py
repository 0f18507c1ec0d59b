"""One field template for the whole site, through Django's form renderer (FORM_RENDERER)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.admin_forms import admin_form_data
from tests.conftest import image_bytes

ROOT = Path(settings.BASE_DIR)
TEMPLATE_ROOTS = [ROOT / "templates"] + [
    ROOT / app / "templates" for app in ("community", "wiki", "commons", "portals", "search", "api")
]


def _site_templates() -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for root in TEMPLATE_ROOTS
        if root.is_dir()
        for path in root.rglob("*.html")
    }


def test_no_template_includes_the_field_template_by_hand():
    templates = _site_templates()
    users = [path for path, text in templates.items() if "as_field_group" in text]
    assert len(users) >= 10, "the forms render their fields with {{ field.as_field_group }}"
    by_hand = [
        str(path.relative_to(ROOT))
        for path, text in templates.items()
        if re.search(r"""\{%\s*include\s+["']includes/field\.html["']""", text)
    ]
    assert by_hand == [], "use {{ form.x.as_field_group }} instead of including the template"


@pytest.mark.django_db
def test_a_field_group_shows_label_required_marker_help_text_and_errors(client):
    response = client.post(
        reverse("community:signup"), {"username": "a b", "email": "pas-un-courriel"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<label for="id_username">Nom d&#x27;utilisateur <span aria-hidden="true">*</span>' in (
        html
    )
    assert '<span class="visually-hidden">(obligatoire)</span></label>' in html
    assert '<p class="help" id="id_username_helptext">Il signera vos contributions.' in html
    # Django's widget points at the help text and the error list the template draws.
    assert 'aria-describedby="id_username_helptext id_username_error"' in html
    assert '<ul class="errorlist" id="id_email_error"><li>Saisissez une adresse e-mail' in html
    # A checkbox: the box first, then its label, in a "field--check" group.
    terms = re.search(r'<div class="field field--check">\s*<input type="checkbox"[^>]*>', html)
    assert terms is not None


@pytest.mark.django_db
def test_commons_section_errors_are_shown_on_their_field(client, resident):
    from commons.services import commons_declare

    commons = commons_declare(
        user=resident, name="Jardin", summary="Un potager.", duplicates_confirmed=True
    )
    client.force_login(resident)
    response = client.post(
        reverse("commons:edit", args=[commons.slug, "lieu"]),
        {"latitude": "100", "longitude": "3,5"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_latitude">Latitude</label>' in html
    assert '<ul class="errorlist" id="id_latitude_error"><li>La valeur doit être comprise' in html


@pytest.mark.django_db
def test_wagtail_admin_forms_keep_their_own_field_templates(client, administrator, create_article):
    """FORM_RENDERER changes our field groups only: the admin draws its fields itself."""
    index = create_article(title="Le lavoir", body="Le lavoir du bourg.").get_parent()
    client.force_login(administrator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[index.pk])
    edit = client.get(edit_url)
    assert edit.status_code == 200
    html = edit.content.decode()
    assert 'name="title"' in html and 'name="slug"' in html
    assert 'class="w-field__wrapper' in html
    assert "(obligatoire)</span></label>" not in html  # our field template is not used there
    data = admin_form_data(client, edit_url)
    data["title"] = ["Tous les articles"]
    assert client.post(edit_url, data).status_code == 302
    assert (
        index.specific_class.objects.get(pk=index.pk).get_latest_revision().content["title"]
        == "Tous les articles"
    )

    add = client.get(reverse("wagtailimages:add"))
    assert add.status_code == 200
    assert 'name="title"' in add.content.decode() and 'name="file"' in add.content.decode()
    upload = client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": _png()},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert upload.status_code == 200
    answer = upload.json()
    assert answer["success"] is True, sorted(answer)
    # The licensed image model asks for more fields: Wagtail's form to complete the upload.
    form = answer["form"]
    assert f'name="uploaded-image-{answer["uploaded_file_id"]}-title"' in form
    assert 'class="w-field__wrapper' in form and "(obligatoire)</span></label>" not in form


def _png():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("phare.png", image_bytes("PNG", size=(60, 40)), "image/png")
