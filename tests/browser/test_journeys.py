"""The three journeys of a territorial wiki, each on a phone (390 x 844) and on a desktop
(1280 x 800), through the real pages with clicks and typing:

(a) a newcomer signs up and writes an article with a [[link]] and a photo (then compares two of
    its revisions);
(b) the facilitator reviews a newcomer's new article from /relecture/ and accepts it; a visitor
    then reads it;
(c) a project holder declares a commons (two fields) and fills the evaluation grid.

Under ``make screenshots`` every step is photographed:
test-artifacts/screenshots/<test>-<viewport>-<n>-<step>.png. On a phone the header's links wait
behind the "Menu" button, which the journeys open like a person.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests.conftest import image_bytes

from .helpers import PASSWORD, field

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
by_viewport = pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))

FITS_IN_THE_WINDOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


def open_page(new_context, viewport: str, **options):
    page = new_context(**options).new_page()
    page.set_viewport_size(VIEWPORTS[viewport])
    return page


def header_link(page, name: str):
    """A link of the site header, opening the phone's menu first when it is folded."""
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
        menu.click()
    return page.locator("header").get_by_role("link", name=name)


def log_in(page, username: str) -> None:
    page.goto("/")
    header_link(page, "Se connecter").click()
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    # On a phone the button is in the folded menu: present, not shown.
    page.get_by_role("button", name="Se déconnecter", include_hidden=True).wait_for(
        state="attached"
    )


@pytest.fixture
def step(screenshot):
    """Photograph a step and check that the page does not scroll sideways."""
    counter = {"n": 0}

    def take(page, name: str) -> None:
        counter["n"] += 1
        screenshot(page, f"{counter['n']}-{name}")
        assert page.evaluate(FITS_IN_THE_WINDOW), f"{page.url} scrolls sideways at step {name}"

    return take


# ---------------------------------------------------------------------------------------------
# (a) A newcomer signs up and writes an article with a link and a photo
# ---------------------------------------------------------------------------------------------


@by_viewport
def test_newcomer_signs_up_and_writes_an_article_with_a_link_and_a_photo(
    viewport, new_context, create_article, step
):
    create_article(title="Le lavoir", body="Le lavoir du bourg, où l'on battait le linge.")
    page = open_page(new_context, viewport)

    # Sign up from the header, accepting the licence; the page says first edits are reviewed.
    page.goto("/wiki/")
    header_link(page, "Créer un compte").click()
    expect(page.get_by_role("heading", name="Créer un compte")).to_be_visible()
    field(page, "Nom d'utilisateur").fill("gwenola")
    field(page, "Adresse e-mail").fill("gwenola@example.org")
    field(page, "Mot de passe").fill("Kerlann-lavoir-1954")
    field(page, "Confirmez le mot de passe").fill("Kerlann-lavoir-1954")
    licence = page.get_by_role("checkbox", name=re.compile("J'accepte"))
    licence.check()
    expect(licence).to_be_checked()
    step(page, "inscription")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_text("Bienvenue gwenola")).to_be_visible()
    step(page, "bienvenue")

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
    step(page, "redaction")

    # Choose a photo in the same form, then use the Preview button.
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
    step(page, "apercu-avec-photo")

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
    step(page, "article-en-attente")

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
    step(page, "historique")
    page.get_by_role("button", name="Comparer les versions choisies").click()
    expect(page).to_have_url(re.compile(r"/wiki/la-fontaine-saint-jean/diff/\d+/\d+/$"))
    expect(page.locator(".diff ins").first).to_contain_text("1850")
    expect(page.get_by_text("mots ajoutés")).to_be_visible()
    step(page, "comparaison")


# ---------------------------------------------------------------------------------------------
# (b) The facilitator reviews the newcomer's article; the visitor then sees it
# ---------------------------------------------------------------------------------------------


@by_viewport
def test_facilitator_accepts_a_new_article_from_the_review_queue_and_a_visitor_then_reads_it(
    viewport, new_context, newcomer, facilitator, create_article, step
):
    from community.services import image_upload
    from wiki.models import ArticlePage

    create_article(title="Le lavoir", body="Le lavoir du bourg, où l'on battait le linge.")
    photo = image_upload(
        file=SimpleUploadedFile("fontaine.png", image_bytes(), content_type="image/png"),
        title="La fontaine en 1954",
        author="Gwenola",
        licence="CC BY 4.0",
        user=newcomer,
    )
    create_article(
        title="La fontaine Saint-Jean",
        body="La fontaine est à deux pas du [[Le lavoir|lavoir]].\n\n"
        f"[[Image:{photo.pk}|La fontaine en 1954]]",
        user=newcomer,
    )
    assert not ArticlePage.objects.get(slug="la-fontaine-saint-jean").live

    # Before the review, a visitor is told that the article awaits it.
    visitor = open_page(new_context, viewport)
    response = visitor.goto("/wiki/la-fontaine-saint-jean/")
    assert response is not None and response.status == 404
    expect(visitor.get_by_text(re.compile("attend la relecture"))).to_be_visible()
    step(visitor, "visiteur-avant")

    # The facilitator opens the queue from the header and reads a rendered preview.
    reviewer = open_page(new_context, viewport)
    log_in(reviewer, facilitator.username)
    header_link(reviewer, "Relecture").click()
    expect(reviewer).to_have_url(re.compile(r"/relecture/"))
    item = reviewer.locator("section.review-item").filter(has_text="La fontaine Saint-Jean")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(newcomer.username)
    expect(item.get_by_role("link", name="lavoir").first).to_have_attribute(
        "href", "/wiki/le-lavoir/"
    )
    expect(item.locator("img").first).to_have_attribute("alt", "La fontaine en 1954")
    step(reviewer, "file-de-relecture")
    item.get_by_role("button", name="Accepter").click()
    expect(reviewer.locator(".messages")).to_be_visible()
    expect(reviewer.get_by_text("Rien à relire pour l'instant")).to_be_visible()
    step(reviewer, "accepte")

    # The visitor now reads it, with its link and its photo.
    response = visitor.reload()
    assert response is not None and response.ok
    expect(visitor.get_by_role("heading", level=1)).to_have_text("La fontaine Saint-Jean")
    body = visitor.locator(".article-body")
    expect(body.get_by_role("link", name="lavoir")).to_have_attribute("href", "/wiki/le-lavoir/")
    image = body.locator("img")
    expect(image).to_have_attribute("alt", "La fontaine en 1954")
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    step(visitor, "visiteur-apres")


# ---------------------------------------------------------------------------------------------
# (c) A project holder declares a commons and fills the evaluation grid
# ---------------------------------------------------------------------------------------------


@by_viewport
def test_project_holder_declares_a_commons_and_fills_the_evaluation_grid(
    viewport, new_context, resident, step
):
    page = open_page(new_context, viewport)
    log_in(page, resident.username)
    page.goto("/communs/")
    page.locator("main").get_by_role("link", name="Déclarer un commun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclarer un commun")
    field(page, "Nom").fill("Jardin partagé du Moulin")
    field(page, "Résumé en une phrase").fill("Un potager cultivé ensemble, ouvert à tous.")
    step(page, "declaration")
    page.get_by_role("button", name="Déclarer").click()

    expect(page).to_have_url(re.compile(r"/communs/jardin-partage-du-moulin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Jardin partagé du Moulin")
    expect(page.locator(".messages")).to_contain_text("Votre commun est enregistré")
    step(page, "fiche-declaree")

    page.get_by_role("link", name="Remplir l'auto-évaluation").click()
    sharing = page.get_by_role("group", name="Partage")
    sharing.get_by_label("Niveau atteint").select_option(label="Commencé")
    sharing.get_by_label("Votre réponse").fill("Les outils sont prêtés à tous les voisins.")
    governance = page.get_by_role("group", name="Gouvernance")
    governance.get_by_label("Niveau atteint").select_option(label="Réalisé")
    governance.get_by_label("Votre réponse").fill("Une assemblée chaque mois.")
    partners = page.get_by_role("group", name="Partenaires")
    partners.get_by_label("Niveau atteint").select_option(label="Souhaité, pas commencé")
    step(page, "grille")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page).to_have_url(re.compile(r"/communs/jardin-partage-du-moulin/"))
    profile = page.locator("#profil")
    chart = profile.locator(".profile-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.profile-chart__bar--counted")).to_have_count(3)
    # Every label of the chart is shown whole (wrapped if need be, never cut off).
    labels = chart.locator(".profile-chart__label, .profile-chart__level")
    expect(labels.filter(has_text="Souhaité, pas commencé")).to_be_visible()
    cut_off = labels.evaluate_all(
        "nodes => nodes.filter(node => node.scrollWidth > node.clientWidth + 1)"
        ".map(node => node.textContent)"
    )
    assert not cut_off, f"chart labels cut off: {cut_off}"
    table = profile.get_by_role("table")
    expect(table.get_by_role("row", name=re.compile("Partage"))).to_contain_text("Commencé")
    expect(table.get_by_role("row", name=re.compile("Gouvernance"))).to_contain_text("Réalisé")
    chart.scroll_into_view_if_needed()
    step(page, "profil")
