"""The files the Makefile keeps out of the shared workers are the ones tests/conftest.py puts in
groups of their own: a file listed in one place only would share a worker with the suite (or
run twice)."""

import re
from pathlib import Path

from tests.conftest import OWN_PROCESS_GROUPS

ROOT = Path(__file__).resolve().parents[2]


def _makefile_list(name: str) -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    match = re.search(rf"^{name} = (.+)$", text, re.MULTILINE)
    assert match, f"{name} is not set in the Makefile"
    return set(match.group(1).split())


def test_the_makefile_and_the_conftest_name_the_same_own_process_files():
    transactional = _makefile_list("TRANSACTIONAL_TESTS")
    assert len(transactional) >= 2
    grouped = {path.rstrip("/") for path in OWN_PROCESS_GROUPS}
    assert grouped == transactional | {"tests/archive"}
    assert {OWN_PROCESS_GROUPS[path] for path in transactional} == {"transactional"}
    own_process = _makefile_list("PYTEST_OWN_PROCESS")
    assert own_process == {"tests/browser", "tests/archive", "$(TRANSACTIONAL_TESTS)"}


def test_every_test_that_commits_for_real_is_in_a_file_of_its_own_group():
    """A transactional test empties the database when it ends: in a shared worker, the tests
    after it would miss the pages the migrations made (`/wiki/` index page missing)."""
    allowed = set(OWN_PROCESS_GROUPS) | {"tests/browser/"}
    found, outside = [], []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        # The suite's conftest names those fixtures to order tests; it defines none.
        if path in (Path(__file__).resolve(), ROOT / "tests" / "conftest.py") or not re.search(
            r"transaction=True|\btransactional_db\b|\blive_server\b", text
        ):
            continue
        found.append(relative)
        if not any(relative.startswith(prefix) for prefix in allowed):
            outside.append(relative)
    assert "tests/wiki/test_concurrent_saves.py" in found
    assert not outside, f"transactional tests outside their own group: {outside}"
