"""The profile on a commons record reads well: whole chart labels, the level scale explained once,
one disclaimer (no stack of banners)."""

import re

import pytest
from django.utils.html import escape

from commons.services import grid_new_version, grid_publish

pytestmark = pytest.mark.django_db


def profile_section(html: str) -> str:
    match = re.search(r'<section id="profil".*?</section>', html, re.DOTALL)
    assert match, "the record has no profile section"
    return match.group(0)


def test_record_chart_shows_whole_labels_as_text_that_wraps(client, published, resident, assess):
    assess(published, resident, {"sharing": "wished", "governance": "achieved"})
    section = profile_section(client.get(published.get_absolute_url()).content.decode())
    chart = re.search(r'<div class="profile-chart".*?<table', section, re.DOTALL)
    assert chart, "no chart in the profile"
    # Labels are HTML text (they wrap), not SVG <text> cut off at a fixed width.
    assert '<span class="profile-chart__label">Partage</span>' in chart.group(0)
    assert '<span class="profile-chart__level">Souhaité, pas commencé</span>' in chart.group(0)
    assert '<span class="profile-chart__level">Réalisé</span>' in chart.group(0)
    assert "<text" not in section


def test_record_explains_the_level_scale_once_not_on_every_row(
    client, grid, published, resident, assess
):
    assess(published, resident, {"sharing": "started", "governance": "achieved"})
    section = profile_section(client.get(published.get_absolute_url()).content.decode())
    scale = re.search(r'<ol class="commons-profile__scale".*?</ol>', section, re.DOTALL)
    assert scale, "no explanation of the levels"
    for level in grid.levels.all():
        assert scale.group(0).count(level.label) == 1
    assert section.count('class="commons-profile__scale"') == 1
    # The rows give the level reached, without repeating the scale ("(2/4)") on each.
    table = re.search(r"<table.*?</table>", section, re.DOTALL).group(0)
    assert "Commencé" in table and "Réalisé" in table
    assert "/4)" not in table


def test_record_has_one_disclaimer_and_no_stacked_banners_in_its_profile(
    client, grid, published, resident, facilitator, assess
):
    assess(published, resident, {"sharing": "started"})
    grid_publish(grid=grid_new_version(grid=grid, user=facilitator), user=facilitator)
    html = client.get(published.get_absolute_url()).content.decode()
    section = profile_section(html)
    assert html.count("pas une certification") == 1
    assert "pas une certification" in section
    # The newer grid is said in the profile's own grid line, not in one more banner.
    assert "version 2" in section
    assert 'class="banner' not in section
    assert html.count('class="banner') == 0


def test_assessment_page_says_once_that_the_grid_is_not_a_certification(
    client, grid, published, resident
):
    assert "pas une certification" in grid.intro
    client.force_login(resident)
    html = client.get(f"/communs/{published.slug}/evaluation/").content.decode()
    assert html.count("pas une certification") == 1
    assert escape(grid.intro) in html
