"""Phones first: no page scrolls sideways on a 390 px screen, and the header folds into a menu.

Every audited page (audited_site.py) and the other pages a resident or a facilitator reaches
are loaded at 390 x 844 (a phone) and at 1280 x 800 (a desktop); the document must be no wider
than the window. Under ``make screenshots``, each page is photographed at both sizes in
test-artifacts/screenshots/ (``phone-<page>.jpg``, ``desktop-<page>.jpg``: JPEG is written in half
the time of PNG) so that a person can look at them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .audited_site import AUDITED_PAGES, AuditedPage
from .helpers import SCREENSHOT_DIR, screenshots_wanted

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

MORE_PAGES = [
    AuditedPage(
        "old-revision",
        lambda site: f"/wiki/{site.article.slug}/historique/{site.first_revision_id}/",
    ),
    AuditedPage("backlinks", lambda site: f"/wiki/{site.article.slug}/liens/"),
    AuditedPage("article-facilitator", lambda site: f"/wiki/{site.article.slug}/", "facilitator"),
    AuditedPage("article-newcomer", lambda site: f"/wiki/{site.article.slug}/", "newcomer"),
    AuditedPage("watchlist", lambda site: "/suivi/", "resident"),
    AuditedPage("notifications", lambda site: "/notifications/", "newcomer"),
    AuditedPage("contributor", lambda site: "/contributeurs/yannick/", "facilitator"),
    AuditedPage("upload", lambda site: "/wiki/televerser/", "resident"),
    AuditedPage("article-index-az", lambda site: "/wiki/"),
    AuditedPage(
        "commons-owners", lambda site: f"/communs/{site.commons_slug}/porteurs/", "resident"
    ),
    AuditedPage("search-empty", lambda site: "/recherche/?q=zzzzqqq"),
    AuditedPage("new-pages", lambda site: "/wiki/nouvelles-pages/"),
    AuditedPage("contributor-visitor", lambda site: "/contributeurs/yannick/"),
    AuditedPage("talk-visitor", lambda site: f"/wiki/{site.article.slug}/discussion/"),
    AuditedPage("password-reset", lambda site: "/comptes/mot-de-passe/oubli/"),
    AuditedPage("api-docs", lambda site: "/api/"),
    AuditedPage(
        "report",
        lambda site: f"/signaler/?url=/wiki/{site.article.slug}/&titre=Le+lavoir",
        "resident",
    ),
    AuditedPage("protect", lambda site: f"/wiki/{site.article.slug}/proteger/", "facilitator"),
    AuditedPage(
        "commons-edit-section",
        lambda site: f"/communs/{site.commons_slug}/modifier/description/",
        "resident",
    ),
    AuditedPage(
        "commons-suggestions",
        lambda site: f"/communs/{site.commons_slug}/propositions/",
        "resident",
    ),
    AuditedPage("commons-images", lambda site: f"/communs/{site.commons_slug}/images/", "resident"),
    AuditedPage(
        "commons-record-facilitator", lambda site: f"/communs/{site.commons_slug}/", "facilitator"
    ),
    AuditedPage("review-queue-wiki", lambda site: "/relecture/?type=wiki", "facilitator"),
    AuditedPage("tag-page-facilitator", lambda site: "/etiquettes/patrimoine/", "facilitator"),
    AuditedPage(
        "tag-description-edit", lambda site: "/etiquettes/patrimoine/modifier/", "facilitator"
    ),
]
PAGES = AUDITED_PAGES + MORE_PAGES

WIDTH_SCRIPT = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def test_no_page_scrolls_sideways_on_a_phone(site, new_context):
    # One browser context per person, every page at both sizes (one territory for all pages:
    # building it once keeps this test quick).
    contexts = {}
    too_wide = []
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for shown in PAGES:
        if shown.login_as not in contexts:
            user = site.people[shown.login_as] if shown.login_as else None
            contexts[shown.login_as] = new_context(user=user).new_page()
        page = contexts[shown.login_as]
        # Loaded once on the phone, then the window widens to a desktop's, as a tablet turned
        # sideways does: the same layout rules apply as on a fresh load (CSS media queries).
        page.set_viewport_size(PHONE)
        response = page.goto(shown.url(site))
        assert response is not None and response.status == shown.status, (
            f"{shown.url(site)}: {response.status}"
        )
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(viewport)
            if screenshots_wanted():
                page.screenshot(
                    path=str(SCREENSHOT_DIR / f"{label}-{shown.name}.jpg"),
                    full_page=True,
                    quality=70,
                )
            document_width, window_width = page.evaluate(WIDTH_SCRIPT)
            if document_width > window_width:
                too_wide.append(
                    f"{shown.url(site)}: {document_width} px in a {window_width} px {label}"
                )
    assert not too_wide, "Pages wider than the window:\n" + "\n".join(too_wide)


def test_wide_photo_shrinks_to_the_phone_screen(site, new_context):
    page = new_context().new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"/wiki/{site.article.slug}/")
    photo = page.locator(".article-body img").first
    expect(photo).to_be_visible()
    natural_width, shown_width = photo.evaluate("img => [img.naturalWidth, img.clientWidth]")
    assert natural_width > PHONE["width"]
    assert shown_width <= PHONE["width"]


def test_header_folds_into_a_menu_on_a_phone(site, new_context):
    page = new_context(user=site.people["facilitator"]).new_page()
    page.set_viewport_size(PHONE)
    page.goto("/")
    menu_button = page.get_by_role("button", name="Menu")
    articles = page.locator(".site-nav").get_by_role("link", name="Articles")
    # The search box stays in sight; the navigation waits behind the button.
    expect(page.locator("#site-search-q")).to_be_visible()
    expect(articles).to_be_hidden()
    expect(menu_button).to_have_attribute("aria-expanded", "false")

    menu_button.click()

    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(articles).to_be_visible()
    expect(page.get_by_role("link", name="Relecture")).to_be_visible()
    articles.click()
    expect(page).to_have_url(f"{page.url.split('/wiki/')[0]}/wiki/")


def test_header_shows_the_whole_navigation_on_a_desktop(site, new_context):
    page = new_context().new_page()
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(page.locator(".site-nav").get_by_role("link", name="Articles")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()


def test_search_results_come_before_the_facets_on_a_phone(site, new_context):
    page = new_context().new_page()
    page.set_viewport_size(PHONE)
    page.goto("/recherche/?q=lavoir")
    results = page.locator(".search-results").bounding_box()
    facets = page.locator(".search-facets").bounding_box()
    assert results is not None and facets is not None
    assert results["y"] < facets["y"]


def _luminance(rgb: str) -> float:
    red, green, blue = (int(part) for part in rgb[rgb.index("(") + 1 : -1].split(",")[:3])

    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def test_header_badges_can_be_read(site, new_context):
    # The unread-notifications count sat in white on the badge's sand background.
    page = new_context(user=site.people["resident"]).new_page()
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    badge = page.locator(".site-header .badge").first
    expect(badge).to_be_visible()
    colour, background = badge.evaluate(
        "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
    )
    light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5, f"{colour} on {background}"
