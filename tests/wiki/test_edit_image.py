"""An image chosen in the edit form goes where the cursor was, and is stored once: a form error
elsewhere does not lose the chosen file."""

import re

import pytest

from community.models import LicensedImage
from tests.conftest import image_bytes
from wiki.models import ArticlePage

pytestmark = pytest.mark.django_db


def upload(name="phare.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def test_image_goes_after_the_line_where_the_cursor_was(resident_client, create_article):
    page = create_article(title="Le phare", body="Premier paragraphe.\n\nSecond paragraphe.")
    cursor = page.body.index("paragraphe.") + 3  # inside the first line

    response = resident_client.post(
        f"/wiki/{page.slug}/modifier/",
        {
            "title": "Le phare",
            "body": page.body,
            "base_revision_id": page.latest_revision_id,
            "image_file": upload(),
            "image_title": "Le phare en 1950",
            "image_position": str(cursor),
        },
    )

    assert response.status_code == 302
    body = ArticlePage.objects.get(pk=page.pk).body
    image = LicensedImage.objects.get()
    assert body == (
        f"Premier paragraphe.\n\n[[Image:{image.pk}|Le phare en 1950]]\n\nSecond paragraphe.\n"
    )


def test_image_goes_at_the_end_without_a_cursor_position(resident_client, create_article):
    page = create_article(title="Le phare", body="Premier paragraphe.\n\nSecond paragraphe.")

    resident_client.post(
        f"/wiki/{page.slug}/modifier/",
        {
            "title": "Le phare",
            "body": page.body,
            "base_revision_id": page.latest_revision_id,
            "image_file": upload(),
            "image_title": "Le phare",
            "image_position": "not a number",
        },
    )

    body = ArticlePage.objects.get(pk=page.pk).body
    assert body.endswith(
        f"Second paragraphe.\n\n[[Image:{LicensedImage.objects.get().pk}|Le phare]]\n"
    )


def test_chosen_image_survives_a_form_error_and_is_stored_once(resident_client):
    response = resident_client.post(
        "/wiki/creer/",
        {
            "title": "",  # forgotten: the form comes back with an error
            "body": "La fontaine Saint-Jean.",
            "image_file": upload("fontaine.png"),
            "image_title": "La fontaine",
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    image = LicensedImage.objects.get()
    code = f"[[Image:{image.pk}|La fontaine]]"
    assert code in html  # kept in the text area, ready for the next submit
    body = re.search(r"<textarea[^>]*name=\"body\"[^>]*>(.*?)</textarea>", html, re.S).group(1)

    response = resident_client.post(
        "/wiki/creer/",
        {"title": "La fontaine Saint-Jean", "body": body.replace("&#x27;", "'").strip()},
    )

    assert response.status_code == 302
    assert code in ArticlePage.objects.get(slug="la-fontaine-saint-jean").body
    assert LicensedImage.objects.count() == 1


def test_edit_page_offers_the_toolbar_and_live_preview_scripts(resident_client, create_article):
    page = create_article(title="Le phare", body="Le phare de Karreg-Wenn.")

    html = resident_client.get(f"/wiki/{page.slug}/modifier/").content.decode()

    assert '<template id="editor-toolbar-template">' in html
    for label in ("Gras", "Italique", "Titre de section", "Lien vers un article", "Liste"):
        assert label in html
    assert "wiki/editor-toolbar.js" in html
    # Without JavaScript the text area is a plain, complete form field.
    assert re.search(r'<textarea[^>]*name="body"', html)
