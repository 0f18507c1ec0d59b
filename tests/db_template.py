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

A transactional test with ``serialized_rollback`` starts from the migrated data again (Django
empties the database after each transactional test, then reloads that data). Django reloads it
one object at a time (an UPDATE tried, then an INSERT: about 1,000 queries, one to two seconds
per test); `restore_serialized_data` writes the same rows with one INSERT per table and batch.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction
from django.db.backends.base.creation import BaseDatabaseCreation

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "var" / "test-db-templates"
_original_create_test_db = BaseDatabaseCreation.create_test_db
_original_deserialize = BaseDatabaseCreation.deserialize_db_from_string


def migrations_key(creation: BaseDatabaseCreation, *, vendor: str | None = None) -> str:
    """A hash of what the migrated database depends on: migration files and a few settings
    (and the engine: ``creation``'s, or ``vendor``)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256()
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        module = __import__(migration.__module__, fromlist=["__file__"])
        digest.update(f"{app_label}.{name}\0".encode())
        digest.update(Path(module.__file__).read_bytes())
    for value in (
        vendor or creation.connection.vendor,
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


def migrated_sqlite_copy(creation: BaseDatabaseCreation, path: Path) -> Path | None:
    """``path``, a copy of the migrated SQLite template of the current migrations, if a SQLite
    run has made it (from any process of this checkout, whatever its own engine); else None."""
    template = TEMPLATE_DIR / f"sqlite-{migrations_key(creation, vendor='sqlite')}.sqlite3"
    if not template.exists():
        return None
    return Path(shutil.copyfile(template, path))


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


# Each serialized database, decoded once per process into runs of objects of one model:
# (alias, data) -> [(model, [DeserializedObject, ...]), ...].
_decoded: dict[tuple[str, str], list[tuple[type, list]]] = {}


def restore_serialized_data(self, data: str) -> None:
    """What Django's ``deserialize_db_from_string`` writes, table by table in batches.

    Each run of consecutive objects of one model is inserted together, raw (each table's own
    columns, values as serialized, no signals: a deserialized save is raw too), then their
    many-to-many rows. As Django does, in one transaction with the constraints checked only at
    the end (the objects come app by app, not in dependency order). Django writes over the rows
    still there (the first such test of a process starts on the migrated data): then its own
    restore runs.
    """
    alias = self.connection.alias
    groups = _decoded.get((alias, data))
    if groups is None:
        # Decoding builds the objects (a page looks its content type up, and would create it in
        # an empty table): done once, preferably while the migrated rows are there.
        groups = []
        for deserialized in serializers.deserialize("json", data, using=alias):
            model = type(deserialized.object)
            if groups and groups[-1][0] is model:
                groups[-1][1].append(deserialized)
            else:
                groups.append((model, [deserialized]))
        _decoded[(alias, data)] = groups
    if any(model._base_manager.using(alias).exists() for model, _group in groups):
        _original_deserialize(self, data)
        return
    table_names = set()
    with transaction.atomic(using=alias):
        with self.connection.constraint_checks_disabled():
            for model, group in groups:
                _insert_raw(self.connection, model, [item.object for item in group])
                table_names.add(model._meta.db_table)
                for field_name in group[0].m2m_data:
                    table_names.add(_insert_many_to_many(model, field_name, group, alias))
        self.connection.check_constraints(table_names=table_names)


def _insert_raw(connection, model, instances: list) -> None:
    fields = model._meta.local_concrete_fields
    batch = connection.ops.bulk_batch_size(fields, instances) or len(instances)
    for start in range(0, len(instances), batch):
        model._base_manager.using(connection.alias)._insert(
            instances[start : start + batch], fields=fields, using=connection.alias, raw=True
        )


def _insert_many_to_many(model, field_name: str, group: list, alias: str) -> str:
    field = model._meta.get_field(field_name)
    through = field.remote_field.through
    source = field.m2m_field_name() + "_id"
    target = field.m2m_reverse_field_name() + "_id"
    rows = [
        through(**{source: item.object.pk, target: value})
        for item in group
        for value in item.m2m_data.get(field_name, [])
    ]
    through._base_manager.using(alias).bulk_create(rows, batch_size=500)
    return through._meta.db_table


def install() -> None:
    BaseDatabaseCreation.create_test_db = create_test_db
    BaseDatabaseCreation.deserialize_db_from_string = restore_serialized_data
