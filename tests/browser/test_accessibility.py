"""Accessibility: axe-core finds no serious or critical violation on the main pages, and the edit
forms can be filled and saved with the keyboard alone, with a visible focus indicator.

To audit another page, add a row to AUDITED_PAGES: a name, a function that builds its URL from
the ``Site`` made by the ``site`` fixture, and who is logged in (None for a visitor).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest
from playwright.sync_api import expect

from tests.browser.portal_helpers import publish_portal
from tests.conftest import make_user
from wiki.models import ArticlePage
from wiki.services import ArticleFields, article_save, current_revision

from .helpers import axe_violations, describe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass
class Site:
    """What the audited pages show: people, an article with history, a pending edit, a
    commons with an assessment."""

    people: dict
    article: ArticlePage
    first_revision_id: int
    second_revision_id: int
    commons_slug: str | None
    portal_slug: str = ""


@dataclass(frozen=True)
class AuditedPage:
    name: str
    url: Callable[[Site], str]
    login_as: str | None = None  # a key of Site.people


AUDITED_PAGES = [
    AuditedPage("home", lambda site: "/"),
    AuditedPage("article", lambda site: f"/wiki/{site.article.slug}/"),
    AuditedPage("article-index", lambda site: "/wiki/"),
    AuditedPage("article-edit", lambda site: f"/wiki/{site.article.slug}/modifier/", "resident"),
    AuditedPage("article-create", lambda site: "/wiki/creer/?titre=La+cale", "resident"),
    AuditedPage("history", lambda site: f"/wiki/{site.article.slug}/historique/", "facilitator"),
    AuditedPage(
        "diff",
        lambda site: (
            f"/wiki/{site.article.slug}/diff/{site.first_revision_id}/{site.second_revision_id}/"
        ),
    ),
    AuditedPage(
        "diff-side-by-side",
        lambda site: (
            f"/wiki/{site.article.slug}/diff/{site.first_revision_id}/"
            f"{site.second_revision_id}/?vue=cote"
        ),
    ),
    AuditedPage("talk", lambda site: f"/wiki/{site.article.slug}/discussion/", "resident"),
    AuditedPage("recent-changes", lambda site: "/modifications-recentes/"),
    AuditedPage("review-queue", lambda site: "/relecture/", "facilitator"),
    AuditedPage("search-results", lambda site: "/recherche/?q=lavoir"),
    AuditedPage("search-typo", lambda site: "/recherche/?q=lavoire"),
    AuditedPage("sign-up", lambda site: "/comptes/inscription/"),
    AuditedPage("log-in", lambda site: "/comptes/connexion/"),
    AuditedPage("commons-directory", lambda site: "/communs/"),
    AuditedPage("commons-record", lambda site: f"/communs/{site.commons_slug}/"),
    AuditedPage("commons-record-owner", lambda site: f"/communs/{site.commons_slug}/", "resident"),
    AuditedPage("commons-declare", lambda site: "/communs/declarer/", "resident"),
    AuditedPage(
        "commons-assessment", lambda site: f"/communs/{site.commons_slug}/evaluation/", "resident"
    ),
    AuditedPage("commons-history", lambda site: f"/communs/{site.commons_slug}/historique/"),
    AuditedPage("commons-map", lambda site: "/communs/carte/"),
    AuditedPage("portal", lambda site: f"/portails/{site.portal_slug}/"),
    AuditedPage("portal-index", lambda site: "/portails/"),
    AuditedPage("portal-health", lambda site: f"/portails/{site.portal_slug}/sante/"),
    AuditedPage("territory-health", lambda site: "/sante/"),
]


@pytest.fixture
def site(resident, newcomer, facilitator, create_article) -> Site:
    create_article(title="La criée", body="La criée ouvre à cinq heures.")
    article = create_article(
        title="Le lavoir",
        summary="Où l'on battait le linge.",
        body="## Histoire\n\nLe lavoir du bourg fut couvert en 1902. Voir [[La criée]] et "
        "[[La cale]].\n\n## Aujourd'hui\n\nOn y expose des photos.\n\n## Sources\n\n"
        "Archives municipales.",
        tags=("patrimoine", "eau"),
        place_name="Bourg",
        latitude=48.38,
        longitude=-4.49,
    )
    first = current_revision(article).pk
    article = article_save(
        page=article,
        fields=replace(ArticleFields.from_page(article), body=article.body + " Restauré."),
        user=make_user("yannick", is_confirmed=True),
        base_revision_id=first,
        edit_summary="Restauration",
    ).page
    second = current_revision(article).pk
    article_save(
        page=article,
        fields=ArticleFields(title="Le lavoir", body=article.body + " Un ajout à relire."),
        user=newcomer,
        base_revision_id=second,
        edit_summary="Ajout",
    )
    return Site(
        people={"resident": resident, "newcomer": newcomer, "facilitator": facilitator},
        article=article,
        first_revision_id=first,
        second_revision_id=second,
        commons_slug=_commons_with_assessment(resident, facilitator),
        portal_slug=publish_portal(
            user=facilitator,
            title="Patrimoine et mémoire",
            slug="patrimoine",
            tags=("patrimoine",),
            featured=[article],
        ).slug,
    )


def _commons_with_assessment(owner, facilitator) -> str:
    from commons.services import assessment_save, commons_declare, commons_publish

    commons = commons_declare(
        user=owner,
        name="Jardin partagé du Moulin",
        summary="Un potager cultivé ensemble.",
        commune="Port-Kerlann",
        duplicates_confirmed=True,
    )
    commons = commons_publish(commons=commons, user=facilitator)
    assessment_save(
        commons=commons,
        user=owner,
        answers={
            "sharing": {"level": "started", "text": "Outils prêtés."},
            "governance": {"level": "achieved", "text": "Assemblée mensuelle."},
        },
    )
    return commons.slug


@pytest.mark.parametrize("audited", AUDITED_PAGES, ids=[audited.name for audited in AUDITED_PAGES])
def test_page_has_no_serious_accessibility_violation(audited, site, new_context, screenshot):
    user = site.people[audited.login_as] if audited.login_as else None
    page = new_context(user=user, bypass_csp=True).new_page()
    response = page.goto(audited.url(site))
    assert response is not None and response.ok, f"{audited.url(site)} answered {response.status}"
    violations = axe_violations(page)
    screenshot(page)
    assert not violations, (
        f"axe-core: serious or critical violations on {audited.name} ({page.url}):\n"
        + describe_violations(violations)
    )


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
