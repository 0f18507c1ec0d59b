"""Commands show one progress bar set-up (community.progress): redrawn on its own line through
the command's stdout, not one line per redraw; --no-progress hides it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _export(tmp_path, *options: str) -> str:
    out = StringIO()
    call_command("mediawiki_export", str(tmp_path / "export.xml"), *options, stdout=out)
    return out.getvalue()


def test_a_command_progress_bar_redraws_on_one_line(tmp_path, create_article):
    create_article(title="Le lavoir")
    create_article(title="Le port", body="Le port de Kerlann.")
    output = _export(tmp_path)
    bar_lines = [line for line in output.split("\n") if "Export" in line and "page" in line]
    assert len(bar_lines) == 1, output
    assert bar_lines[0].count("\r") >= 2 and "2/2" in bar_lines[0]


def test_no_progress_hides_the_bar(tmp_path, create_article):
    create_article(title="Le lavoir")
    output = _export(tmp_path, "--no-progress")
    assert "Export :" in output and "1/1" not in output
