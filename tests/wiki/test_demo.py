"""The demo territory (manage.py wiki_demo): rich enough to show the wiki, safe to run twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from wagtail.images import get_image_model
from wagtail.models import Revision

from community.models import User
from wiki.demo.content import read_demo
from wiki.demo.scenario import versions
from wiki.markdown import extract_link_targets
from wiki.models import ArticlePage, RevisionMeta, RevisionStatus, WikiLink
from wiki.titles import slug_for


def _counts() -> dict[str, int]:
    return {
        "articles": ArticlePage.objects.count(),
        "revisions": Revision.objects.count(),
        "metas": RevisionMeta.objects.count(),
        "users": User.objects.count(),
        "images": get_image_model().objects.count(),
        "links": WikiLink.objects.count(),
    }


def _load_demo() -> str:
    output = StringIO()
    call_command("wiki_demo", stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded twice, once for the module (it takes seconds), rolled back afterwards.

    Gives the counts after each run and the second run's output.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        first_output = _load_demo()
        first = _counts()
        second_output = _load_demo()
        yield {
            "first": first,
            "second": _counts(),
            "output": second_output,
            "first_output": first_output,
        }
        transaction.set_rollback(True)


def test_demo_content_is_consistent_before_loading():
    """Every edit applies, bodies have a real length, and each article links to two others."""
    content = read_demo()
    slugs = {slug_for(article.title) for article in content.articles}
    assert len(slugs) == len(content.articles) >= 32
    image_keys = {image.key for image in content.images}
    red_targets = set()
    for article in content.articles:
        article_versions = versions(article)
        assert all(version.image_keys() <= image_keys for version in article_versions)
        final = article_versions[-1]
        assert 150 <= len(final.body.split()) <= 500, article.title
        assert final.tags, article.title
        targets = {slug_for(title) for title in extract_link_targets(final.body)}
        assert len(targets & slugs - {slug_for(article.title)}) >= 2, article.title
        red_targets |= targets - slugs
    assert len(red_targets) >= 5


@pytest.mark.django_db
def test_second_run_creates_nothing(demo):
    assert demo["second"] == demo["first"]
    assert "rien de nouveau" in demo["output"]


@pytest.mark.django_db
def test_first_run_summary_figures_agree_with_each_other_and_the_site(demo):
    """make run's summary: what was created, the totals and the accounts listed all agree."""
    import re

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


@pytest.mark.django_db
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


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_history_is_spread_over_the_last_weeks_in_order(demo):
    dates = list(RevisionMeta.objects.values_list("created_at", flat=True))
    assert (max(dates) - min(dates)).days >= 30
    for page in ArticlePage.objects.all()[:10]:
        metas = list(page.revision_metas.order_by("revision_id"))
        assert metas[0].is_creation
        assert [meta.created_at for meta in metas] == sorted(meta.created_at for meta in metas)
        assert all(meta.created_at == meta.revision.created_at for meta in metas)


@pytest.mark.django_db
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


@pytest.mark.django_db
def test_demo_shows_the_facilitators_day(demo, client):
    from community.models import Report, User
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
