"""Journey 2: two residents edit the same article at the same time, in two browsers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from wiki.models import ArticlePage, RevisionMeta

from .helpers import field, log_in_through_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIRST = "Le port de Kerlann abritait trente chaloupes."
MIDDLE = "La criée ouvrait à cinq heures."
LAST = "Les femmes réparaient les filets sur le quai."
BODY = f"{FIRST}\n\n{MIDDLE}\n\n{LAST}\n"


def open_edit_forms(new_context, resident, other_resident):
    """Both residents log in (each in their own browser) and open the edit form."""
    pages = []
    for person in (resident, other_resident):
        page = new_context().new_page()
        log_in_through_form(page, person.username)
        page.goto("/wiki/le-port/")
        page.get_by_role("link", name="Modifier").click()
        expect(field(page, "Texte de l'article")).to_have_value(BODY)
        pages.append(page)
    return pages


def test_same_sentence_edited_twice_shows_the_conflict_screen_and_loses_nothing(
    new_context, resident, other_resident, create_article, screenshot
):
    create_article(title="Le port", body=BODY)
    maela, yannick = open_edit_forms(new_context, resident, other_resident)

    maela_text = BODY.replace("trente chaloupes", "quarante chaloupes")
    field(maela, "Texte de l'article").fill(maela_text)
    field(maela, "Résumé de la modification").fill("Nombre corrigé")
    yannick_text = BODY.replace("trente chaloupes", "trente chaloupes et deux goélettes")
    field(yannick, "Texte de l'article").fill(yannick_text)
    field(yannick, "Résumé de la modification").fill("Goélettes")

    maela.get_by_role("button", name="Enregistrer").click()
    expect(maela.locator(".messages")).to_contain_text("Modification enregistrée")
    yannick.get_by_role("button", name="Enregistrer").click()

    # The conflict screen: their text, preserved, next to the current one.
    expect(yannick.get_by_role("heading", level=1)).to_have_text("Conflit de modification")
    expect(yannick.get_by_role("alert")).to_contain_text("Rien n'a été perdu")
    expect(field(yannick, "Texte actuel (lecture seule)")).to_have_value(maela_text)
    mine = field(yannick, "Texte de l'article")
    expect(mine).to_have_value(yannick_text)
    resolved = BODY.replace("trente chaloupes", "quarante chaloupes et deux goélettes")
    mine.fill(resolved)
    field(yannick, "Résumé de la modification").fill("Goélettes, après conflit")
    yannick.get_by_role("button", name="Enregistrer mon texte").click()
    expect(yannick.locator(".messages")).to_contain_text("Modification enregistrée")
    expect(yannick.locator(".article-body")).to_contain_text("quarante chaloupes et deux goélettes")

    # Nothing lost: both edits are in the history, the article has the resolved text.
    article = ArticlePage.objects.get(slug="le-port")
    assert article.body == resolved
    summaries = list(
        RevisionMeta.objects.filter(page=article)
        .order_by("created_at", "pk")
        .values_list("author_name", "edit_summary")
    )
    assert summaries[1:] == [("maela", "Nombre corrigé"), ("yannick", "Goélettes, après conflit")]
    yannick.get_by_role("link", name="Historique").click()
    expect(yannick.locator("table.listing tbody tr")).to_have_count(3)
    screenshot(yannick)


def test_edits_of_different_paragraphs_are_merged_on_save(
    new_context, resident, other_resident, create_article, screenshot
):
    create_article(title="Le port", body=BODY)
    maela, yannick = open_edit_forms(new_context, resident, other_resident)

    field(maela, "Texte de l'article").fill(BODY.replace(FIRST, FIRST + " Certaines à voile."))
    field(yannick, "Texte de l'article").fill(BODY.replace(LAST, LAST + " Ils chantaient."))
    maela.get_by_role("button", name="Enregistrer").click()
    expect(maela.locator(".messages")).to_contain_text("Modification enregistrée")
    yannick.get_by_role("button", name="Enregistrer").click()

    expect(yannick.locator(".messages")).to_contain_text("fusionnées automatiquement")
    article_body = yannick.locator(".article-body")
    expect(article_body).to_contain_text("Certaines à voile.")
    expect(article_body).to_contain_text("Ils chantaient.")
    expect(article_body).to_contain_text(MIDDLE)
    merged = ArticlePage.objects.get(slug="le-port").body
    assert "Certaines à voile." in merged and "Ils chantaient." in merged
    screenshot(yannick)
