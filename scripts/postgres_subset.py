"""Choose the tests the PostgreSQL pass may leave out, keeping its coverage whole.

The SQLite pass runs every test. The PostgreSQL pass (make pytest-postgres) runs every test that
reaches the database, less those in ``tests/postgres_left_out.txt``: tests whose every line and
branch of Ker's code, on PostgreSQL, other kept tests also run. This script writes that file
from a measured run (``make postgres-subset``, README "Tests"):

    select   coverage data of the whole PostgreSQL pass (one context per test) and its
             JUnit report (durations) -> tests/postgres_left_out.txt
    compare  two coverage data files (the whole pass and the pass with the list): fails on a
             branch the pass with the list missed that only tests of the list ran

The choice is a weighted set cover: the tests bringing the most new branches per second first,
then every chosen test whose branches the others already run is dropped again. Files whose
point is an engine's behaviour rather than a line of code (hostile input, concurrency, servers
in subprocesses, search engines) are always kept: ``ALWAYS_KEPT``.
"""

from __future__ import annotations

import argparse
import heapq
import sqlite3
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = ROOT / "tests" / "postgres_left_out.txt"

# Kept whatever their coverage: they test what differs between engines for the same line of
# code (integer and text limits, collations, locks, full-text search, servers on the engine).
ALWAYS_KEPT = (
    "tests/api/test_schemathesis.py",
    "tests/config/test_fuzz.py",
    "tests/config/test_no_server_error.py",
    "tests/config/test_unicode_digits.py",
    "tests/config/test_db_template.py",
    "tests/config/test_database_only_run.py",
    "tests/config/test_settings.py",
    "tests/config/test_shared_state.py",
    "tests/commons/test_harvest_from_ker.py",
    # What people find, and in which order, is the search engine's own (the PostgreSQL engine
    # there, Whoosh on SQLite); the other search files test Whoosh's index or the cache around it.
    "tests/search/test_backends.py",
    "tests/search/test_no_result.py",
    "tests/search/test_relevance.py",
    "tests/search/test_search.py",
    "tests/search/test_views.py",
    "tests/wiki/test_save_cost.py",
    "tests/wiki/test_search_lifecycle.py",
)

HEADER = """\
# Tests the PostgreSQL pass leaves out (make pytest-postgres; README "Tests").
# Written by `make postgres-subset` (scripts/postgres_subset.py): on PostgreSQL, every line and
# branch of Ker's code these tests run, the tests kept also run. The SQLite pass runs them all.
# A test not listed here (a new one, a renamed one) runs on both engines.
"""


def _tests_by_context(data_file: Path) -> dict[str, set]:
    """Each test's arcs (or lines, without branch data) across its setup, call and teardown."""
    covered: dict[str, set] = defaultdict(set)
    with sqlite3.connect(data_file) as db:
        has_arcs = db.execute("select count(*) from arc").fetchone()[0] > 0
        if not has_arcs:
            sys.exit(f"{data_file}: no branch data (run coverage with branch = true)")
        rows = db.execute(
            "select context.context, file.path, arc.fromno, arc.tono from arc "
            "join context on context.id = arc.context_id join file on file.id = arc.file_id"
        )
        for context, path, start, end in rows:
            test = context.rsplit("|", 1)[0]
            covered[test].add((path, start, end))
    covered.pop("", None)
    return covered


def _all_arcs(data_file: Path) -> set:
    with sqlite3.connect(data_file) as db:
        return set(
            db.execute(
                "select distinct file.path, arc.fromno, arc.tono from arc "
                "join file on file.id = arc.file_id"
            )
        )


def _durations(junit: Path) -> dict[str, float]:
    """Seconds per test (setup, call and teardown), by pytest node id."""
    seconds = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        module = case.get("classname", "")
        parts = module.split(".")
        # classname is the module path, then any class names (capitalised by convention).
        path_parts = [p for p in parts if not p[:1].isupper()]
        classes = [p for p in parts if p[:1].isupper()]
        node = "/".join(path_parts) + ".py::" + "::".join([*classes, case.get("name", "")])
        seconds[node] = float(case.get("time", "0") or 0)
    return seconds


def choose(covered: dict[str, set], seconds: dict[str, float]) -> list[str]:
    """The tests to keep: the always-kept ones, then a greedy cover of the rest."""
    kept = {test for test in covered if test.startswith(ALWAYS_KEPT)}
    done = set().union(*(covered[test] for test in kept)) if kept else set()

    def gain(test: str) -> float:
        return len(covered[test] - done) / max(seconds.get(test, 0.05), 0.005)

    # Lazy greedy: a test's gain only falls as others are chosen, so a gain computed earlier is
    # an upper bound; the top of the heap is chosen once its gain is computed afresh.
    heap = [(-gain(test), test) for test in sorted(covered) if test not in kept]
    heapq.heapify(heap)
    while heap:
        _, test = heapq.heappop(heap)
        fresh = gain(test)
        if fresh <= 0:
            continue
        if heap and fresh < -heap[0][0]:
            heapq.heappush(heap, (-fresh, test))
            continue
        kept.add(test)
        done |= covered[test]
    # Drop again each greedy choice whose arcs the other kept tests cover (longest first).
    counts: dict[tuple, int] = defaultdict(int)
    for test in kept:
        for arc in covered[test]:
            counts[arc] += 1
    for test in sorted(kept, key=lambda t: -seconds.get(t, 0.05)):
        if test.startswith(ALWAYS_KEPT):
            continue
        if all(counts[arc] > 1 for arc in covered[test]):
            kept.discard(test)
            for arc in covered[test]:
                counts[arc] -= 1
    return sorted(kept)


def select(args) -> None:
    covered = _tests_by_context(args.data)
    seconds = _durations(args.junit)
    missing = sorted(set(seconds) - set(covered))
    # A test that runs none of Ker's code (covered by nothing) is kept: nothing proves it
    # redundant, and it is cheap.
    for test in missing:
        covered[test] = set()
    kept = choose(covered, seconds)
    # Arcs run outside any test (importing the modules, at collection) are the same whichever
    # tests are deselected afterwards.
    every = set().union(*covered.values())
    if set().union(*(covered[t] for t in kept)) != every:
        sys.exit("the chosen tests do not cover every arc the whole pass covers")
    left_out = sorted(set(covered) - set(kept) - set(missing))
    LEFT_OUT.write_text(HEADER + "".join(f"{test}\n" for test in left_out), encoding="utf-8")
    total = sum(seconds.values())
    kept_seconds = sum(seconds.get(t, 0) for t in covered if t not in left_out)
    print(
        f"{len(covered)} tests, {len(every)} arcs of Ker's code;"
        f" kept {len(covered) - len(left_out)}"
        f" ({kept_seconds:.0f} of {total:.0f} s measured), left out {len(left_out)}"
        f" -> {LEFT_OUT.relative_to(ROOT)}"
    )


def _left_out(listed: Path) -> set[str]:
    lines = listed.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def compare(args) -> None:
    """Fails when the pass with the list misses an arc that, in the whole pass, only tests of
    the list ran. An arc a kept test ran in the whole pass but not this time (a thread race, a
    cache already warm) is reported, not failed: the list did not take it away."""
    whole, subset = _all_arcs(args.whole), _all_arcs(args.subset)
    left_out = _left_out(args.left_out)
    ran_by = defaultdict(set)
    for test, arcs in _tests_by_context(args.whole).items():
        for arc in arcs:
            ran_by[arc].add(test)
    only_whole = sorted(whole - subset)
    missed = [arc for arc in only_whole if ran_by[arc] and ran_by[arc] <= left_out]
    by_chance = [arc for arc in only_whole if arc not in missed]
    only_subset = sorted(subset - whole)
    print(f"whole pass: {len(whole)} arcs; with the list: {len(subset)} arcs")
    for label, arcs in (
        ("missed: only tests of the list ran them in the whole pass", missed),
        ("not run this time, though a kept test ran them in the whole pass", by_chance),
        ("run only with the list", only_subset),
    ):
        print(f"{label}: {len(arcs)}")
        for path, start, end in arcs[:40]:
            tests = sorted(ran_by.get((path, start, end), ()))[:2]
            print(f"  {Path(path).relative_to(ROOT)} {start} -> {end}  {' '.join(tests)}")
    if missed:
        sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    chosen = commands.add_parser("select")
    chosen.add_argument("--data", type=Path, required=True)
    chosen.add_argument("--junit", type=Path, required=True)
    chosen.set_defaults(run=select)
    compared = commands.add_parser("compare")
    compared.add_argument("whole", type=Path)
    compared.add_argument("subset", type=Path)
    compared.add_argument("--left-out", type=Path, default=LEFT_OUT)
    compared.set_defaults(run=compare)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
