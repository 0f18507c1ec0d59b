"""Django's SQLite backend, with the transactions on one database file served in turn.

With ``transaction_mode="IMMEDIATE"`` (``config.settings.base.database_from_env``) every
transaction takes SQLite's write lock at ``BEGIN``. One that finds it taken waits in SQLite's busy
handler, which sleeps between tries for 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, then 100 ms.
A save that has waited 150 ms then tries every 50 to 100 ms, while saves that came after it,
still trying every few milliseconds, get the lock first: with four residents saving at once on a
100,000-article wiki, one save in twenty waited over 440 ms, and the slowest a second, though
each holds the lock for about 50 ms (bench/README.md, "4 clients saving").

Here a transaction first takes an exclusive ``flock`` on a file beside the database
(``<database>-writers``), then begins; the lock is released when it commits or rolls back, or
when its connection closes. Every process and thread of the site opens that file for each
connection, so they all take turns on it. A waiting transaction tries again every millisecond,
so the lock passes on within a millisecond of its release; it gives up with SQLite's own error
("database is locked") after the same timeout as SQLite's (``KER_SQLITE_TIMEOUT``).

Statements outside a transaction (autocommit: the search worker's Wagtail tasks, a session
saved alone) do not take the file lock: SQLite's busy handler still orders them, and they
hold SQLite's lock for one statement only.
"""

from __future__ import annotations

import fcntl
import os
import time

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

# How long a waiting transaction sleeps between two tries of the file lock.
RETRY_SECONDS = 0.001


class DatabaseWrapper(base.DatabaseWrapper):
    _writers_file = None
    _writers_pid = None
    _writers_locked = False

    def writers_path(self) -> str | None:
        """The lock file of this database, or None for an in-memory database."""
        name = str(self.settings_dict["NAME"] or "")
        if not name or self.is_in_memory_db():
            return None
        return name.removeprefix("file:").split("?", 1)[0] + "-writers"

    def _writers_handle(self):
        """This connection's own handle on the lock file (opened again after a fork: a handle
        inherited from the parent would share its lock)."""
        path = self.writers_path()
        if path is None:
            return None
        if self._writers_file is None or self._writers_pid != os.getpid():
            self._writers_file = open(path, "a")  # noqa: SIM115 (kept with the connection)
            self._writers_pid = os.getpid()
        return self._writers_file

    def _take_turn(self) -> None:
        handle = self._writers_handle()
        if handle is None:
            return
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5.0))
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(RETRY_SECONDS)
        self._writers_locked = True

    def _end_turn(self) -> None:
        if self._writers_locked:
            self._writers_locked = False
            fcntl.flock(self._writers_file, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._take_turn()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._end_turn()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._end_turn()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._end_turn()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._end_turn()
            if self._writers_file is not None and self._writers_pid == os.getpid():
                self._writers_file.close()
            self._writers_file = None
