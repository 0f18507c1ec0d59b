"""The PostgreSQL run (``KER_TEST_DATABASE_ONLY=1``, Makefile) leaves out exactly the tests that
cannot reach the database: those give the same result on either engine."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _collected(*paths: str, database_only: bool) -> set[str]:
    environment = {**os.environ, "KER_TEST_DATABASE_ONLY": "1" if database_only else ""}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:xdist", *paths],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_the_database_only_run_keeps_the_tests_that_reach_the_database():
    files = ("tests/config/test_settings.py",)
    everything = _collected(*files, database_only=False)
    kept = _collected(*files, database_only=True)
    left_out = everything - kept
    # Through a database fixture (``client``, ``resident_client``: ``db``).
    assert "tests/config/test_settings.py::test_responses_carry_security_headers" in kept
    assert "tests/config/test_settings.py::test_uploads_are_served_with_safe_content_types" in kept
    # Through the suite's DATABASE_URL in a subprocess (the ``database`` marker).
    assert "tests/config/test_settings.py::test_production_passes_check_deploy" in kept
    # Settings read without a database (a subprocess that stops before any, a parsed URL).
    assert left_out == {
        "tests/config/test_settings.py::test_production_refuses_to_start_without_secret_and_hosts",
        "tests/config/test_settings.py::test_a_unix_socket_directory_can_be_the_database_host",
    }
