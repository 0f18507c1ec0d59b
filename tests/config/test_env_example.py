"""`.env.example` documents every environment variable the code reads, so that nobody has to
grep the settings to deploy Ker: each one listed (active or commented out) after a comment."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("config", "community", "wiki", "commons", "portals", "search", "api", "archive")
ASSIGNMENT = re.compile(r"^(#\s*)?([A-Z][A-Z0-9_]*)=")


def _source_files() -> list[Path]:
    files = [ROOT / "gunicorn.conf.py", ROOT / "manage.py"]
    for app in APPS:
        files += [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts]
    return files


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"


def _variable_read(node: ast.AST) -> str | None:
    """The name in env("X"), env.bool("X", …), os.environ.get("X"), os.getenv("X"),
    os.environ["X"]; None for anything else."""
    if isinstance(node, ast.Subscript) and _is_os_environ(node.value):
        key = node.slice
        return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None
    if not isinstance(node, ast.Call) or not node.args:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    function = node.func
    if isinstance(function, ast.Name) and function.id == "env":
        return first.value
    if isinstance(function, ast.Attribute):
        if isinstance(function.value, ast.Name) and function.value.id == "env":
            return first.value
        if function.attr in ("get", "setdefault", "pop") and _is_os_environ(function.value):
            return first.value
        if function.attr == "getenv":
            return first.value
    return None


def variables_read_by_the_code() -> dict[str, str]:
    """Each variable name with one file that reads it."""
    found: dict[str, str] = {}
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            name = _variable_read(node)
            if name:
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def documented_variables() -> dict[str, dict]:
    """NAME -> whether it is set (not commented out) and whether a comment explains it: a
    comment line (not itself an example) opens the block of lines the variable belongs to."""
    documented: dict[str, dict] = {}
    explained = False
    for line in (ROOT / ".env.example").read_text().splitlines():
        stripped = line.strip()
        if not stripped:
            explained = False
            continue
        match = ASSIGNMENT.match(stripped)
        if match is None:
            explained = explained or stripped.startswith("#")
            continue
        documented.setdefault(
            match.group(2), {"active": match.group(1) is None, "explained": explained}
        )
    return documented


def test_the_scanner_finds_the_ways_settings_read_the_environment():
    read = variables_read_by_the_code()
    # One of each form: env(), env.bool(), env.db(), env.list(), os.environ.get(), setdefault.
    for name in (
        "DJANGO_SECRET_KEY",
        "DJANGO_DEBUG",
        "DATABASE_URL",
        "DJANGO_ALLOWED_HOSTS",
        "KER_BIND",
        "DJANGO_SETTINGS_MODULE",
    ):
        assert name in read, name
    assert len(read) > 50


def test_env_example_lists_every_variable_the_code_reads_with_a_comment():
    documented = documented_variables()
    read = variables_read_by_the_code()
    missing = {name: path for name, path in read.items() if name not in documented}
    assert not missing, f"Add to .env.example (with a comment and the default): {missing}"
    unexplained = sorted(name for name in read if not documented[name]["explained"])
    assert not unexplained, f"Explain in a comment above them in .env.example: {unexplained}"


def test_env_example_sets_no_variable_that_nothing_reads():
    read = variables_read_by_the_code()
    active = [name for name, entry in documented_variables().items() if entry["active"]]
    assert "DJANGO_SECRET_KEY" in active
    assert sorted(name for name in active if name not in read) == []
