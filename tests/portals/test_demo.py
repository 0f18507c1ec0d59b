"""The whole demo territory (manage.py portals_demo): articles, commons and at least four
portals, loaded twice.

The wiki demo's own tests live here too: ``portals_demo`` runs ``wiki_demo`` itself, so one
module fixture loads the whole demo twice (the slowest fixture of the suite) for both, instead
of the wiki demo twice in a module of its own and the whole demo twice here. The wiki demo's
content files are checked without a database in tests/wiki/test_demo.py.
"""

import re
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from wagtail.images import get_image_model
from wagtail.models import Revision

from commons.models import Commons
from community.models import User
from portals.models import HomePage, PortalPage
from search import backend
from wiki.demo.content import read_demo
from wiki.management.commands import wiki_demo
from wiki.models import ArticlePage, RevisionMeta, RevisionStatus, WikiLink
from wiki.titles import slug_for

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "articles": ArticlePage.objects.count(),
        "revisions": Revision.objects.count(),
        "metas": RevisionMeta.objects.count(),
        "users": User.objects.count(),
        "images": get_image_model().objects.count(),
        "links": WikiLink.objects.count(),
    }


def _whole_counts() -> dict[str, int]:
    return {**_counts(), "commons": Commons.objects.count(), "portals": PortalPage.objects.count()}


def _load_whole_demo() -> str:
    output = StringIO()
    call_command("portals_demo", stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo loaded twice, once for the module (it takes seconds), rolled back afterwards.

    Gives the whole demo's counts and output after each run, the search index it built (in a
    directory of its own: the suite gives each test an empty one), and for each of the two runs
    of ``wiki_demo`` inside it (seen through its ``handle``, left to do its work): the wiki's
    counts just before and after it, and its output. The first run is on an empty wiki.
    """
    search_index = str(tmp_path_factory.mktemp("demo-search-index"))
    wiki_runs = []
    handle = wiki_demo.Command.handle

    def observed_handle(command, *args, **options):
        before = _counts()
        handle(command, *args, **options)
        wiki_runs.append(
            {"before": before, "after": _counts(), "output": options["stdout"].getvalue()}
        )

    with django_db_blocker.unblock(), transaction.atomic():
        with (
            mock.patch.object(wiki_demo.Command, "handle", observed_handle),
            override_settings(KER_SEARCH_INDEX_DIR=search_index),
        ):
            backend.forget_indexes()
            whole_output = _load_whole_demo()
            whole_first = _whole_counts()
            _load_whole_demo()
            backend.forget_indexes()
        assert len(wiki_runs) == 2, "portals_demo no longer runs wiki_demo: update this fixture"
        first, second = wiki_runs
        yield {
            "first": first["after"],
            "first_output": first["output"],
            "before_second": second["before"],
            "second": second["after"],
            "output": second["output"],
            "whole_first": whole_first,
            "whole_second": _whole_counts(),
            "whole_output": whole_output,
            "search_index": search_index,
        }
        transaction.set_rollback(True)


def test_whole_demo_loads_twice_with_portals(demo, client, settings):
    # Search in the index the demo built (portals_demo rebuilds it), not this test's empty one.
    settings.KER_SEARCH_INDEX_DIR = demo["search_index"]
    backend.forget_indexes()
    # The second run of the whole demo (wiki, commons, portals) creates nothing either.
    assert demo["whole_second"] == demo["whole_first"]
    assert PortalPage.objects.live().count() >= 4
    assert "kerlann-demo" in demo["whole_output"] and "anaig" in demo["whole_output"]
    portal = PortalPage.objects.get(slug="mer-et-port")
    html = client.get(portal.url).content.decode()
    assert "Port de Kerlann" in html
    assert (
        "/wiki/port-de-kerlann/"
        in client.get("/recherche/", {"q": "port kerlann"}).content.decode()
    )
    home = client.get("/").content.decode()
    assert "Communs et solidarités" in home
    # Featured articles are pieces of the territory's memory, not the editorial charter.
    featured = [pick.article.slug for pick in HomePage.objects.get().featured_articles.all()]
    assert len(featured) == 3
    assert "charte-editoriale" not in featured


# The wiki demo (manage.py wiki_demo, run by portals_demo): rich enough to show the wiki, safe to
# run twice.


def test_second_run_creates_nothing(demo):
    assert demo["second"] == demo["before_second"]
    assert "rien de nouveau" in demo["output"]


def test_first_run_summary_figures_agree_with_each_other_and_the_site(demo):
    """make run's summary: what was created, the totals and the accounts listed all agree."""
    output = demo["first_output"]
    created = re.search(
        r"chargé en [\d.]+ s : (\d+) articles, (\d+) révisions, (\d+) images et (\d+) comptes",
        output,
    )
    total = re.search(
        r"Au total : (\d+) articles \((\d+) publiés, (\d+) en attente de relecture\), "
        r"(\d+) révisions, (\d+) images, (\d+) comptes",
        output,
    )
    assert created and total, output
    articles, revisions, images, accounts = map(int, created.groups())
    all_articles, published, waiting, all_revisions, all_images, all_accounts = map(
        int, total.groups()
    )
    # An empty wiki before the first run: created == total, and both match the site.
    assert (articles, revisions, images, accounts) == (
        all_articles,
        all_revisions,
        all_images,
        all_accounts,
    )
    assert all_articles == demo["first"]["articles"] == published + waiting
    assert published == ArticlePage.objects.live().count() and waiting >= 1
    assert all_revisions == demo["first"]["metas"]
    assert all_accounts == demo["first"]["users"]
    listed = re.findall(r"^  (?:\(et )?([\w-]+)", output.split("Comptes de démonstration")[1], re.M)
    assert len(listed) == accounts, listed


def test_demo_has_many_live_articles_with_real_histories(demo):
    live = ArticlePage.objects.live()
    assert live.count() >= 30
    metas = RevisionMeta.objects.filter(page__in=live)
    assert metas.count() / live.count() >= 2
    # Only the demo's new contributor has edits waiting for review.
    waiting = metas.exclude(status=RevisionStatus.APPROVED)
    assert set(waiting.values_list("author_name", flat=True)) <= {"erwan"}
    assert metas.filter(minor=True).exists()
    assert metas.filter(is_creation=False).exclude(edit_summary="").count() >= 30
    per_article = live.annotate(revisions=Count("revision_metas"))
    assert per_article.filter(revisions__gte=2).count() >= 25


def test_residents_contribute_and_can_log_in(demo, client):
    contributors = (
        RevisionMeta.objects.filter(
            user__username__in=[person.username for person in read_demo().residents]
        )
        .values("user")
        .distinct()
        .count()
    )
    assert contributors >= 4
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert client.login(username="maela", password="kerlann-demo")
    assert "maela" in demo["output"] and "kerlann-demo" in demo["output"]


def test_history_is_spread_over_the_last_weeks_in_order(demo):
    dates = list(RevisionMeta.objects.values_list("created_at", flat=True))
    assert (max(dates) - min(dates)).days >= 30
    for page in ArticlePage.objects.all()[:10]:
        metas = list(page.revision_metas.order_by("revision_id"))
        assert metas[0].is_creation
        assert [meta.created_at for meta in metas] == sorted(meta.created_at for meta in metas)
        assert all(meta.created_at == meta.revision.created_at for meta in metas)


def test_articles_have_red_links_places_and_images(demo, client):
    article = ArticlePage.objects.get(slug=slug_for("Port de Kerlann"))
    response = client.get(article.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="wikilink new"' in html
    assert 'class="article-image"' in html
    assert ArticlePage.objects.filter(latitude__isnull=False, longitude__isnull=False).count() >= 8
    assert ArticlePage.objects.filter(cover_image__isnull=False).count() >= 4
    images = get_image_model().objects.all()
    assert images.count() >= 4
    assert all(image.author and image.licence for image in images)
    assert ArticlePage.objects.filter(body__contains="[[Image:").count() >= 4


def test_demo_shows_the_facilitators_day(demo, client):
    from community.models import Report
    from community.policy import is_facilitator

    facilitator = User.objects.get(username="anaig")
    assert is_facilitator(facilitator)
    assert (
        RevisionMeta.objects.filter(author_name="erwan", status=RevisionStatus.PENDING).count() >= 3
    )
    assert RevisionMeta.objects.filter(patrolled=False).count() >= 20
    assert Report.objects.filter(handled_at__isnull=True).exists()
    assert ArticlePage.objects.live().filter(slug="charte-editoriale").exists()
    client.force_login(facilitator)
    html = client.get("/relecture/").content.decode()
    assert "erwan" in html and "Signalement" in html
