"""The review queue in a real browser, at a phone's and a desktop's width: no sideways scroll,
the refusal's reason asked for by the browser beside the button, the next item in view after a
decision. Photographed under ``make screenshots`` in test-artifacts/screenshots/
(review-queue-390.png, -1280.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from community.services import report_create
from tests.conftest import make_user
from wiki.services import ArticleFields, article_create, article_save

from .helpers import SCREENSHOT_DIR, screenshots_wanted

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTH_SCRIPT = "() => [document.documentElement.scrollWidth, window.innerWidth]"
PARAGRAPHS = [
    f"Paragraphe {number} sur l'histoire du port et de ses quais." for number in range(12)
]


def _pending(resident, newcomer):
    page = article_create(
        fields=ArticleFields(title="Le port", body="\n\n".join(PARAGRAPHS)), user=resident
    ).page
    changed = list(PARAGRAPHS)
    changed[6] = "Paragraphe 6 sur l'histoire du port, agrandi en 1880 par la chambre de commerce."
    article_save(
        page=page,
        fields=ArticleFields(title="Le port", body="\n\n".join(changed)),
        user=newcomer,
        base_revision_id=page.latest_revision_id,
        edit_summary="date",
    )
    article_create(
        fields=ArticleFields(title="La cabine du Stang", body="## Histoire\n\nUne **cabine**."),
        user=newcomer,
    )
    report_create(
        reporter=None,
        target_key="article:1",
        target_label="Le phare",
        target_url="/wiki/le-phare/",
        reason="Une date est fausse.",
    )


def test_review_queue_reads_at_both_widths_and_refusing_asks_for_a_reason(
    new_context, resident, facilitator
):
    newcomer = make_user("nouvelle-venue")
    _pending(resident, newcomer)
    page = new_context(user=facilitator).new_page()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for width, height in ((390, 844), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto("/relecture/")
        expect(page.locator("section.review-item")).to_have_count(3)
        scroll_width, window_width = page.evaluate(WIDTH_SCRIPT)
        assert scroll_width <= window_width, f"{width} px: {scroll_width} > {window_width}"
        if screenshots_wanted():
            page.screenshot(path=str(SCREENSHOT_DIR / f"review-queue-{width}.png"), full_page=True)
    expect(page.get_by_role("link", name="Relecture")).to_contain_text("3")

    cabin = page.locator("section.review-item").filter(has_text="La cabine du Stang")
    expect(cabin.locator(".review-preview strong")).to_have_text("cabine")
    cabin.get_by_role("button", name="Refuser").click()
    # The browser asks for the reason: nothing was sent.
    expect(page.locator("section.review-item")).to_have_count(3)
    assert page.evaluate("() => document.activeElement.name") == "reason"
    cabin.get_by_label("Motif (obligatoire pour refuser)").fill("Publicité.")
    cabin.get_by_role("button", name="Refuser").click()

    expect(page.locator(".messages")).to_contain_text("Refusé : Nouvel article")
    expect(page.locator("section.review-item")).to_have_count(2)
    assert "#item-" in page.url
