"""site_restore refuses bad input and non-empty databases before writing anything."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from .conftest import archive_files, write_tar


@pytest.fixture
def archive_of_seeds(db, tmp_path) -> Path:
    """An archive of a database holding only what migrations create."""
    path = tmp_path / "seeds.tar.gz"
    call_command("site_dump", str(path), "--no-progress", stdout=StringIO())
    return path


def _restore_error(path: Path) -> str:
    pages = Page.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("site_restore", str(path), "--no-progress", stdout=StringIO())
    assert Page.objects.count() == pages > 1, "nothing may be written before the refusal"
    return str(error.value)


def test_restore_refuses_a_database_that_already_holds_a_site(archive_of_seeds, resident):
    from community.models import User

    message = _restore_error(archive_of_seeds)
    assert "n'est pas vide" in message and "community.user : 1" in message
    assert list(User.objects.values_list("username", flat=True)) == ["maela"]


def test_restore_refuses_a_changed_file_before_writing_anything(archive_of_seeds, tmp_path):
    files = archive_files(archive_of_seeds)
    files["data/wagtailcore.page.jsonl"] = files["data/wagtailcore.page.jsonl"].replace(
        b'"title":"Root"', b'"title":"Toor"', 1
    )
    corrupted = tmp_path / "corrupted.tar.gz"
    write_tar(corrupted, files)
    assert "SHA-256" in _restore_error(corrupted)


def test_restore_refuses_a_truncated_archive(archive_of_seeds, tmp_path):
    data = archive_of_seeds.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    assert "tronquée" in _restore_error(truncated)


def test_restore_refuses_missing_extra_and_unknown_files(archive_of_seeds, tmp_path):
    files = archive_files(archive_of_seeds)
    missing = dict(files)
    del missing["data/wagtailcore.site.jsonl"]
    write_tar(tmp_path / "missing.tar.gz", missing)
    assert "manquants" in _restore_error(tmp_path / "missing.tar.gz")

    extra = {**files, "data/intrus.jsonl": b"{}\n"}
    write_tar(tmp_path / "extra.tar.gz", extra)
    assert "inattendus" in _restore_error(tmp_path / "extra.tar.gz")

    escaping = {**files, "../../evil.txt": b"x"}
    write_tar(tmp_path / "escaping.tar.gz", escaping)
    assert "refusé" in _restore_error(tmp_path / "escaping.tar.gz")

    manifest = json.loads(files["manifest.json"])
    manifest["migrations"]["wiki"].append("9999_from_the_future")
    write_tar(tmp_path / "newer.tar.gz", {**files, "manifest.json": json.dumps(manifest).encode()})
    assert "plus récente" in _restore_error(tmp_path / "newer.tar.gz")

    (tmp_path / "notes.txt").write_text("pas une archive")
    assert "Extension inconnue" in _restore_error(tmp_path / "notes.txt")


def test_check_option_verifies_an_archive_without_writing(archive_of_seeds):
    output = StringIO()
    pages = Page.objects.count()
    call_command("site_restore", str(archive_of_seeds), "--check", stdout=output)
    assert "Archive intacte" in output.getvalue()
    assert Page.objects.count() == pages
