"""Community health: circles computed from a known history, creations per month, most edited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from community.models import User
from portals.health import circles_from_counts, community_health, last_months
from tests.conftest import make_user
from wiki.models import ArticlePage, RevisionMeta
from wiki.services import ArticleFields, article_create, article_save

pytestmark = pytest.mark.django_db


def test_circles_thresholds(settings):
    settings.KER_HEALTH_CORE_MIN_EDITS = 10
    settings.KER_HEALTH_ACTIVE_MIN_EDITS = 3
    circles = circles_from_counts({"a": 12, "b": 10, "c": 9, "d": 3, "e": 2, "f": 1, "g": 0})
    assert [name for name, _ in circles.core] == ["a", "b"]
    assert [name for name, _ in circles.active] == ["c", "d"]
    assert [name for name, _ in circles.occasional] == ["e", "f"]
    assert circles.total == 6


def test_months_cover_the_last_year():
    from datetime import datetime

    paris = timezone.get_current_timezone()
    now = datetime(2026, 11, 29, 12, 0, tzinfo=paris)
    months = last_months(now - timedelta(days=365), now=now)
    assert months[0] == "2025-11" and months[-1] == "2026-11" and len(months) == 13
    assert "2026-01" in months and months == sorted(months)
    # Across a new year, each month once, in order.
    since = datetime(2025, 12, 31, 23, 30, tzinfo=paris)
    assert last_months(since, now=datetime(2026, 2, 1, 0, 30, tzinfo=paris)) == [
        "2025-12",
        "2026-01",
        "2026-02",
    ]


def _history(settings):
    """A known history: core writes 6 edits, active 3, occasional 1; one old edit is ignored."""
    settings.KER_HEALTH_CORE_MIN_EDITS = 5
    settings.KER_HEALTH_ACTIVE_MIN_EDITS = 2
    core = make_user("coeur", is_confirmed=True)
    active = make_user("actif", is_confirmed=True)
    occasional = make_user("passant", is_confirmed=True)
    old = make_user("ancien", is_confirmed=True)
    page = article_create(
        fields=ArticleFields(title="Le port", body="0", tags=("port",)), user=core
    ).page
    for number in range(5):
        page = article_save(
            page=ArticlePage.objects.get(pk=page.pk),
            fields=ArticleFields(title="Le port", body=f"c{number}", tags=("port",)),
            user=core,
            base_revision_id=None,
        ).page
    for number in range(3):
        article_save(
            page=ArticlePage.objects.get(pk=page.pk),
            fields=ArticleFields(title="Le port", body=f"a{number}", tags=("port",)),
            user=active,
            base_revision_id=None,
        )
    other = article_create(
        fields=ArticleFields(title="Le lavoir", body="x", tags=("patrimoine",)), user=occasional
    ).page
    stale = article_save(
        page=ArticlePage.objects.get(pk=other.pk),
        fields=ArticleFields(title="Le lavoir", body="vieux", tags=("patrimoine",)),
        user=old,
        base_revision_id=None,
    )
    RevisionMeta.objects.filter(revision=stale.revision).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    return page, other


def test_circles_computed_from_revision_history(settings):
    _history(settings)
    health = community_health(since=timezone.now() - timedelta(days=365))
    assert health.circles.core == [("coeur", 6)]
    assert health.circles.active == [("actif", 3)]
    assert health.circles.occasional == [("passant", 1)]
    assert health.most_edited[0][0].title == "Le port" and health.most_edited[0][1] == 9
    this_month = timezone.localtime().strftime("%Y-%m")
    assert {month.month: month.articles for month in health.months}[this_month] == 2


def test_health_pages_for_territory_and_portal(settings, client, make_portal):
    _history(settings)
    portal = make_portal(tags=("port",))
    html = client.get("/sante/").content.decode()
    assert "coeur (6)" in html and "passant (1)" in html and "<svg" in html and "<caption>" in html
    html = client.get(f"/portails/{portal.slug}/sante/").content.decode()
    assert "coeur (6)" in html and "actif (3)" in html and "passant" not in html


def test_months_read_with_their_year_in_table_and_chart(settings, client):
    _history(settings)
    this_month = timezone.localtime().date().replace(day=1)
    from django.utils.formats import date_format

    html = client.get("/sante/").content.decode()

    label = date_format(this_month, "N Y")  # e.g. "nov. 2026"
    assert f'<th scope="row">{label}</th>' in html
    assert f'<th scope="row">{this_month:%Y-%m}</th>' not in html
    chart = html.split('<svg class="health-chart"')[1].split("</svg>")[0]
    assert f">{this_month.year}</text>" in chart  # the year under the first month and January
    assert f"<title>{label} : 2</title>" in chart
    assert 'class="chart-scroll"' in html  # scrolls in its own box on a phone


def test_blocked_accounts_are_not_listed_among_contributors(settings, client, facilitator):
    from community.services import user_block, user_unblock

    _history(settings)
    vandal = User.objects.get(username="actif")
    assert "actif (3)" in client.get("/sante/").content.decode()

    user_block(user=facilitator, target=vandal, reason="Spam", duration_days=None)

    html = client.get("/sante/").content.decode()
    assert "actif (" not in html and "coeur (6)" in html
    user_unblock(user=facilitator, target=vandal, reason="Levé")
    assert "actif (3)" in client.get("/sante/").content.decode()
