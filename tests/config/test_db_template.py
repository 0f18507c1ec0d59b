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
