"""Journey 3: a new contributor's edit waits for review and a facilitator accepts it; a vandal's
two edits are reverted in one click from the history."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_user

from .helpers import field, log_in_through_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ORIGINAL = "Le lavoir du bourg fut construit en 1878 au bord du ruisseau."


def edit_article(page, slug: str, text: str, summary: str) -> None:
    page.goto(f"/wiki/{slug}/")
    page.get_by_role("link", name="Modifier").click()
    field(page, "Texte de l'article").fill(text)
    field(page, "Résumé de la modification").fill(summary)
    page.get_by_role("button", name="Enregistrer").click()


def test_new_contributor_edit_waits_for_review_and_is_published_once_accepted(
    new_context, newcomer, facilitator, create_article, screenshot
):
    create_article(title="Le lavoir", body=ORIGINAL)
    proposed = ORIGINAL.replace("en 1878", "en 1878 par la commune")

    author = new_context().new_page()
    log_in_through_form(author, newcomer.username)
    edit_article(author, "le-lavoir", proposed, "Qui l'a construit")
    expect(author.locator(".messages")).to_contain_text("visible après relecture")
    expect(author.get_by_role("status").filter(has_text="attend la relecture")).to_be_visible()
    expect(author.locator(".article-body")).to_contain_text("par la commune")

    visitor = new_context().new_page()
    visitor.goto("/wiki/le-lavoir/")
    expect(visitor.locator(".article-body")).to_have_text(ORIGINAL)

    reviewer = new_context().new_page()
    log_in_through_form(reviewer, facilitator.username)
    reviewer.get_by_role("link", name="Relecture").click()
    expect(reviewer).to_have_url(re.compile(r"/relecture/"))
    item = reviewer.locator("section.review-item").filter(has_text="Le lavoir")
    expect(item).to_have_count(1)
    expect(item.locator(".diff ins")).to_contain_text("par la commune")
    expect(item).to_contain_text(newcomer.username)
    item.get_by_role("button", name="Accepter").click()
    expect(reviewer.get_by_text("Rien à relire pour l'instant")).to_be_visible()

    visitor.reload()
    expect(visitor.locator(".article-body")).to_have_text(proposed)
    screenshot(visitor)


def test_facilitator_reverts_a_vandals_two_edits_in_one_click(
    new_context, facilitator, create_article, screenshot
):
    create_article(title="Le lavoir", body=ORIGINAL)
    vandal = make_user("vandale", is_confirmed=True)  # a confirmed contributor

    vandal_page = new_context().new_page()
    log_in_through_form(vandal_page, vandal.username)
    edit_article(vandal_page, "le-lavoir", "N'IMPORTE QUOI", "amélioration")
    expect(vandal_page.locator(".article-body")).to_have_text("N'IMPORTE QUOI")
    edit_article(vandal_page, "le-lavoir", "ENCORE PLUS N'IMPORTE QUOI", "amélioration")
    expect(vandal_page.locator(".article-body")).to_have_text("ENCORE PLUS N'IMPORTE QUOI")

    reviewer = new_context().new_page()
    log_in_through_form(reviewer, facilitator.username)
    reviewer.goto("/wiki/le-lavoir/")
    reviewer.get_by_role("link", name="Historique").click()
    rows = reviewer.locator("table.listing tbody tr")
    expect(rows).to_have_count(3)
    revoke = reviewer.get_by_role("button", name="révoquer")
    expect(revoke).to_have_count(1)
    revoke.click()
    expect(rows).to_have_count(4)

    visitor = new_context().new_page()
    visitor.goto("/wiki/le-lavoir/")
    expect(visitor.locator(".article-body")).to_have_text(ORIGINAL)
    reviewer.goto("/wiki/le-lavoir/")
    expect(reviewer.locator(".article-body")).to_have_text(ORIGINAL)
    screenshot(reviewer)
