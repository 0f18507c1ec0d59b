"""The PostgreSQL run (``KER_TEST_DATABASE_ONLY=1``, Makefile) leaves out exactly the tests that
cannot reach the database (those give the same result on either engine) and, with
``KER_POSTGRES_SUBSET=1``, the tests listed in ``tests/postgres_left_out.txt``."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# pytest, as `python -m pytest` runs it, with a plugin that records every test as it is collected
# (before any ``pytest_collection_modifyitems`` filters them) and the tests reported as
# deselected; it writes both to the file given first.
_PYTEST_RECORDING_COLLECTION = """
import json
import sys

import pytest


class Record:
    def __init__(self):
        self.everything, self.deselected = [], []

    def pytest_itemcollected(self, item):
        self.everything.append(item.nodeid)

    def pytest_deselected(self, items):
        self.deselected.extend(item.nodeid for item in items)


record = Record()
status = pytest.main(sys.argv[2:], plugins=[record])
with open(sys.argv[1], "w", encoding="utf-8") as file:
    json.dump({"everything": record.everything, "deselected": record.deselected}, file)
sys.exit(status)
"""


def test_the_database_only_run_keeps_the_tests_that_reach_the_database(tmp_path):
    """One ``pytest --collect-only`` in a subprocess, with ``KER_TEST_DATABASE_ONLY=1`` set as
    the Makefile sets it: the tests it lists are the ones kept. The tests it collected, recorded
    by a plugin as each is collected (before the suite's conftest filters them), stand for the run
    without the variable: a second subprocess for those took as long again (Django's setup), the
    current session may not have collected the file, and ``pytester`` would run pytest inside
    this process, sharing its Django, conftest and database blocker. The tests reported as
    deselected (the summary's "2 deselected") must be exactly those left out."""
    files = ("tests/config/test_settings.py",)
    recorded = tmp_path / "collection.json"
    # The PostgreSQL pass's list of tests other tests cover (KER_POSTGRES_SUBSET=1): here one
    # test that reaches the database, and a test that does not exist.
    listed = tmp_path / "left_out.txt"
    listed.write_text(
        "# comment\n"
        "tests/config/test_settings.py::test_uploads_are_served_with_safe_content_types\n"
        "tests/config/test_settings.py::test_gone\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-c", _PYTEST_RECORDING_COLLECTION, str(recorded)]
        + ["--collect-only", "-q", "-p", "no:xdist", *files],
        cwd=ROOT,
        env={
            **os.environ,
            "KER_TEST_DATABASE_ONLY": "1",
            "KER_POSTGRES_SUBSET": "1",
            "KER_POSTGRES_LEFT_OUT": str(listed),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    kept = {line for line in result.stdout.splitlines() if "::" in line}
    collection = json.loads(recorded.read_text(encoding="utf-8"))
    everything = set(collection["everything"])
    left_out = everything - kept
    assert kept <= everything
    assert sorted(collection["deselected"]) == sorted(left_out)
    # Through a database fixture (``client``, ``resident_client``: ``db``).
    assert "tests/config/test_settings.py::test_responses_carry_security_headers" in kept
    # Through the suite's DATABASE_URL in a subprocess (the ``database`` marker).
    assert "tests/config/test_settings.py::test_production_passes_check_deploy" in kept
    # Settings read without a database (a subprocess that stops before any, a parsed URL).
    # And the test the list names.
    assert left_out == {
        "tests/config/test_settings.py::test_production_refuses_to_start_without_secret_and_hosts",
        "tests/config/test_settings.py::test_a_unix_socket_directory_can_be_the_database_host",
        "tests/config/test_settings.py::test_uploads_are_served_with_safe_content_types",
    }
