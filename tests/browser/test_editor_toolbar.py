"""Writing comfortably: the preview is there when the edit page opens, and a small toolbar writes
the Markdown (bold, italic, heading, list, a link to an article with title completion), with the
mouse or the keyboard, on a desktop and on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def article(server, create_article):
    create_article(title="La criée", body="La criée ouvre à cinq heures.")
    return create_article(title="Le phare", body="Le phare de Karreg-Wenn veille.")


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_toolbar_writes_markdown_and_links_an_article(
    article, resident, new_context, screenshot, viewport
):
    page = new_context(user=resident).new_page()
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(f"/wiki/{article.slug}/modifier/")
    body = page.locator("textarea[name=body]")
    preview = page.locator("#live-preview")
    # The preview is rendered at once, before any typing.
    expect(preview).to_contain_text("Le phare de Karreg-Wenn veille.")

    toolbar = page.get_by_role("toolbar", name="Mise en forme du texte")
    body.evaluate("area => area.setSelectionRange(3, 8)")  # "phare"
    toolbar.get_by_role("button", name="Gras").click()
    expect(body).to_have_value("Le **phare** de Karreg-Wenn veille.")
    expect(preview.locator("strong")).to_have_text("phare")

    body.press("End")
    body.press("Enter")
    body.type("Les gardiens")
    body.evaluate("area => area.setSelectionRange(area.value.length - 8, area.value.length)")
    toolbar.get_by_role("button", name="Lien vers un article").click()
    title = page.get_by_label("Titre de l'article à lier")
    expect(title).to_be_focused()
    title.fill("La cri")
    expect(page.locator("#editor-link-titles option[value='La criée']")).to_have_count(1)
    title.fill("La criée")
    title.press("Enter")
    expect(body).to_have_value("Le **phare** de Karreg-Wenn veille.\nLes [[La criée|gardiens]]")
    expect(preview.locator('a[href="/wiki/la-criee/"]')).to_have_text("gardiens")

    toolbar.get_by_role("button", name="Liste").click()
    expect(body).to_have_value("Le **phare** de Karreg-Wenn veille.\n- Les [[La criée|gardiens]]")
    screenshot(page)


def test_toolbar_works_from_the_keyboard(article, resident, new_context):
    page = new_context(user=resident).new_page()
    page.goto(f"/wiki/{article.slug}/modifier/")
    body = page.locator("textarea[name=body]")
    body.focus()
    body.press("Control+End")
    body.press("Enter")
    body.press("Control+i")
    expect(body).to_have_value("Le phare de Karreg-Wenn veille.\n_texte en italique_")

    # Shift+Tab from the text reaches the last toolbar button; the heading button with Enter.
    heading = page.get_by_role("button", name="Titre de section")
    heading.focus()
    heading.press("Enter")
    expect(body).to_have_value("Le phare de Karreg-Wenn veille.\n## _texte en italique_")
    expect(page.locator("#live-preview h2")).to_have_text("texte en italique")
