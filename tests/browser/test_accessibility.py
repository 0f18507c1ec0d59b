"""Accessibility: axe-core finds no serious or critical violation on the main pages, and the edit
forms can be filled and saved with the keyboard alone, with a visible focus indicator.

The audited pages and the territory they show are in audited_site.py (shared with the phone
layout test).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from wiki.models import ArticlePage

from .audited_site import AUDITED_PAGES
from .helpers import axe_violations, describe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# The audited pages in parts: one territory is built per part (building it took longer than
# auditing a page), and the parts are shared out among the browser workers.
AUDIT_PARTS = 3


@pytest.mark.parametrize("part", range(AUDIT_PARTS))
def test_pages_have_no_serious_accessibility_violation(part, site, new_context):
    # Photographs of these pages at both sizes: test_phone_layout.py (and of every open page,
    # by the new_context fixture, when this test fails).
    pages = {}
    failures = []
    audited_pages = AUDITED_PAGES[part::AUDIT_PARTS]
    for audited in audited_pages:
        if audited.login_as not in pages:
            user = site.people[audited.login_as] if audited.login_as else None
            pages[audited.login_as] = new_context(user=user, bypass_csp=True).new_page()
        page = pages[audited.login_as]
        response = page.goto(audited.url(site))
        if response is None or response.status != audited.status:
            failures.append(f"{audited.name}: {audited.url(site)} answered {response.status}")
            continue
        violations = axe_violations(page)
        if violations:
            failures.append(f"{audited.name} ({page.url}):\n" + describe_violations(violations))
    assert not failures, "axe-core: serious or critical violations on\n" + "\n".join(failures)


# ---------------------------------------------------------------------------------------------
# Keyboard only
# ---------------------------------------------------------------------------------------------

# The focus indicator must be drawn (outline or box-shadow ring) and contrast at least 3:1 with
# what surrounds it (WCAG 2.2, 1.4.11 and 2.4.13).
FOCUS_RING_SCRIPT = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return {ok: false, why: "nothing has the focus"};
  const parse = (value) => {
    const match = /rgba?\\(([^)]+)\\)/.exec(value || "");
    if (!match) return null;
    const [r, g, b, a = 1] = match[1].split(",").map(Number);
    return a === 0 ? null : [r, g, b];
  };
  const luminance = ([r, g, b]) => {
    const channel = (c) => {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (x, y) => {
    const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (light + 0.05) / (dark + 0.05);
  };
  let background = [255, 255, 255];
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = parse(getComputedStyle(node).backgroundColor);
    if (colour) { background = colour; break; }
  }
  const style = getComputedStyle(element);
  const rings = [];
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
    rings.push(parse(style.outlineColor));
  }
  if (style.boxShadow && style.boxShadow !== "none") rings.push(parse(style.boxShadow));
  const best = Math.max(0, ...rings.filter(Boolean).map((ring) => contrast(ring, background)));
  const name = element.tagName.toLowerCase() + (element.name ? "[name=" + element.name + "]" : "")
    + (element.id ? "#" + element.id : "") + " " + (element.textContent || "").trim().slice(0, 30);
  return {ok: best >= 3, why: name + ": focus ring contrast " + best.toFixed(2)
          + " (outline " + style.outlineStyle + " " + style.outlineWidth + " " + style.outlineColor
          + ", box-shadow " + style.boxShadow + ")"};
}
"""


def tab_to(page, matches: Callable[[dict], bool], *, limit: int = 80) -> list[str]:
    """Press Tab until the focused element matches; check the focus ring at every stop."""
    problems = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING_SCRIPT)
        if not ring["ok"]:
            problems.append(ring["why"])
        focused = page.evaluate(
            """() => { const e = document.activeElement;
                       return {tag: e.tagName.toLowerCase(), name: e.getAttribute("name") || "",
                               text: (e.textContent || "").trim(), id: e.id || "",
                               value: e.value || ""}; }"""
        )
        if matches(focused):
            return problems
    raise AssertionError(f"Tab never reached the expected control ({limit} presses)")


def by_name(name: str) -> Callable[[dict], bool]:
    return lambda focused: focused["name"] == name


def test_article_edit_form_can_be_filled_and_saved_with_the_keyboard_alone(
    new_context, resident, create_article, screenshot
):
    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    page = new_context(user=resident).new_page()
    page.goto("/wiki/le-lavoir/modifier/")
    problems = []

    problems += tab_to(page, by_name("title"))
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("Le lavoir du bourg")
    problems += tab_to(page, by_name("body"))
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type(" Il fut couvert en 1902.")
    problems += tab_to(page, by_name("edit_summary"))
    page.keyboard.type("Date de la couverture")
    problems += tab_to(page, by_name("minor"))
    page.keyboard.press("Space")
    expect(page.get_by_label("Modification mineure", exact=False)).to_be_checked()
    problems += tab_to(page, lambda focused: focused["value"] == "enregistrer")
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("Modification enregistrée")
    expect(page.get_by_role("heading", level=1)).to_have_text("Le lavoir du bourg")
    expect(page.locator(".article-body")).to_contain_text("Il fut couvert en 1902.")
    article = ArticlePage.objects.get(pk=ArticlePage.objects.get(title="Le lavoir du bourg").pk)
    assert article.revision_metas.filter(minor=True, edit_summary="Date de la couverture").exists()
    screenshot(page)
    assert not problems, "Focus not visible enough on:\n" + "\n".join(dict.fromkeys(problems))


def test_commons_grid_can_be_filled_and_saved_with_the_keyboard_alone(
    new_context, resident, facilitator, screenshot
):
    from commons.services import commons_declare

    commons = commons_declare(
        user=resident,
        name="Jardin partagé du Moulin",
        summary="Un potager cultivé ensemble.",
        duplicates_confirmed=True,
    )
    page = new_context(user=resident).new_page()
    page.goto(f"/communs/{commons.slug}/evaluation/")
    problems = []

    problems += tab_to(page, by_name("level_sharing"))
    for _ in range(3):  # — pas encore renseigné — → Non souhaité → Sans objet → Souhaité
        page.keyboard.press("ArrowDown")
    problems += tab_to(page, by_name("text_sharing"))
    page.keyboard.type("Les outils sont prêtés.")
    problems += tab_to(page, by_name("level_governance"))
    page.keyboard.press("End")  # the last level: Réalisé
    problems += tab_to(page, by_name("comment"))
    page.keyboard.type("Première évaluation")
    problems += tab_to(page, lambda focused: focused["tag"] == "button")
    page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text("enregistrée")
    table = page.locator("#profil").get_by_role("table")
    expect(table.get_by_role("row", name="Partage")).to_contain_text("Souhaité, pas commencé")
    expect(table.get_by_role("row", name="Partage")).to_contain_text("Les outils sont prêtés.")
    expect(table.get_by_role("row", name="Gouvernance")).to_contain_text("Réalisé")
    screenshot(page)
    assert not problems, "Focus not visible enough on:\n" + "\n".join(dict.fromkeys(problems))
