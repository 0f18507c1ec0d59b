"""Front-end editing: create, edit, preview, conflicts, bad input, through HTTP."""

import pytest
from django.urls import reverse

from wiki.models import ArticlePage, RevisionMeta

pytestmark = pytest.mark.django_db


def edit_data(page=None, **overrides):
    data = {
        "title": page.title if page else "Le marché couvert",
        "summary": "",
        "body": page.body if page else "Le marché du samedi.",
        "tags": "",
        "place_name": "",
        "latitude": "",
        "longitude": "",
        "edit_summary": "",
        "base_revision_id": page.latest_revision_id if page else "",
        "action": "enregistrer",
    }
    data.update(overrides)
    return data


def test_visitor_is_sent_to_login_to_edit(client, create_article):
    page = create_article()
    response = client.get(reverse("wiki:edit", args=[page.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/")


def test_visitor_cannot_post_an_edit(client, create_article):
    page = create_article()
    response = client.post(reverse("wiki:edit", args=[page.slug]), edit_data(page, body="vandal"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg."


def test_resident_creates_an_article_from_a_red_link(resident_client):
    response = resident_client.get("/wiki/creer/?titre=Le+marché+couvert")
    assert response.status_code == 200
    assert 'value="Le marché couvert"' in response.content.decode()
    response = resident_client.post(
        "/wiki/creer/",
        edit_data(
            summary="Les halles du bourg.",
            body="## Histoire\nConstruit en 1902, voir [[Le port]].",
            tags="marché, patrimoine",
            place_name="Place des Halles",
            latitude="48,383",
            longitude="-4,49",
            edit_summary="Première version",
        ),
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="le-marche-couvert")
    assert response["Location"] == page.url == "/wiki/le-marche-couvert/"
    assert page.live
    assert page.latitude == pytest.approx(48.383)
    assert sorted(tag.name for tag in page.tags.all()) == ["marché", "patrimoine"]
    meta = RevisionMeta.objects.get(page=page)
    assert (
        meta.is_creation and meta.edit_summary == "Première version" and meta.author_name == "maela"
    )
    html = resident_client.get(page.url).content.decode()
    assert 'id="histoire"' in html
    assert 'class="wikilink new"' in html and "/wiki/creer/?titre=Le+port" in html


def test_edit_creates_a_revision_and_publishes(resident_client, create_article):
    page = create_article()
    response = resident_client.post(
        reverse("wiki:edit", args=[page.slug]),
        edit_data(
            page, body="Le lavoir du bourg, rénové en 1990.", edit_summary="date", minor="on"
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg, rénové en 1990."
    metas = RevisionMeta.objects.filter(page=page).order_by("created_at")
    assert metas.count() == 2
    assert metas.last().minor and metas.last().size_delta == len(", rénové en 1990".encode())


def test_edit_form_shows_edit_tab_and_plain_textarea(resident_client, create_article):
    page = create_article()
    html = resident_client.get(reverse("wiki:edit", args=[page.slug])).content.decode()
    assert '<textarea name="body"' in html
    assert 'aria-current="page">Modifier' in html
    assert f'name="base_revision_id" value="{page.latest_revision_id}"' in html


def test_preview_button_renders_without_saving(resident_client, create_article):
    page = create_article()
    response = resident_client.post(
        reverse("wiki:edit", args=[page.slug]),
        edit_data(page, body="**Aperçu** du [[Lavoir]]", action="apercu"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Aperçu</strong>" in html
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg."
    assert RevisionMeta.objects.filter(page=page).count() == 1


def test_live_preview_endpoint_returns_sanitised_html(resident_client):
    response = resident_client.post("/wiki/apercu/", {"body": "# Titre\n<script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "<script" not in html


def test_live_preview_refused_to_visitors(client):
    assert client.post("/wiki/apercu/", {"body": "x"}).status_code == 403


def test_two_edits_to_different_parts_merge(resident_client, other_resident, create_article):
    from wiki.services import ArticleFields, article_save

    page = create_article(body="Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième.\n")
    base = page.latest_revision_id
    article_save(
        page=page,
        fields=ArticleFields(
            title=page.title,
            body="Premier paragraphe modifié.\n\nDeuxième paragraphe.\n\nTroisième.\n",
        ),
        user=other_resident,
        base_revision_id=base,
    )
    response = resident_client.post(
        reverse("wiki:edit", args=[page.slug]),
        edit_data(
            page,
            body="Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième, complété.\n",
            base_revision_id=base,
        ),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert (
        page.body == "Premier paragraphe modifié.\n\nDeuxième paragraphe.\n\nTroisième, complété.\n"
    )


def test_overlapping_edits_show_a_conflict_and_keep_the_text(
    resident_client, other_resident, create_article
):
    from wiki.services import ArticleFields, article_save

    page = create_article(body="Le lavoir date de 1880.\n")
    base = page.latest_revision_id
    article_save(
        page=page,
        fields=ArticleFields(title=page.title, body="Le lavoir date de 1885.\n"),
        user=other_resident,
        base_revision_id=base,
    )
    response = resident_client.post(
        reverse("wiki:edit", args=[page.slug]),
        edit_data(page, body="Le lavoir date de 1878, selon le cadastre.\n", base_revision_id=base),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Conflit de modification" in html
    assert "Le lavoir date de 1878, selon le cadastre." in html
    assert "Le lavoir date de 1885." in html
    page.refresh_from_db()
    assert page.body == "Le lavoir date de 1885.\n"
    # The conflict form carries the newest revision: saving it now succeeds.
    latest = page.latest_revision_id
    assert f'name="base_revision_id" value="{latest}"' in html
    response = resident_client.post(
        reverse("wiki:edit", args=[page.slug]),
        edit_data(page, body="Le lavoir date de 1878 ou 1885.\n", base_revision_id=latest),
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Champ requis"),
        ({"title": "?!…"}, "au moins une lettre ou un chiffre"),
        ({"title": "Le lavoir"}, "Un article porte déjà ce titre"),
        ({"title": "LE LAVOIR!"}, "Un article porte déjà ce titre"),
        ({"title": "creer"}, "réservé"),
        ({"title": "<script>alert(1)</script>"}, "ne peut pas contenir"),
        ({"body": "é" * 260_000}, "Le texte est trop long"),
        ({"latitude": "120", "longitude": "3"}, "La latitude doit être entre -90 et 90"),
        ({"latitude": "48"}, "latitude et la longitude"),
        ({"latitude": "nord"}, "Saisissez un nombre"),
    ],
)
def test_bad_input_gets_a_french_message_and_changes_nothing(
    resident_client, create_article, overrides, message
):
    create_article()
    before = (ArticlePage.objects.count(), RevisionMeta.objects.count())
    response = resident_client.post("/wiki/creer/", edit_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (ArticlePage.objects.count(), RevisionMeta.objects.count()) == before


def test_stale_unknown_base_revision_is_refused(resident_client, create_article):
    page = create_article()
    response = resident_client.post(
        reverse("wiki:edit", args=[page.slug]), edit_data(page, body="x", base_revision_id="999999")
    )
    assert response.status_code == 400
    assert "version de départ" in response.content.decode()


def test_missing_csrf_token_is_refused(create_article, resident):
    from django.test import Client

    page = create_article()
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    response = client.post(reverse("wiki:edit", args=[page.slug]), edit_data(page, body="x"))
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg."


def test_script_payloads_never_reach_the_page(resident_client):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>[clic](javascript:alert(1))'
    resident_client.post(
        "/wiki/creer/",
        edit_data(title="Charge hostile", summary='"><script>alert(2)</script>', body=payload),
    )
    page = ArticlePage.objects.get(slug="charge-hostile")
    html = resident_client.get(page.url).content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(2)" in html


def test_unchanged_save_creates_no_revision(resident_client, create_article):
    page = create_article()
    response = resident_client.post(reverse("wiki:edit", args=[page.slug]), edit_data(page))
    assert response.status_code == 302
    assert RevisionMeta.objects.filter(page=page).count() == 1


def test_rename_keeps_old_url_and_incoming_links(
    resident_client, create_article, django_capture_on_commit_callbacks
):
    target = create_article(title="Le vieux lavoir", body="Texte.")
    source = create_article(title="Le bourg", body="Voir [[Le vieux lavoir]].")
    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(
            reverse("wiki:edit", args=[target.slug]),
            edit_data(target, title="Le lavoir de Kerlann"),
        )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.url == "/wiki/le-lavoir-de-kerlann/"
    old = resident_client.get("/wiki/le-vieux-lavoir/")
    assert old.status_code in (301, 302) and old["Location"].endswith("/wiki/le-lavoir-de-kerlann/")
    html = resident_client.get(source.url).content.decode()
    assert 'class="wikilink new"' not in html
    backlinks = resident_client.get(reverse("wiki:backlinks", args=[target.slug])).content.decode()
    assert "Le bourg" in backlinks


def test_image_upload_in_the_edit_flow(resident_client, create_article, png_upload):
    page = create_article()
    data = edit_data(page, image_title="Le phare", image_author="Maela", image_licence="CC0 1.0")
    data["image_file"] = png_upload
    response = resident_client.post(reverse("wiki:edit", args=[page.slug]), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert "[[Image:" in page.body
    html = resident_client.get(page.url).content.decode()
    assert "<figure" in html and "Maela — CC0 1.0" in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"GIF89a not really an image", "pas une image JPEG"),
        ("photo.jpg", b"%PDF-1.4 fake pdf", "pas une image JPEG"),
        ("photo.png", b"", "vide"),
    ],
)
def test_upload_refuses_non_images(resident_client, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.models import LicensedImage

    response = resident_client.post(
        "/wiki/televerser/",
        {
            "image_file": SimpleUploadedFile(name, content),
            "image_title": "x",
            "image_author": "y",
            "image_licence": "CC BY-SA 4.0",
        },
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert LicensedImage.objects.count() == 0


def test_upload_refuses_decompression_bombs(resident_client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.models import LicensedImage
    from tests.conftest import image_bytes

    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    response = resident_client.post(
        "/wiki/televerser/",
        {
            "image_file": SimpleUploadedFile("grand.png", image_bytes(size=(200, 200))),
            "image_title": "x",
            "image_author": "y",
            "image_licence": "CC BY-SA 4.0",
        },
    )
    assert response.status_code == 400
    assert "trop grande" in response.content.decode()
    assert LicensedImage.objects.count() == 0


def test_upload_page_gives_the_code_to_place_the_image(resident_client, png_upload):
    response = resident_client.post(
        "/wiki/televerser/",
        {
            "image_file": png_upload,
            "image_title": "Phare",
            "image_author": "Maela",
            "image_licence": "CC BY 4.0",
        },
    )
    assert response.status_code == 200
    from community.models import LicensedImage

    image = LicensedImage.objects.get()
    assert image.author == "Maela" and image.licence == "CC BY 4.0"
    assert f"[[Image:{image.pk}|Phare]]" in response.content.decode()
