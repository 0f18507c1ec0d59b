"""Migrate the test database once per ``make test``, not once per pytest process.

Creating the test database runs every migration (Wagtail's included): about 20 CPU seconds,
paid by each pytest process (each xdist worker, the transactional files, the archive tests, the
browser tests, the PostgreSQL passes). The first process to need a database migrates it as
usual and keeps a copy; the others start from that copy:

- SQLite: the migrated in-memory database is saved to ``var/test-db-templates/`` with
  SQLite's backup API, and later processes load it back the same way;
- PostgreSQL: the migrated database is copied into a template database of the cluster, and
  later databases are created with ``CREATE DATABASE … TEMPLATE``.

The copy is keyed by a hash of every migration file of every installed app (Django's, Wagtail's
and ours) and of the settings that migrations read, so a new or edited migration makes a new
copy. A file lock makes the processes that start together wait for the one that migrates.
``--reuse-db`` and databases with ``MIGRATE: False`` keep Django's own behaviour.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db.backends.base.creation import BaseDatabaseCreation

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "var" / "test-db-templates"
_original_create_test_db = BaseDatabaseCreation.create_test_db


def migrations_key(creation: BaseDatabaseCreation) -> str:
    """A hash of what the migrated database depends on: migration files and a few settings."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        module = __import__(migration.__module__, fromlist=["__file__"])
        digest.update(f"{app_label}.{name}\0".encode())
        digest.update(Path(module.__file__).read_bytes())
    for value in (
        creation.connection.vendor,
        settings.INSTALLED_APPS,
        settings.LANGUAGE_CODE,
        getattr(settings, "WAGTAIL_SITE_NAME", ""),
        getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
        getattr(settings, "WAGTAILIMAGES_IMAGE_MODEL", ""),
        getattr(settings, "AUTH_USER_MODEL", ""),
    ):
        digest.update(repr(value).encode() + b"\0")
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _finish(creation: BaseDatabaseCreation, *, serialize: bool) -> None:
    """What Django's ``create_test_db`` does after migrating."""
    if serialize:
        creation.connection._test_serialized_contents = creation.serialize_db_to_string()
    call_command("createcachetable", database=creation.connection.alias)
    creation.connection.ensure_connection()


def _use_name(creation: BaseDatabaseCreation, name: str) -> None:
    creation.connection.close()
    settings.DATABASES[creation.connection.alias]["NAME"] = name
    creation.connection.settings_dict["NAME"] = name


def _sqlite(creation, key, *, verbosity, autoclobber, serialize):
    template = TEMPLATE_DIR / f"sqlite-{key}.sqlite3"
    with _file_lock(TEMPLATE_DIR / "sqlite.lock"):
        if not template.exists():
            name = _original_create_test_db(
                creation, verbosity=verbosity, autoclobber=autoclobber, serialize=serialize
            )
            for old in TEMPLATE_DIR.glob("sqlite-*.sqlite3"):
                old.unlink(missing_ok=True)
            partial = template.with_suffix(".partial")
            target = sqlite3.connect(partial)
            creation.connection.ensure_connection()
            creation.connection.connection.backup(target)
            target.close()
            os.replace(partial, template)
            return name
    name = creation._create_test_db(verbosity, autoclobber, False)
    _use_name(creation, name)
    creation.connection.ensure_connection()
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    try:
        source.backup(creation.connection.connection)
    finally:
        source.close()
    _finish(creation, serialize=serialize)
    return name


def _postgresql(creation, key, *, verbosity, autoclobber, serialize):
    template = f"ker_test_template_{key}"
    settings_dict = creation.connection.settings_dict
    cluster = f"{settings_dict.get('HOST')}-{settings_dict.get('PORT')}"
    lock = TEMPLATE_DIR / f"postgresql-{hashlib.sha256(cluster.encode()).hexdigest()[:12]}.lock"
    with _file_lock(lock):
        with creation._nodb_cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            exists = cursor.fetchone() is not None
        if not exists:
            name = _original_create_test_db(
                creation, verbosity=verbosity, autoclobber=autoclobber, serialize=serialize
            )
            creation.connection.close()
            with creation._nodb_cursor() as cursor:
                cursor.execute(
                    f'CREATE DATABASE "{template}" TEMPLATE "{name}"'  # noqa: S608 - our names
                )
            creation.connection.ensure_connection()
            return name
    test_settings = settings_dict.setdefault("TEST", {})
    previous = test_settings.get("TEMPLATE")
    test_settings["TEMPLATE"] = template
    try:
        name = creation._create_test_db(verbosity, autoclobber, False)
    finally:
        test_settings["TEMPLATE"] = previous
    _use_name(creation, name)
    _finish(creation, serialize=serialize)
    return name


def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
    build = {"sqlite": _sqlite, "postgresql": _postgresql}.get(self.connection.vendor)
    migrate = self.connection.settings_dict.get("TEST", {}).get("MIGRATE", True)
    if keepdb or build is None or migrate is False:
        return _original_create_test_db(self, verbosity, autoclobber, serialize, keepdb)
    if self.connection.vendor == "sqlite" and not self.is_in_memory_db(self._get_test_db_name()):
        return _original_create_test_db(self, verbosity, autoclobber, serialize, keepdb)
    key = migrations_key(self)
    return build(self, key, verbosity=verbosity, autoclobber=autoclobber, serialize=serialize)


def install() -> None:
    BaseDatabaseCreation.create_test_db = create_test_db
