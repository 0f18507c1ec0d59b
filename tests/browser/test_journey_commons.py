"""Journey 4: a project holder declares a commons with two fields, answers two criteria of the
grid and sees the profile chart on the record."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .helpers import field, log_in_through_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_project_holder_declares_a_commons_and_fills_two_grid_criteria(page, resident, screenshot):
    log_in_through_form(page, resident.username)
    page.goto("/communs/")
    page.locator("main").get_by_role("link", name="Déclarer un commun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclarer un commun")
    field(page, "Nom").fill("Jardin partagé du Moulin")
    field(page, "Résumé en une phrase").fill("Un potager cultivé ensemble, ouvert à tous.")
    page.get_by_role("button", name="Déclarer").click()

    expect(page).to_have_url(re.compile(r"/communs/jardin-partage-du-moulin/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Jardin partagé du Moulin")
    expect(page.locator(".messages")).to_contain_text("Votre commun est enregistré")

    page.get_by_role("link", name="Remplir l'auto-évaluation").click()
    sharing = page.get_by_role("group", name="Partage")
    sharing.get_by_label("Niveau atteint").select_option(label="Commencé")
    sharing.get_by_label("Votre réponse").fill("Les outils sont prêtés à tous les voisins.")
    governance = page.get_by_role("group", name="Gouvernance")
    governance.get_by_label("Niveau atteint").select_option(label="Réalisé")
    governance.get_by_label("Votre réponse").fill("Une assemblée chaque mois.")
    page.get_by_role("button", name="Enregistrer").click()

    expect(page).to_have_url(re.compile(r"/communs/jardin-partage-du-moulin/"))
    profile = page.locator("#profil")
    chart = profile.locator("svg.profile-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.profile-chart__bar--counted")).to_have_count(2)
    table = profile.get_by_role("table")
    expect(table.get_by_role("row", name=re.compile("Partage"))).to_contain_text("Commencé")
    expect(table.get_by_role("row", name=re.compile("Gouvernance"))).to_contain_text("Réalisé")
    profile.scroll_into_view_if_needed()
    screenshot(page)
