"""SQLite's journal: the site's commits leave checkpoints to ``search_worker``.

A checkpoint copies the WAL journal back into the database file, with an fsync: SQLite runs one
in the commit that takes the journal past ``wal_autocheckpoint`` pages (1,000 by default), and
one save in about 25 then waited for it. The site's connections raise that bound
(``KER_SQLITE_WAL_AUTOCHECKPOINT``) and the worker checkpoints after each of its turns.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from django.db import connection

from config.settings.base import database_from_env
from tests import db_template
from tests.servers import server_environment, start_search_worker, stop

pytestmark = pytest.mark.django_db

# More pages than SQLite's own bound (1,000 pages of 4 KiB), fewer than the site's (10,000).
MARKER_ROWS = 40
MARKER_BYTES = 128 * 1024


def site_connection(path: Path, monkeypatch) -> sqlite3.Connection:
    """A connection set up as the site's settings set up theirs."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.delenv("KER_SQLITE_WAL_AUTOCHECKPOINT", raising=False)
    options = database_from_env("sqlite:///:memory:")["OPTIONS"]
    link = sqlite3.connect(path, isolation_level=None)
    for command in options["init_command"].split(";"):
        link.execute(command)
    return link


def markers_in_database_file(path: Path, directory: Path) -> int | None:
    """Marker rows in the database file alone, as a copy without its journal reads it (None when
    the copy was taken while a checkpoint was writing the file, so that it reads as malformed)."""
    directory.mkdir()
    alone = shutil.copyfile(path, directory / path.name)
    reader = sqlite3.connect(alone)
    try:
        tables = reader.execute("SELECT name FROM sqlite_master WHERE name = 'ker_marker'")
        if tables.fetchone() is None:
            return 0
        return reader.execute("SELECT count(*) FROM ker_marker").fetchone()[0]
    except sqlite3.DatabaseError as error:
        # "database disk image is malformed", or "file is not a database" for a torn header.
        if getattr(error, "sqlite_errorname", "") not in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            raise
        return None
    finally:
        reader.close()


def test_saves_leave_the_journal_to_the_search_worker_which_copies_it_into_the_file(
    tmp_path, monkeypatch
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's journal")
    database = db_template.migrated_sqlite_copy(connection.creation, tmp_path / "ker.sqlite3")
    assert database is not None, "the SQLite test database was made without its template"

    site = site_connection(database, monkeypatch)
    assert site.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 10_000
    site.execute("CREATE TABLE ker_marker (id INTEGER PRIMARY KEY, payload BLOB)")
    site.executemany(
        "INSERT INTO ker_marker (payload) VALUES (?)",
        [(os.urandom(MARKER_BYTES),) for _ in range(MARKER_ROWS)],
    )
    journal = Path(f"{database}-wal")
    assert journal.stat().st_size > 1_000 * 4096, "the writes should outgrow SQLite's own bound"
    # Committed, read by any connection, but still only in the journal: no commit checkpointed.
    assert site.execute("SELECT count(*) FROM ker_marker").fetchone()[0] == MARKER_ROWS
    assert markers_in_database_file(database, tmp_path / "before") == 0

    # The worker keeps its connection, as in production (CONN_MAX_AGE): SQLite's checkpoint
    # when a connection closes is not what copies the journal here.
    environment = server_environment(
        tmp_path,
        settings_name="journal_settings",
        database_url=f"sqlite:///{database}",
        extra_settings='DATABASES["default"]["CONN_MAX_AGE"] = 600\n',
    )
    log = open(tmp_path / "worker.log", "wb")  # noqa: SIM115 - closed below
    worker = start_search_worker(environment, log=log)
    try:
        deadline = time.monotonic() + 60
        copied = 0
        while time.monotonic() < deadline and worker.poll() is None:
            # A copy torn by the checkpoint writing the file (None) is taken again.
            copied = markers_in_database_file(database, tmp_path / f"after-{time.monotonic()}")
            if copied == MARKER_ROWS:
                break
            time.sleep(0.3)
        assert worker.poll() is None, (tmp_path / "worker.log").read_text(errors="replace")
    finally:
        stop([worker])
        log.close()
        site.close()
    assert copied == MARKER_ROWS
