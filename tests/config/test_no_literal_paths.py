"""Addresses come from the URLconf (`reverse()`, `{% url %}`) or from the page
(`page.url`, `{% pageurl %}`), not from literal paths: a route renamed in one place then
moves everywhere. A literal that is right (robots.txt patterns, the index page of Wagtail's
tree) says why with a ``literal path`` comment next to it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("config", "community", "wiki", "commons", "portals", "search", "api", "archive")
# The site's own first path segments (a literal starting with one of these is an address).
SITE_PREFIXES = (
    "wiki",
    "communs",
    "portails",
    "etiquettes",
    "suivi",
    "modifications-recentes",
    "recherche",
    "comptes",
    "contributeurs",
    "relecture",
    "carte",
    "sante",
    "langue",
    "api",
    "catalogue",
    "sitemap",
    "robots",
)
PYTHON_LITERAL = re.compile(rf"^/({'|'.join(SITE_PREFIXES)})\b")
TEMPLATE_LITERAL = re.compile(r'\b(?:href|action|src|data-[a-z-]*url)="(/[^"]*)"')
# The index pages of Wagtail's tree: no URLconf name, and `{% slugurl %}` would cost a query on
# every page for an address the migrations fix and docs/architecture.md documents.
TREE_INDEX_PAGES = {"/", "/wiki/", "/portails/"}
# Literals still to replace, in files other changes are editing now (each a known leftover:
# remove the line once the file is fixed; the test fails on any new one).
KNOWN_LEFTOVERS = {
    # a link inside a translated sentence: a new msgid for the translators
    ("api/templates/api/docs.html", "/api/v1/schema/"),
    ("wiki/templates/wiki/edit.html", "/wiki/charte-editoriale/"),
    ("community/templates/community/sign_up.html", "/wiki/charte-editoriale/"),
    # related articles are titles there, not pages: the view would give their page or path
    ("commons/templates/commons/commons.html", "/wiki/{{ article.slug }}/"),
}
KNOWN_PYTHON_LEFTOVERS = {
    "api/schema.py",
    "api/views.py",
    "commons/importing/__init__.py",
    "commons/importing/harvest.py",
    "commons/models/records.py",
    "commons/wikilinks.py",
    "portals/search_source.py",
    "archive/services/dump.py",
    "wiki/importing/export.py",
}


def _templates() -> list[Path]:
    found = list((ROOT / "templates").rglob("*.html"))
    for app in APPS:
        found += (ROOT / app).glob("templates/**/*.html")
    return found


def _template_literals() -> set[tuple[str, str]]:
    found = set()
    for path in _templates():
        for address in TEMPLATE_LITERAL.findall(path.read_text()):
            if address.startswith("/static/") or address in TREE_INDEX_PAGES:
                continue
            found.add((str(path.relative_to(ROOT)), address))
    return found


class _Literals(ast.NodeVisitor):
    """String literals (and f-string beginnings) that are site addresses, outside docstrings,
    unless the statement holding them (or the line above it) says ``literal path``."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.statement: ast.stmt | None = None
        self.found: list[tuple[int, str]] = []

    def generic_visit(self, node):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            return  # a docstring or a bare string: prose, not an address
        if isinstance(node, ast.stmt):
            outer, self.statement = self.statement, node
            super().generic_visit(node)
            self.statement = outer
            return
        if isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self._check(node, first.value)
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self._check(node, node.value)
        super().generic_visit(node)

    def _check(self, node, text: str) -> None:
        if not PYTHON_LITERAL.match(text):
            return
        start = self.statement.lineno if self.statement else node.lineno
        end = self.statement.end_lineno if self.statement else node.lineno
        context = "\n".join(self.lines[max(start - 3, 0) : end])
        if "literal path" not in context:
            self.found.append((node.lineno, text))


def _python_literals() -> dict[str, list[tuple[int, str]]]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            # Settings hold configuration (prefixes excluded from a middleware, the API's
            # schema prefix), not links.
            if "migrations" in path.parts or "settings" in path.parts:
                continue
            source = path.read_text()
            visitor = _Literals(source.splitlines())
            visitor.visit(ast.parse(source))
            if visitor.found:
                found[str(path.relative_to(ROOT))] = visitor.found
    return found


def test_templates_link_through_the_urlconf_or_the_page():
    found = _template_literals()
    assert ("api/templates/api/docs.html", "/api/v1/schema/") in found  # the scan sees links
    new = sorted(found - KNOWN_LEFTOVERS)
    assert new == [], "use {% url %} or {% pageurl %}"


def test_app_code_builds_addresses_with_reverse_or_the_page():
    found = _python_literals()
    assert "api/views.py" in found  # the scan sees f-strings
    new = {path: literals for path, literals in found.items() if path not in KNOWN_PYTHON_LEFTOVERS}
    assert new == {}, "use reverse(), page.url or wiki.titles.article_path()"
