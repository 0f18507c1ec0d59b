"""docs/architecture.md stays true: every file it names exists and every code name it quotes
is still defined or used somewhere in the apps (a rename must update the page)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
APPS = ("config", "community", "wiki", "commons", "portals", "search", "api", "archive")
QUOTED = re.compile(r"`([^`\n]+)`")
PATH = re.compile(r"^[\w.-]+(/[\w.-]+)*/?$")
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\(\))?$")


def _quoted() -> list[str]:
    text = DOC.read_text()
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)  # code blocks are checked apart
    return QUOTED.findall(prose)


def _code_text() -> str:
    parts = [(ROOT / name).read_text() for name in (".env.example", "package.json")]
    for app in APPS:
        parts += [path.read_text() for path in (ROOT / app).rglob("*.py")]
    parts += [path.read_text() for path in (ROOT / "scripts").glob("*.sh")]
    return "\n".join(parts)


def test_readme_points_to_the_architecture_page_in_the_repository():
    readme = (ROOT / "README.md").read_text()
    assert "docs/architecture.md" in readme
    assert "../shared/DESIGN.md" not in readme


def test_files_named_in_the_architecture_page_exist():
    paths = [token for token in _quoted() if "/" in token and PATH.match(token)]
    assert "search/registry.py" in paths
    missing = [path for path in paths if not (ROOT / path).exists()]
    assert missing == []


def test_code_names_quoted_in_the_architecture_page_still_exist():
    code = _code_text()
    names = [token for token in _quoted() if "/" not in token and NAME.match(token)]
    assert "article_save" in names and "queue_index" in names
    unknown = sorted(
        {
            name
            for name in names
            if not re.search(rf"\b{re.escape(name.removesuffix('()').split('.')[-1])}\b", code)
        }
    )
    assert unknown == []


def test_code_examples_in_the_architecture_page_are_taken_from_the_code():
    code = _code_text()
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.DOTALL)
    assert len(blocks) >= 2
    for block in blocks:
        for line in block.splitlines():
            line = line.split("  # ")[0].rstrip()
            if line.strip() and not line.rstrip().endswith("..."):
                assert line in code, line


def test_public_urls_listed_in_the_architecture_page_are_routed():
    from django.urls import resolve

    section = DOC.read_text().split("## 8. Public URLs")[1].split("\n## ")[0]
    urls = [
        token.split("?")[0]
        for row in section.splitlines()
        if row.startswith("| `/")
        for token in QUOTED.findall(row.split(" | ")[0])
    ]
    assert "/wiki/<slug>/modifier/" in urls
    samples = {"<slug>": "le-port", "<revision_id>": "3", "<from_id>": "1", "<to_id>": "2"}
    samples["<username>"] = "maela"
    # Pages served by Wagtail's tree (home, A to Z, articles, portals) resolve to its catch-all;
    # every other address has a view of its own.
    served_by_pages = {"/", "/wiki/", "/wiki/<slug>/", "/portails/<slug>/"}
    for url in urls:
        concrete = url
        for placeholder, value in samples.items():
            concrete = concrete.replace(placeholder, value)
        match = resolve(concrete)
        if url not in served_by_pages:
            assert match.view_name != "wagtail_serve", url
