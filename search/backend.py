"""Where the index lives and how it is opened, written and read.

One ``Index`` object is cached per process and directory: opening reads the table of contents
and the schema, which is wasted work at every request. Searchers are opened per request (they
see the latest commit); writers take Whoosh's file lock, which guards against other processes,
plus a thread lock, which keeps the threads of one process from spinning on that file lock.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from whoosh import index as whoosh_index
from whoosh.index import Index, LockError
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from .schema import SCHEMA_VERSION, build_schema, schema_signature

logger = logging.getLogger(__name__)

INDEX_NAME = "ker"
SCHEMA_VERSION_FILE = "ker-schema-version"
# How long a write waits for another process's lock before giving up (seconds).
WRITE_LOCK_TIMEOUT = 30.0
WRITE_LOCK_DELAY = 0.05

_indexes: dict[Path, Index] = {}
_open_lock = threading.Lock()
_write_locks: dict[Path, threading.Lock] = {}
_thread_searchers = threading.local()


def index_directory() -> Path:
    """The index directory: ``KER_SEARCH_INDEX_DIR``, by default ``BASE_DIR/var/search-index``."""
    configured = getattr(settings, "KER_SEARCH_INDEX_DIR", None)
    if configured:
        return Path(configured)
    return Path(settings.BASE_DIR) / "var" / "search-index"


def _create(directory: Path) -> Index:
    directory.mkdir(parents=True, exist_ok=True)
    created = whoosh_index.create_in(str(directory), build_schema(), indexname=INDEX_NAME)
    (directory / SCHEMA_VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n", encoding="utf-8")
    return created


def get_index() -> Index:
    """The process-wide index for the configured directory, created empty if missing."""
    directory = index_directory()
    cached = _indexes.get(directory)
    if cached is not None:
        return cached
    with _open_lock:
        cached = _indexes.get(directory)
        if cached is not None:
            return cached
        if whoosh_index.exists_in(str(directory), indexname=INDEX_NAME):
            opened = whoosh_index.open_dir(str(directory), indexname=INDEX_NAME)
        else:
            opened = _create(directory)
        _indexes[directory] = opened
        _write_locks.setdefault(directory, threading.Lock())
        return opened


def schema_is_current() -> bool:
    """False when the index on disk was built with another schema (rebuild recreates it).

    Whoosh cannot compare analyzers reliably, so the version we wrote at creation time
    (``search.schema.SCHEMA_VERSION``) decides, along with the field names and kinds.
    """
    version_file = index_directory() / SCHEMA_VERSION_FILE
    try:
        version = int(version_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return False
    return version == SCHEMA_VERSION and schema_signature(get_index().schema) == (
        schema_signature(build_schema())
    )


def recreate_index() -> Index:
    """Wipe the directory's index and start an empty one with the current schema."""
    directory = index_directory()
    with _write_lock(directory), _open_lock:
        _indexes[directory] = _create(directory)
        return _indexes[directory]


def forget_indexes() -> None:
    """Drop cached ``Index`` objects and this thread's searchers (tests switch directories)."""
    close_thread_searchers()
    with _open_lock:
        _indexes.clear()


def _write_lock(directory: Path) -> threading.Lock:
    with _open_lock:
        return _write_locks.setdefault(directory, threading.Lock())


@contextlib.contextmanager
def index_writer(*, timeout: float = WRITE_LOCK_TIMEOUT, **commit_options) -> Iterator[IndexWriter]:
    """A writer that commits on success and cancels on error, under both locks.

    ``LockError`` is raised when another process holds the index longer than ``timeout``.
    """
    ix = get_index()
    thread_lock = _write_lock(index_directory())
    if not thread_lock.acquire(timeout=timeout):
        raise LockError("Search index busy in this process")
    try:
        # Segments stay separate files (not one compound file): Whoosh maps a compound file and
        # copies each part it opens into memory (its BufferFile wraps the part in a BytesIO), so
        # every worker held its own copies (3 workers: 762 MB PSS at 25,005 documents, 212 MB
        # with separate files; bench/README).
        writer = ix.writer(timeout=timeout, delay=WRITE_LOCK_DELAY, compound=False)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        else:
            writer.commit(**commit_options)
    finally:
        thread_lock.release()


def index_generation() -> str:
    """Which commit of the index searches read now: its generation number, and the time and inode
    of its table of contents (an index recreated from scratch starts again at 0).

    One directory listing and one ``stat``: cheap enough for every search."""
    index = get_index()
    generation = index.latest_generation()
    toc = index_directory() / f"_{INDEX_NAME}_{generation}.toc"
    try:
        status = toc.stat()
    except OSError:
        return f"{generation}"
    return f"{generation}.{status.st_mtime_ns}.{status.st_ino}"


@contextlib.contextmanager
def index_searcher() -> Iterator[Searcher]:
    """A searcher on the latest commit, reused by this thread until the next commit.

    Opening a searcher maps every segment file (tens of milliseconds at 25,000 documents),
    so each thread keeps its own and only reopens when the index generation changes. Whoosh's
    ``Searcher.refresh()`` is not used: it recycles segment readers by segment id, which
    would keep stale deletions.
    """
    index = get_index()
    directory = index_directory()
    searchers: dict[Path, Searcher] = getattr(_thread_searchers, "by_directory", None) or {}
    _thread_searchers.by_directory = searchers
    searcher = searchers.get(directory)
    if searcher is not None and (searcher._ix is not index or not searcher.up_to_date()):
        searcher.close()
        searcher = None
    if searcher is None:
        searcher = index.searcher()
        searchers[directory] = searcher
    yield searcher


def close_thread_searchers() -> None:
    """Close the searchers this thread keeps open (tests, index recreation)."""
    searchers: dict[Path, Searcher] = getattr(_thread_searchers, "by_directory", None) or {}
    for searcher in searchers.values():
        searcher.close()
    searchers.clear()
