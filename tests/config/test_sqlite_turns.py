"""SQLite transactions take turns on a file lock beside the database (``config.sqlite``).

The site's SQLite engine is checked as a site process sees it: a process with the test
settings on a database file (``DATABASE_URL``), as gunicorn, ``search_worker`` and the
commands run. While a transaction is open, the lock file ``<database>-writers`` is held; it is
given back when the transaction commits, rolls back or its connection closes. A transaction that
finds it held waits for it, and after ``KER_SQLITE_TIMEOUT`` gives up with SQLite's own error,
having written nothing. (The whole site under concurrent saves:
tests/wiki/test_concurrent_saves.py.)
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.servers import server_environment

PROBE = r"""
import fcntl, json, threading, time
import django
django.setup()
from django.db import OperationalError, connection, connections, transaction

path = connection.writers_path()
wrapper = connections["default"]
results = {"engine": type(wrapper).__module__ + "." + type(wrapper).__name__}

def held():
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False

def rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT who FROM turns ORDER BY rowid")
        return [row[0] for row in cursor.fetchall()]

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE turns (who TEXT)")
results["held before"] = held()

with transaction.atomic():
    connection.cursor().execute("INSERT INTO turns VALUES ('committed')")
    results["held in a transaction"] = held()
results["held after commit"] = held()

try:
    with transaction.atomic():
        connection.cursor().execute("INSERT INTO turns VALUES ('rolled back')")
        raise ValueError
except ValueError:
    pass
results["held after rollback"] = held()

with transaction.atomic():
    connection.cursor().execute("INSERT INTO turns VALUES ('closed')")
    connection.close()
    results["held after close"] = held()

# Someone else's turn: this transaction waits until it ends, then goes on.
holder = open(path, "a")
fcntl.flock(holder, fcntl.LOCK_EX)
threading.Timer(0.5, fcntl.flock, (holder, fcntl.LOCK_UN)).start()
started = time.monotonic()
with transaction.atomic():
    connection.cursor().execute("INSERT INTO turns VALUES ('waited')")
results["waited seconds"] = time.monotonic() - started

# A turn that never ends: SQLite's error after the timeout, and nothing written.
fcntl.flock(holder, fcntl.LOCK_EX)
started = time.monotonic()
try:
    with transaction.atomic():
        connection.cursor().execute("INSERT INTO turns VALUES ('too late')")
except OperationalError as error:
    results["error"] = str(error)
results["gave up after"] = time.monotonic() - started
fcntl.flock(holder, fcntl.LOCK_UN)
with transaction.atomic():
    connection.cursor().execute("INSERT INTO turns VALUES ('after')")
results["rows"] = rows()
print(json.dumps(results))
"""


def test_transactions_take_turns_on_the_lock_file_and_give_up_after_the_timeout(tmp_path):
    environment = server_environment(
        tmp_path,
        settings_name="turns_settings",
        database_url=f"sqlite:///{tmp_path / 'ker.sqlite3'}",
        KER_SQLITE_TIMEOUT="1",
    )
    finished = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    results = json.loads(finished.stdout.strip().splitlines()[-1])
    assert results["engine"] == "config.sqlite.base.DatabaseWrapper"
    assert results["held before"] is False
    assert results["held in a transaction"] is True
    assert results["held after commit"] is False
    assert results["held after rollback"] is False
    assert results["held after close"] is False
    assert results["waited seconds"] >= 0.4
    assert results["error"] == "database is locked"
    assert 0.9 <= results["gave up after"] < 10
    assert results["rows"] == ["committed", "waited", "after"]
    assert (tmp_path / "ker.sqlite3-writers").exists()
