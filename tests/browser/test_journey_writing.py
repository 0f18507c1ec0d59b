"""Journey 1: a resident signs up, writes an article with a link and an image, then reads its
history and a diff — through the real pages, with clicks and typing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import image_bytes

from .helpers import field

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_new_resident_signs_up_writes_an_article_and_compares_two_revisions(
    page, create_article, screenshot
):
    create_article(title="Le lavoir", body="Le lavoir du bourg, où l'on battait le linge.")

    # Sign up from the header, accepting the licence.
    page.goto("/wiki/")
    page.get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("heading", name="Créer un compte")).to_be_visible()
    field(page, "Nom d'utilisateur").fill("gwenola")
    field(page, "Adresse e-mail").fill("gwenola@example.org")
    field(page, "Mot de passe").fill("Kerlann-lavoir-1954")
    field(page, "Confirmez le mot de passe").fill("Kerlann-lavoir-1954")
    licence = page.get_by_role("checkbox", name=re.compile("J'accepte"))
    licence.check()
    expect(licence).to_be_checked()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_text("Bienvenue gwenola")).to_be_visible()

    # Create an article linking to an existing one; the live preview follows the typing.
    page.goto("/wiki/")
    page.get_by_role("link", name="Créer un article").click()
    field(page, "Titre").fill("La fontaine Saint-Jean")
    field(page, "Résumé en une phrase").fill("La fontaine au pied de l'église.")
    body = field(page, "Texte de l'article")
    body.fill("La fontaine est à deux pas du [[Le lavoir|lavoir]].\n\nOn y puisait l'eau.")
    body.press("End")
    body.type(" Elle ne tarit jamais.")
    live_preview = page.locator("#live-preview")
    expect(live_preview.locator('a[href="/wiki/le-lavoir/"]')).to_have_text("lavoir")
    expect(live_preview).to_contain_text("Elle ne tarit jamais.")

    # Choose an image in the same form, then use the Preview button.
    field(page, "Ajouter une image").set_input_files(
        files=[{"name": "fontaine.png", "mimeType": "image/png", "buffer": image_bytes()}]
    )
    field(page, "Titre de l'image").fill("La fontaine en 1954")
    field(page, "Auteur ou autrice de l'image").fill("Gwenola")
    page.get_by_role("button", name="Aperçu").click()
    expect(page.get_by_text(re.compile(r"Image ajoutée au texte"))).to_be_visible()
    expect(body).to_have_value(re.compile(r"\[\[Image:\d+\|La fontaine en 1954\]\]"))
    preview_image = live_preview.locator("img")
    expect(preview_image).to_have_attribute("alt", "La fontaine en 1954")
    expect(live_preview.locator('a[href="/wiki/le-lavoir/"]')).to_be_visible()

    field(page, "Résumé de la modification").fill("Première version")
    page.get_by_role("button", name="Enregistrer").click()
    # A new contributor's article waits for review; its author sees it with a banner.
    expect(page.locator(".messages")).to_contain_text("attend la relecture")
    expect(page.get_by_role("status").filter(has_text="votre nouvel article")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("La fontaine Saint-Jean")
    article = page.locator(".article-body")
    link = article.get_by_role("link", name="lavoir")
    expect(link).to_have_attribute("href", "/wiki/le-lavoir/")
    expect(link).not_to_have_class(re.compile(r"\bnew\b"))
    image = article.locator("img")
    expect(image).to_have_attribute("alt", "La fontaine en 1954")
    # decode() waits for the file and fails if it cannot be loaded or read as an image.
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0

    # A second edit, so that there is something to compare.
    page.get_by_role("link", name="Modifier").click()
    body = field(page, "Texte de l'article")
    body.press("ControlOrMeta+Home")
    body.type("Depuis 1850, ")
    field(page, "Résumé de la modification").fill("Date de construction")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".article-body")).to_contain_text("Depuis 1850, La fontaine")

    # History tab, then the difference between the two revisions.
    page.get_by_role("link", name="Historique").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historique")
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Date de construction")
    expect(rows.nth(1)).to_contain_text("Première version")
    page.get_by_role("button", name="Comparer les versions choisies").click()
    expect(page).to_have_url(re.compile(r"/wiki/la-fontaine-saint-jean/diff/\d+/\d+/$"))
    expect(page.locator(".diff ins").first).to_contain_text("1850")
    expect(page.get_by_text("mots ajoutés")).to_be_visible()
    screenshot(page)
