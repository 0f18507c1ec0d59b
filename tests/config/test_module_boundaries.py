"""No module of the apps imports another module's private helper (a name starting with `_`):
what two modules share is public, named without the underscore."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("config", "community", "wiki", "commons", "portals", "search", "api", "archive")


def _private_imports() -> list[str]:
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.ImportFrom):
                    continue
                module = node.module or ""
                ours = node.level > 0 or module.split(".")[0] in APPS
                for alias in node.names:
                    if ours and alias.name.startswith("_"):
                        found.append(f"{path.relative_to(ROOT)}: {module}.{alias.name}")
    return found


def test_no_app_module_imports_a_private_helper_of_another_module():
    imports = _private_imports()
    assert imports == []
