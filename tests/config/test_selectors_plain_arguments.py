"""Selectors take plain arguments (a user, a page number, filters), never the request: the views
(and the pages' get_context) read the query string, so a selector is called the same way from
a view, a command, the API or a test."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("community", "wiki", "commons", "portals", "search", "api", "archive")


def _selector_modules() -> list[Path]:
    found = []
    for app in APPS:
        found += (ROOT / app).glob("selectors.py")
        found += (ROOT / app).glob("selectors/*.py")
    return found


def _functions_taking_a_request() -> list[str]:
    found = []
    for path in _selector_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                arguments = node.args.args + node.args.kwonlyargs + node.args.posonlyargs
                if any(argument.arg == "request" for argument in arguments):
                    found.append(f"{path.relative_to(ROOT)}: {node.name}")
    return found


def test_no_selector_takes_the_request():
    modules = {str(path.relative_to(ROOT)) for path in _selector_modules()}
    assert "wiki/selectors/articles.py" in modules and "portals/selectors.py" in modules
    assert _functions_taking_a_request() == []


@pytest.mark.django_db
def test_the_read_tab_and_the_a_to_z_list_are_read_without_a_request(create_article, resident):
    from wiki.selectors import article_index_context, article_read_context

    page = create_article(title="Le bac de Kerlann", body="Le bac traverse la ria.")
    create_article(title="Abri du marin", body="Un abri.")

    context = article_read_context(page=page, user=resident)
    assert "Le bac traverse la ria." in context["article_html"]
    assert context["is_watching"] is False

    index = article_index_context(letter="l", page_number="1")
    assert index["current_letter"] == "L"
    assert [article.title for article in index["articles"]] == ["Le bac de Kerlann"]
    assert article_index_context(letter="", page_number="99")["page_obj"].number == 1
