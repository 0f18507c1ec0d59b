"""Hostile content (issue 6 §4): XSS payloads in everything people can type, then the pages
that show it are loaded in Chromium. A test fails if any script runs (alert, confirm, prompt,
print or kerXss are recorded in every frame, dialogs and console are watched), or if an event
handler, a script, a frame or a javascript:/vbscript:/data:text/html URL reaches the DOM.

The content is created through the services (fast); the pages are read in the browser with
CSP bypassed, so that what is tested is our escaping and sanitising, not the CSP safety net.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urljoin

import pytest
from django.core.exceptions import ValidationError
from playwright.sync_api import expect

from commons.services import commons_declare, commons_publish, commons_update
from commons.services.fields import TEXT_LIMITS
from community.services import report_create
from wiki.services import (
    ArticleFields,
    article_create,
    article_save,
    current_revision,
    parse_tags,
    talk_post,
)

from .helpers import audit_page
from .xss_payloads import EVALUATED_TEMPLATE_MARKER, PAYLOADS, REFLECTION_PAYLOADS, batches

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _previews_unlimited(settings):
    """These tests render every payload through the preview: the per-minute limit on previews
    (tested in tests/wiki/test_markdown_budget.py) would stop them half way."""
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "preview_user": "10000/m"}


WORD = "piégé"  # in every hostile article, so one search finds them all


class InertPages:
    """Loads pages and records every sign that a script ran or could run."""

    def __init__(self, page):
        self.page = page
        self.failures: list[str] = []
        self.visited = 0
        page.on("dialog", self._on_dialog)
        page.on(
            "console",
            lambda message: (
                self.failures.append(f"{page.url}: console says {message.text}")
                if "KER-SCRIPT-RAN" in message.text
                else None
            ),
        )

    def _on_dialog(self, dialog):
        self.failures.append(f"{self.page.url}: a {dialog.type} dialog opened: {dialog.message}")
        dialog.dismiss()

    def visit(self, url: str) -> None:
        self.page.goto(url)
        self.check(url)

    def visit_every_page_of(self, url: str) -> None:
        """The listing and its following pages (rel=next links)."""
        self.visit(url)
        for _ in range(20):
            following = self.page.locator("a[rel=next]")
            if not following.count():
                break
            self.visit(urljoin(self.page.url, following.first.get_attribute("href")))

    def check(self, where: str) -> None:
        self.visited += 1
        # Let handlers that fire after the load event (toggle, animations, focus) have a go.
        self.page.mouse.move(640, 450)
        audit = audit_page(self.page, EVALUATED_TEMPLATE_MARKER)
        for call in audit["ran"]:
            self.failures.append(f"{where}: script ran: {call}")
        for problem in audit["problems"]:
            self.failures.append(f"{where}: {problem}")
        if audit["evaluated"]:
            self.failures.append(f"{where}: a template expression was evaluated")

    def assert_inert(self, minimum_pages: int = 1) -> None:
        assert self.visited >= minimum_pages, f"only {self.visited} pages were checked"
        unique = list(dict.fromkeys(self.failures))
        assert not unique, f"{len(unique)} problems in {self.visited} pages:\n" + "\n".join(
            unique[:80]
        )


@pytest.fixture
def deferred_indexing():
    """Index once at the end instead of one index commit per save (hundreds of saves here):
    the search queue's own deferral, as the imports use it (``search.queue.deferred_apply``)."""
    from search.queue import deferred_apply

    return deferred_apply


@pytest.fixture
def inert(new_context):
    def open_as(user=None) -> InertPages:
        context = new_context(user=user, bypass_csp=True, probe=True)
        return InertPages(context.new_page())

    return open_as


def _hostile_body(index: int, payload: str) -> str:
    """The payload alone in a paragraph, in a list item and in a quote."""
    return f"Paragraphe {WORD} numéro {index}.\n\n{payload}\n\n- {payload}\n\n> {payload}\n"


# The live preview's way of showing server-rendered HTML (live-preview.js: fetch, innerHTML),
# applied to each body on its own: one page, and no payload can hide another.
PREVIEW_SWEEP_SCRIPT = """
async (bodies) => {
  const preview = document.getElementById("live-preview");
  const token = document.querySelector("#edit-form input[name=csrfmiddlewaretoken]").value;
  preview.textContent = "";
  for (const body of bodies) {
    const data = new FormData();
    data.append("body", body);
    const response = await fetch(preview.dataset.previewUrl, {
      method: "POST", body: data, headers: {"X-CSRFToken": token}, credentials: "same-origin",
    });
    if (!response.ok) throw new Error("preview answered " + response.status);
    const box = document.createElement("div");
    box.innerHTML = await response.text();
    preview.appendChild(box);
  }
  return preview.children.length;
}
"""


def _create_hostile_article(index: int, payload: str, user):
    """An article with the payload in its title (when the rules allow it), summary, tags,
    place and body."""
    body = _hostile_body(index, payload)
    base = {
        "summary": f"{payload}"[:300],
        "body": body,
        "place_name": payload[:200],
    }
    try:
        tags = parse_tags(payload)
    except ValidationError:
        tags = ()
    for title, tag_names in (
        (f"{payload} {WORD} {index}", tags),
        (f"{payload} {WORD} {index}", ()),
        (f"Article {WORD} {index}", ()),
    ):
        try:
            return article_create(
                fields=ArticleFields(title=title, tags=tag_names, **base),
                user=user,
                edit_summary=payload[:500],
            ).page
        except ValidationError:
            continue
    raise AssertionError(f"no article could be made for payload {index}")


def test_articles_full_of_payloads_run_no_script(
    inert, deferred_indexing, resident, other_resident, newcomer, facilitator
):
    with deferred_indexing():
        articles = [_create_hostile_article(i, p, resident) for i, p in enumerate(PAYLOADS)]
    raw_titles = [article for article in articles if not article.title.startswith("Article ")]
    assert len(raw_titles) >= 15, "titles with payloads must be allowed when they have no < >"

    # One article holds the whole corpus, edited twice (history, diff, old revision) and once
    # more by a new contributor (pending: review queue).
    corpus_text = "\n\n".join(PAYLOADS)
    corpus = article_create(
        fields=ArticleFields(title=f"Corpus {WORD}", body=corpus_text[: len(corpus_text) // 2]),
        user=resident,
    ).page
    first_revision = current_revision(corpus).pk
    corpus = article_save(
        page=corpus,
        fields=ArticleFields(title=f"Corpus {WORD}", body=corpus_text),
        user=other_resident,
        base_revision_id=first_revision,
        edit_summary=PAYLOADS[0],
    ).page
    second_revision = current_revision(corpus).pk
    article_save(
        page=corpus,
        fields=ArticleFields(title=f"Corpus {WORD}", body=corpus_text + "\n\n" + PAYLOADS[15]),
        user=newcomer,
        base_revision_id=second_revision,
        edit_summary=PAYLOADS[36],
    )

    # Article pages: those whose title is a payload, and one in four of the others (bodies are
    # rendered one by one below, by the same renderer as the article page).
    visitor = inert()
    shown = [
        article for index, article in enumerate(articles) if article in raw_titles or index % 4 == 0
    ]
    for article in shown:
        visitor.visit(f"/wiki/{article.slug}/")
    visitor.visit_every_page_of("/wiki/")
    visitor.visit_every_page_of("/wiki/nouvelles-pages/")
    visitor.visit_every_page_of("/modifications-recentes/")
    visitor.visit_every_page_of(f"/recherche/?q={quote(WORD)}")
    visitor.visit(f"/wiki/{corpus.slug}/")
    visitor.visit(f"/wiki/{corpus.slug}/historique/")
    visitor.visit(f"/wiki/{corpus.slug}/historique/{first_revision}/")
    visitor.visit(f"/wiki/{corpus.slug}/diff/{first_revision}/{second_revision}/")
    visitor.visit(f"/wiki/{corpus.slug}/diff/{first_revision}/{second_revision}/?vue=cote")
    visitor.visit(f"/wiki/{raw_titles[0].slug}/liens/")
    visitor.visit(f"/contributeurs/{resident.username}/")
    visitor.assert_inert(minimum_pages=len(shown) + 10)

    # The people who edit see the text in forms (inputs, textareas) and in the live preview.
    editor = inert(resident)
    for article in raw_titles:
        editor.visit(f"/wiki/{article.slug}/modifier/")
    editor.visit(f"/wiki/{corpus.slug}/modifier/")
    body = editor.page.get_by_label("Texte de l'article", exact=False)
    body.press("ControlOrMeta+Home")
    body.press_sequentially("marqueur-de-début\n\n")
    expect(editor.page.locator("#live-preview")).to_contain_text("marqueur-de-début")
    editor.check("live preview of the corpus")
    editor.page.get_by_role("button", name="Aperçu").click()
    editor.check("server preview of the corpus")
    editor.visit("/wiki/creer/")
    bodies = [_hostile_body(index, payload) for index, payload in enumerate(PAYLOADS)]
    assert editor.page.evaluate(PREVIEW_SWEEP_SCRIPT, bodies) == len(PAYLOADS)
    editor.page.wait_for_load_state("networkidle")
    editor.check("every body rendered on its own in the live preview")
    editor.assert_inert(minimum_pages=len(raw_titles) + 3)

    reviewer = inert(facilitator)
    reviewer.visit_every_page_of("/relecture/")
    reviewer.visit(f"/wiki/{corpus.slug}/historique/")
    reviewer.visit(f"/modifications-recentes/?{urlencode({'non_verifiees': 'on'})}")
    reviewer.assert_inert(minimum_pages=3)


def test_talk_messages_and_reports_full_of_payloads_run_no_script(
    inert, resident, newcomer, facilitator, create_article
):
    article = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    parent = None
    for index, payload in enumerate(PAYLOADS):
        message = talk_post(
            page=article,
            user=resident,
            body=payload,
            parent_id=parent.pk if parent is not None and index % 3 else None,
        )
        parent = message
        talk_post(page=article, user=newcomer, body=payload)  # waits for review
    for payload in PAYLOADS[::4]:
        report_create(
            reporter=newcomer,
            target_key=payload[:100],
            target_label=payload[:300],
            target_url="/wiki/le-lavoir/",
            reason=payload,
        )

    visitor = inert()
    visitor.visit("/wiki/le-lavoir/discussion/")
    visitor.assert_inert()

    reviewer = inert(facilitator)
    reviewer.visit("/wiki/le-lavoir/discussion/")
    reviewer.visit_every_page_of("/relecture/")
    reviewer.visit_every_page_of("/relecture/?type=discussion")
    reviewer.assert_inert(minimum_pages=3)


COMMONS_TEXT_FIELDS = (
    "description",
    "shared_resources",
    "community",
    "how_to_join",
    "street_address",
    "commune",
    "licence",
    "contact_name",
    "related_articles_text",
)


def _create_hostile_commons(index: int, payload: str, owner, facilitator):
    """A published commons with the payload in its name, summary and every text field."""
    commons = commons_declare(
        user=owner,
        name=f"Commun {WORD} {index} {payload}"[:200],
        summary=payload[:300],
        duplicates_confirmed=True,
    )
    changes = {name: payload[: TEXT_LIMITS[name]] for name in COMMONS_TEXT_FIELDS}
    changes["tags"] = payload
    changes["needs"] = payload
    changes["contact_public"] = True
    try:
        commons_update(commons=commons, user=owner, changes=changes, comment=payload)
    except ValidationError:
        changes.pop("related_articles_text")
        commons_update(commons=commons, user=owner, changes=changes, comment=payload)
    for website in (payload, "https://example.org/" + quote(payload)):
        try:
            commons_update(commons=commons, user=owner, changes={"website": website})
        except ValidationError:
            continue
    commons_publish(commons=commons, user=facilitator, reason=payload)
    commons.refresh_from_db()
    return commons


# The commons payloads in three parts: three shorter tests that the browser workers share.
COMMONS_PARTS = 3


@pytest.mark.parametrize("part", range(COMMONS_PARTS))
def test_commons_full_of_payloads_run_no_script(
    part, inert, deferred_indexing, resident, facilitator
):
    payloads = list(enumerate(PAYLOADS))[part::COMMONS_PARTS]
    with deferred_indexing():
        records = [_create_hostile_commons(i, p, resident, facilitator) for i, p in payloads]

    visitor = inert()
    for commons in records:
        visitor.visit(f"/communs/{commons.slug}/")
    visitor.visit_every_page_of("/communs/")
    visitor.visit_every_page_of(f"/recherche/?q={quote(WORD)}&type=commons")
    visitor.visit(f"/communs/{records[0].slug}/historique/")
    visitor.assert_inert(minimum_pages=len(payloads) + 2)

    owner = inert(resident)
    owner.visit(f"/communs/{records[0].slug}/")
    owner.visit(f"/communs/{records[0].slug}/modifier/description/")
    owner.visit(f"/communs/{records[0].slug}/modifier/contact/")
    owner.visit(f"/communs/{records[0].slug}/evaluation/")
    owner.assert_inert(minimum_pages=4)


def test_search_queries_and_reflected_parameters_run_no_script(
    inert, deferred_indexing, newcomer, facilitator, create_article
):
    with deferred_indexing():
        article = create_article(title="Le lavoir", body="Le lavoir du bourg.")
        for index, payload in enumerate(PAYLOADS[:40]):
            try:
                create_article(title=f"Lavoir {payload} {index}", body=f"Le lavoir {payload}")
            except ValidationError:
                continue

    visitor = inert()
    # Every payload as a query (several per query: the search box keeps 500 characters).
    for query in batches(PAYLOADS, 480):
        visitor.visit(f"/recherche/?{urlencode({'q': query})}")
    for payload in REFLECTION_PAYLOADS:
        query = {"q": payload, "type": payload, "tag": payload, "commune": payload}
        query.update({"tri": payload, "page": payload, "portail": payload})
        visitor.visit(f"/recherche/?{urlencode(query)}")
        visitor.visit(f"/signaler/?{urlencode({'url': payload, 'titre': payload, 'cle': payload})}")
        visitor.visit(f"/comptes/connexion/?{urlencode({'next': payload})}")
        visitor.visit(f"/modifications-recentes/?{urlencode({'utilisateur': payload})}")
        visitor.visit(f"/wiki/?{urlencode({'lettre': payload})}")
        visitor.visit(f"/communs/?{urlencode({'q': payload, 'commune': payload})}")
    # Titles with payloads, typed into the header box: the autocomplete list shows them.
    visitor.visit("/wiki/")
    box = visitor.page.locator("#site-search-q")
    box.press_sequentially("Lavoir", delay=10)
    visitor.page.locator("[role=listbox] [role=option]").first.wait_for()
    visitor.check("header autocomplete")
    visitor.assert_inert(minimum_pages=6 * len(REFLECTION_PAYLOADS))

    writer = inert(newcomer)
    for payload in REFLECTION_PAYLOADS:
        writer.visit(f"/wiki/creer/?{urlencode({'titre': payload})}")
        writer.visit(f"/wiki/{article.slug}/discussion/?{urlencode({'repondre': payload})}")
    writer.assert_inert(minimum_pages=2 * len(REFLECTION_PAYLOADS))

    reviewer = inert(facilitator)
    for payload in REFLECTION_PAYLOADS:
        reviewer.visit(f"/relecture/?{urlencode({'type': payload, 'page': payload})}")
    reviewer.assert_inert(minimum_pages=len(REFLECTION_PAYLOADS))


def test_forms_echo_hostile_input_without_running_it(inert):
    """What a person typed comes back in the form after an error: it must stay text."""
    visitor = inert()
    for payload in REFLECTION_PAYLOADS:
        visitor.page.goto("/comptes/inscription/")
        visitor.page.get_by_label("Nom d'utilisateur", exact=False).fill(payload)
        visitor.page.get_by_label("Adresse e-mail", exact=False).fill(payload)
        visitor.page.get_by_role("button", name="Créer mon compte").click()
        visitor.check(f"sign-up form echoing {payload!r}")
        visitor.page.goto("/comptes/connexion/")
        visitor.page.get_by_label("Nom d'utilisateur").fill(payload)
        visitor.page.get_by_label("Mot de passe").fill(payload)
        visitor.page.get_by_role("button", name="Se connecter").click()
        visitor.check(f"log-in form echoing {payload!r}")
    visitor.assert_inert(minimum_pages=2 * len(REFLECTION_PAYLOADS))


def test_the_probe_notices_a_script_that_runs_and_a_dangerous_link(inert):
    """The detector itself: an unsafe page must be reported (else the tests above prove
    nothing)."""
    checker = inert()
    checker.page.goto("/comptes/connexion/")
    checker.page.evaluate(
        """() => {
            document.querySelector("main").insertAdjacentHTML(
                "beforeend",
                '<img src="/static/absent.png" onerror="alert(1)">'
                + '<a href="JaVaScRiPt:void(0)">x</a>'
            );
        }"""
    )
    checker.page.wait_for_timeout(200)
    checker.check("page with an injected handler")
    report = "\n".join(checker.failures)
    assert "script ran: alert(1)" in report
    assert "event handler onerror on <img>" in report
    assert "href=JaVaScRiPt:void(0) on <a>" in report
