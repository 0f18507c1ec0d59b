"""The PostgreSQL pass's list of tests left out (tests/postgres_left_out.txt) and the script that
writes it (scripts/postgres_subset.py): what it keeps covers every branch the whole pass ran."""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "postgres_subset.py"

_spec = importlib.util.spec_from_file_location("postgres_subset", SCRIPT)
postgres_subset = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(postgres_subset)


def _listed() -> list[str]:
    text = (ROOT / "tests" / "postgres_left_out.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_every_listed_test_exists_and_none_is_one_always_kept():
    listed = _listed()
    assert listed, "the list is empty: make postgres-subset writes it"
    assert len(listed) == len(set(listed))
    for test in listed:
        path, _, name = test.partition("::")
        assert (ROOT / path).is_file(), test
        function = re.sub(r"\[.*\]$", "", name.split("::")[-1])
        assert re.search(rf"^\s*def {re.escape(function)}\(", (ROOT / path).read_text(), re.M), test
        assert not test.startswith(postgres_subset.ALWAYS_KEPT), test
        # The files that run in processes of their own are never in the measured pass.
        assert not test.startswith(("tests/archive/", "tests/browser/", "tests/cluster/")), test


def test_the_choice_covers_every_branch_keeps_the_engine_files_and_drops_what_others_cover():
    arcs = {
        "tests/wiki/test_a.py::test_broad": {("a.py", 1, 2), ("a.py", 2, 3), ("b.py", 1, 2)},
        "tests/wiki/test_a.py::test_narrow": {("a.py", 1, 2)},
        "tests/wiki/test_b.py::test_other_branch": {("a.py", 2, -1)},
        "tests/wiki/test_b.py::test_slow_and_covered": {("a.py", 2, 3), ("b.py", 1, 2)},
        "tests/config/test_fuzz.py::test_fuzz": {("a.py", 1, 2)},
    }
    seconds = {
        "tests/wiki/test_a.py::test_broad": 0.1,
        "tests/wiki/test_a.py::test_narrow": 0.01,
        "tests/wiki/test_b.py::test_other_branch": 0.5,
        "tests/wiki/test_b.py::test_slow_and_covered": 3.0,
        "tests/config/test_fuzz.py::test_fuzz": 9.0,
    }
    kept = postgres_subset.choose(arcs, seconds)
    assert set().union(*(arcs[test] for test in kept)) == set().union(*arcs.values())
    assert kept == [
        "tests/config/test_fuzz.py::test_fuzz",
        "tests/wiki/test_a.py::test_broad",
        "tests/wiki/test_b.py::test_other_branch",
    ]


def _coverage_file(path: Path, arcs_by_context: dict[str, set]) -> None:
    """A coverage data file with coverage.py's tables, as the measured pass writes them."""
    with sqlite3.connect(path) as db:
        db.executescript(
            "create table file (id integer primary key, path text);"
            "create table context (id integer primary key, context text);"
            "create table arc (file_id integer, context_id integer, fromno integer, tono integer);"
        )
        files: dict[str, int] = {}
        for number, (context, arcs) in enumerate(arcs_by_context.items(), start=1):
            db.execute("insert into context values (?, ?)", (number, context))
            for file, start, end in arcs:
                if file not in files:
                    files[file] = len(files) + 1
                    db.execute("insert into file values (?, ?)", (files[file], str(ROOT / file)))
                db.execute("insert into arc values (?, ?, ?, ?)", (files[file], number, start, end))


def test_compare_fails_only_when_the_list_took_a_branch_away(tmp_path):
    whole, subset = tmp_path / "whole", tmp_path / "subset"
    test = "tests/wiki/test_a.py::test_x"
    _coverage_file(whole, {f"{test}|run": {("wiki/views.py", 1, 2), ("wiki/views.py", 2, -1)}})
    _coverage_file(subset, {"tests/wiki/test_b.py::test_y|run": {("wiki/views.py", 1, 2)}})
    listed, empty = tmp_path / "listed.txt", tmp_path / "empty.txt"
    listed.write_text(f"# comment\n{test}\n", encoding="utf-8")
    empty.write_text("# nothing left out\n", encoding="utf-8")
    command = [sys.executable, str(SCRIPT), "compare", str(whole), str(subset), "--left-out"]
    # The branch 2 -> -1 was run by a test of the list only: the list took it away.
    missed = subprocess.run([*command, str(listed)], capture_output=True, text=True)
    assert missed.returncode == 1
    assert "missed: only tests of the list ran them in the whole pass: 1" in missed.stdout
    assert f"wiki/views.py 2 -> -1  {test}" in missed.stdout
    # Run by a test kept: not run this time by chance (a race, a warm cache), reported only.
    chance = subprocess.run([*command, str(empty)], capture_output=True, text=True)
    assert chance.returncode == 0, chance.stdout + chance.stderr
    assert "though a kept test ran them in the whole pass: 1" in chance.stdout
    same = subprocess.run(
        [sys.executable, str(SCRIPT), "compare", str(whole), str(whole), "--left-out", str(listed)],
        capture_output=True,
        text=True,
    )
    assert same.returncode == 0, same.stdout + same.stderr
    assert "missed: only tests of the list ran them in the whole pass: 0" in same.stdout
