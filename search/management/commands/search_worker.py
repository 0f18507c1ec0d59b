"""The single writer of the search index: applies the queue of index changes in batches."""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection

from search.backend import index_directory
from search.queue import (
    BATCH_SIZE,
    heartbeat_path,
    index_queue_apply,
    pending_count,
    wagtail_tasks_run,
    worker_heartbeat,
)

logger = logging.getLogger(__name__)
LOCK_FILE = "search-worker.lock"
# Time given to Wagtail's queued tasks between two batches of the search index queue.
WAGTAIL_TASKS_SECONDS = 1.0
# How much lower the worker's CPU priority is than the web server's (`nice`), by default: none.
# A lower priority shortened the saves' p95 on 2 cores (94 -> 80 ms) but lengthened the worst
# ones: the worker can be starved while it holds SQLite's write lock, and saves then wait for it.
NICENESS = 0


def checkpoint_sqlite_journal() -> tuple[int, int, int] | None:
    """Copy what SQLite's WAL journal holds back into the database file, without waiting.

    The web server's connections leave this to the worker (KER_SQLITE_WAL_AUTOCHECKPOINT in
    config/settings/base.py), so that no save pays for it. PASSIVE: never waits for a reader
    or a writer, copies what it can now, the rest at the next turn. Returns SQLite's answer
    (busy, frames in the journal, frames copied), or None on PostgreSQL and inside a
    transaction (the worker called by a test), where SQLite refuses to checkpoint.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        return tuple(cursor.fetchone())


class Command(BaseCommand):
    help = (
        "Applique la file des mises à jour de l’index de recherche, par lots, tant qu’il tourne "
        "(à lancer à côté du serveur web ; un seul à la fois). --once vide la file puis s’arrête."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Vide la file une fois puis s’arrête."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=0.5,
            help="Attente entre deux coups d’œil à une file vide, en secondes (0,5).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Documents par écriture de l’index ({BATCH_SIZE}).",
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=NICENESS,
            help=(
                f"Priorité CPU abaissée d’autant ({NICENESS} par défaut) : les requêtes du site "
                "passent avant l’écriture de l’index (voir README)."
            ),
        )

    def handle(self, *args, **options):
        stop = threading.Event()
        directory = index_directory()
        directory.mkdir(parents=True, exist_ok=True)
        with open(directory / LOCK_FILE, "a") as lock_file:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise CommandError(
                    f"Un autre search_worker tourne déjà pour l’index {directory}."
                ) from None
            previous = {}
            if threading.current_thread() is threading.main_thread():
                previous = {
                    number: signal.signal(number, lambda *_: stop.set())
                    for number in (signal.SIGTERM, signal.SIGINT)
                }
            try:
                self._loop(stop, options)
            finally:
                for number, handler in previous.items():
                    signal.signal(number, handler)
                with contextlib.suppress(OSError):
                    heartbeat_path().unlink()

    def _loop(self, stop: threading.Event, options) -> None:
        verbose = options["verbosity"] >= 2
        if not options["once"]:
            if options["nice"] > 0:
                # The web workers' requests come first (see NICENESS for the trade-off).
                os.nice(options["nice"])
            self.stdout.write(f"search_worker : file d’index appliquée dans {index_directory()}.")
        while not stop.is_set():
            worker_heartbeat()
            if not connection.in_atomic_block:  # a long-running process: drop stale connections
                close_old_connections()
            try:
                applied = index_queue_apply(batch_size=options["batch_size"], max_batches=1)
                # Wagtail's admin search and reference index, deferred here by config/tasks.py:
                # about a second of them, then the search index queue again.
                ran = wagtail_tasks_run(
                    limit=options["batch_size"],
                    time_budget=None if options["once"] else WAGTAIL_TASKS_SECONDS,
                )
                checkpoint_sqlite_journal()
            except DatabaseError as error:
                if options["once"]:
                    raise CommandError(f"Base de données indisponible : {error}") from error
                logger.exception("search_worker: database unavailable, retrying")
                if not connection.in_atomic_block:
                    close_old_connections()
                stop.wait(max(options["interval"], 2.0))
                continue
            if applied and verbose:
                self.stdout.write(f"{applied} document(s) mis à jour dans l’index.")
            if ran and verbose:
                self.stdout.write(f"{ran} tâche(s) de Wagtail exécutée(s).")
            if applied or ran:
                continue
            if options["once"]:
                left = pending_count()
                if left:
                    self.stdout.write(f"{left} mise(s) à jour laissée(s) en file.")
                break
            stop.wait(options["interval"])
