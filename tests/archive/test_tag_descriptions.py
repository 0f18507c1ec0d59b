"""site_dump carries the tag descriptions: their rows and history (JSON Lines with a schema)
and a readable Markdown copy; the round trip (test_round_trip.py) restores them."""

from __future__ import annotations

import json
from io import StringIO

import jsonschema
import pytest
from django.core.management import call_command
from taggit.models import Tag

from community.tag_descriptions import (
    ImportedDescription,
    tag_description_import,
    tag_description_save,
)

from .conftest import archive_files, front_matter, rows

pytestmark = pytest.mark.django_db


def test_dump_holds_tag_descriptions_with_their_history_and_a_readable_copy(facilitator, tmp_path):
    tag = Tag.objects.create(name="Patrimoine")
    tag_description_save(user=facilitator, tag=tag, body="Les vieilles pierres.")
    tag_description_save(user=facilitator, tag=tag, body="Les vieilles pierres du **bourg**.")
    tag_description_import(
        imported=ImportedDescription(
            tag_name="Fête d'été",
            markdown="Les fêtes du bourg.",
            source_wiki="kerlannwiki",
            source_revision_id=42,
            author_name="Gwen",
        )
    )
    path = tmp_path / "site.tar.gz"
    call_command("site_dump", str(path), "--no-progress", stdout=StringIO())
    files = archive_files(path)

    table = rows(files, "community.tagdescription")
    assert sorted(row["fields"]["body"] for row in table) == [
        "Les fêtes du bourg.\n",
        "Les vieilles pierres du **bourg**.\n",
    ]
    checker = jsonschema.Draft202012Validator
    schema = json.loads(files["schemas/community.tagdescription.schema.json"])
    for row in table:
        checker(schema, format_checker=checker.FORMAT_CHECKER).validate(row)
    versions = [
        row
        for row in rows(files, "reversion.version")
        if row["fields"]["object_repr"] == "Patrimoine"
    ]
    assert len(versions) == 2

    header_schema = json.loads(files["schemas/tag-description.front-matter.schema.json"])
    header, body = front_matter(files["etiquettes/patrimoine.md"].decode())
    checker(header_schema, format_checker=checker.FORMAT_CHECKER).validate(header)
    assert header["name"] == "Patrimoine" and header["url"] == "/etiquettes/patrimoine/"
    assert header["updated_by"] == "animatrice" and header["versions"] == 2
    assert body.strip() == "Les vieilles pierres du **bourg**."
    imported = [name for name in files if name.startswith("etiquettes/f")]
    header, _body = front_matter(files[imported[0]].decode())
    assert header["origin"] == "imported" and header["source_revision_id"] == 42
    assert "etiquettes/patrimoine.md" in json.loads(files["manifest.json"])["files"]
