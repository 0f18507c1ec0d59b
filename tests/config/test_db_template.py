"""The test database copied from the migrated template (tests/db_template.py) is the one that
migrating would give: every migration applied, the data migrations' rows there."""

from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import db_template


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied_and_the_migrated_pages():
    from wagtail.models import Collection, Page, Site

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    assert executor.migration_plan(targets) == []
    assert Site.objects.filter(is_default_site=True).exists()
    assert Collection.get_first_root_node() is not None
    assert Page.objects.filter(slug="wiki").exists()


@pytest.mark.django_db
def test_the_template_key_changes_with_a_migration_file_or_a_setting_migrations_read(
    monkeypatch,
):
    key = db_template.migrations_key(connection.creation)
    assert key == db_template.migrations_key(connection.creation)

    read_bytes = Path.read_bytes

    def edited(path):
        content = read_bytes(path)
        return content + b"\n# edited" if path.name == "0001_index_task.py" else content

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert db_template.migrations_key(connection.creation) != key
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(db_template.settings, "LANGUAGE_CODE", "br")
    assert db_template.migrations_key(connection.creation) != key


@pytest.mark.django_db
def test_the_batched_restore_writes_what_djangos_own_restore_writes():
    """A ``serialized_rollback`` test starts from the migrated data, reloaded table by table
    (db_template.restore_serialized_data) instead of one object at a time: the same rows."""
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    creation = connection.creation
    migrated = creation.serialize_db_to_string()
    assert '"model": "auth.permission"' in migrated and '"model": "wagtailcore.page"' in migrated

    def emptied():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        assert not Page.objects.exists()

    # Over the rows still there, Django's own restore runs (and the objects are decoded).
    db_template.restore_serialized_data(creation, migrated)
    assert creation.serialize_db_to_string() == migrated
    emptied()
    with CaptureQueriesContext(connection) as queries:
        db_template.restore_serialized_data(creation, migrated)
    batched = creation.serialize_db_to_string()
    assert Group.objects.filter(permissions__isnull=False).exists()
    emptied()
    db_template._original_deserialize(creation, migrated)
    assert batched == creation.serialize_db_to_string() == migrated
    # About 480 objects: Django's restore takes two queries for each.
    assert len(queries) < 150
