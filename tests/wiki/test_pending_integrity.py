"""Pending text never goes live through someone else's save, and review decisions publish
exactly what was reviewed (issue 9, section 1)."""

import re

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.wiki_forms import edit_form_data
from wiki.models import ArticlePage, RevisionMeta, RevisionStatus
from wiki.services import ArticleFields, article_create, article_save, revision_hide

pytestmark = pytest.mark.django_db

LIVE_BODY = "Première ligne.\nDeuxième ligne.\nTroisième ligne.\n"
VANDAL = "VANDAL achetez des montres"


def form_initial(client, page) -> dict:
    """What the edit form offers: its hidden base revision and its textarea."""
    html = client.get(reverse("wiki:edit", args=[page.slug])).content.decode()
    base = re.search(r'name="base_revision_id" value="(\d+)"', html)
    body = re.search(r"<textarea[^>]*name=\"body\"[^>]*>(.*?)</textarea>", html, re.S)
    return {"html": html, "base": int(base.group(1)), "body": body.group(1)}


@pytest.fixture
def article(create_article):
    return create_article(title="Le port", body=LIVE_BODY)


@pytest.fixture
def vandalised(client, article, newcomer):
    """A newcomer appended spam: it waits for review."""
    client.force_login(newcomer)
    response = client.post(
        reverse("wiki:edit", args=[article.slug]),
        edit_form_data(
            article,
            body=LIVE_BODY + VANDAL + "\n",
            summary="Résumé secret du vandale",
            tags="tagsecret",
            edit_summary="pub",
        ),
    )
    assert response.status_code == 302
    client.logout()
    assert RevisionMeta.objects.filter(page=article, status=RevisionStatus.PENDING).count() == 1
    return ArticlePage.objects.get(pk=article.pk)


def visitor_html(client, page) -> str:
    client.logout()
    return client.get(f"/wiki/{page.slug}/").content.decode()


# --- 1. Confirmed and facilitator edits start from the live revision -----------------------


def test_confirmed_edit_form_starts_from_live_text_and_says_edits_wait(
    client, vandalised, other_resident
):
    client.force_login(other_resident)
    form = form_initial(client, vandalised)
    assert "Deuxième ligne." in form["body"]
    assert VANDAL not in form["html"] and "tagsecret" not in form["html"]
    assert "Résumé secret" not in form["html"]
    assert form["base"] == vandalised.live_revision_id
    assert "vous modifiez la version publiée" in form["html"]


def test_facilitator_edit_form_starts_from_live_text_with_a_link_to_review(
    client, vandalised, facilitator
):
    client.force_login(facilitator)
    form = form_initial(client, vandalised)
    assert VANDAL not in form["body"]
    assert form["base"] == vandalised.live_revision_id
    assert 'href="/relecture/?type=wiki"' in form["html"]


def test_confirmed_save_from_the_edit_form_never_publishes_pending_text(
    client, vandalised, other_resident
):
    client.force_login(other_resident)
    form = form_initial(client, vandalised)
    body = form["body"].replace("Première ligne.", "Première ligne, corrigée.")
    response = client.post(
        reverse("wiki:edit", args=[vandalised.slug]),
        edit_form_data(vandalised, body=body, base_revision_id=form["base"]),
    )
    assert response.status_code == 302
    html = visitor_html(client, vandalised)
    assert "Première ligne, corrigée." in html
    assert VANDAL not in html
    # The newcomer's edit is still waiting, untouched.
    assert RevisionMeta.objects.filter(page=vandalised, status=RevisionStatus.PENDING).count() == 1


def test_merge_after_a_pending_edit_never_pulls_in_pending_text(
    client, article, newcomer, other_resident
):
    # The resident opens the form first; meanwhile the newcomer's spam waits for review.
    client.force_login(other_resident)
    base = form_initial(client, article)["base"]
    article_save(
        page=article,
        fields=ArticleFields(title="Le port", body=LIVE_BODY + VANDAL + "\n"),
        user=newcomer,
        base_revision_id=article.live_revision_id,
    )
    response = client.post(
        reverse("wiki:edit", args=[article.slug]),
        edit_form_data(
            article,
            body=LIVE_BODY.replace("Première ligne.", "Première ligne, corrigée."),
            base_revision_id=base,
        ),
    )
    assert response.status_code == 302
    html = visitor_html(client, article)
    assert "Première ligne, corrigée." in html
    assert VANDAL not in html


def test_base_revision_pointing_at_someone_elses_pending_text_is_refused(
    client, vandalised, other_resident
):
    pending = RevisionMeta.objects.get(page=vandalised, status=RevisionStatus.PENDING)
    client.force_login(other_resident)
    response = client.post(
        reverse("wiki:edit", args=[vandalised.slug]),
        edit_form_data(
            vandalised,
            body=LIVE_BODY + VANDAL + "\nAjout.\n",
            base_revision_id=pending.revision_id,
        ),
    )
    assert response.status_code == 400
    assert VANDAL not in visitor_html(client, vandalised)


def test_newcomer_builds_on_their_own_pending_revision(client, vandalised, newcomer, facilitator):
    client.force_login(newcomer)
    form = form_initial(client, vandalised)
    assert VANDAL in form["body"]
    response = client.post(
        reverse("wiki:edit", args=[vandalised.slug]),
        edit_form_data(vandalised, body=form["body"] + "Suite.\n", base_revision_id=form["base"]),
    )
    assert response.status_code == 302
    assert RevisionMeta.objects.filter(page=vandalised, status=RevisionStatus.PENDING).count() == 2
    assert VANDAL not in visitor_html(client, vandalised)
    client.force_login(facilitator)
    client.post(
        "/relecture/decision/", {"source": "wiki", "item_id": vandalised.pk, "decision": "approve"}
    )
    html = visitor_html(client, vandalised)
    assert VANDAL in html and "Suite." in html


# --- 2. Review decisions --------------------------------------------------------------------


def decide(client, facilitator, page, decision):
    client.force_login(facilitator)
    response = client.post(
        "/relecture/decision/",
        {"source": "wiki", "item_id": page.pk, "decision": decision, "reason": "Relu."},
        follow=True,
    )
    client.logout()
    return response.content.decode()


def test_refusing_never_changes_the_live_text(client, vandalised, other_resident, facilitator):
    article_save(
        page=vandalised,
        fields=ArticleFields(title="Le port", body=LIVE_BODY.replace("Première", "1re")),
        user=other_resident,
        base_revision_id=vandalised.live_revision_id,
    )
    before = visitor_html(client, vandalised)
    assert "1re ligne." in before
    decide(client, facilitator, vandalised, "reject")
    after = visitor_html(client, vandalised)
    assert "1re ligne." in after and VANDAL not in after
    assert ArticlePage.objects.get(pk=vandalised.pk).body == LIVE_BODY.replace("Première", "1re")


def test_approving_an_older_pending_edit_keeps_a_later_approved_edit(
    client, article, newcomer, other_resident, facilitator
):
    article_save(
        page=article,
        fields=ArticleFields(title="Le port", body=LIVE_BODY.replace("Troisième", "3e")),
        user=newcomer,
        base_revision_id=article.live_revision_id,
    )
    article_save(
        page=article,
        fields=ArticleFields(title="Le port", body=LIVE_BODY.replace("Première", "1re")),
        user=other_resident,
        base_revision_id=article.live_revision_id,
    )
    decide(client, facilitator, article, "approve")
    page = ArticlePage.objects.get(pk=article.pk)
    assert page.body == "1re ligne.\nDeuxième ligne.\n3e ligne.\n"
    assert not RevisionMeta.objects.filter(page=page, status=RevisionStatus.PENDING).exists()
    html = visitor_html(client, page)
    assert "1re ligne." in html and "3e ligne." in html


def test_approving_a_conflicting_edit_publishes_nothing_and_offers_to_resolve(
    client, article, newcomer, other_resident, facilitator
):
    article_save(
        page=article,
        fields=ArticleFields(title="Le port", body=LIVE_BODY.replace("Première", "Prime")),
        user=newcomer,
        base_revision_id=article.live_revision_id,
    )
    pending = RevisionMeta.objects.get(page=article, status=RevisionStatus.PENDING)
    resident_body = LIVE_BODY.replace("Première", "1re")
    article_save(
        page=article,
        fields=ArticleFields(title="Le port", body=resident_body),
        user=other_resident,
        base_revision_id=article.live_revision_id,
    )
    client.force_login(facilitator)
    queue = client.get("/relecture/").content.decode()
    resolve_url = f"/wiki/le-port/modifier/?resoudre={pending.revision_id}"
    assert "conflit" in queue.lower() and resolve_url in queue
    html = decide(client, facilitator, article, "approve")
    assert "conflit" in html.lower()
    assert ArticlePage.objects.get(pk=article.pk).body == resident_body
    pending.refresh_from_db()
    assert pending.status == RevisionStatus.PENDING
    # The facilitator resolves the conflict by hand in the edit form.
    client.force_login(facilitator)
    html = client.get(resolve_url).content.decode()
    assert "&lt;&lt;&lt;&lt;&lt;&lt;&lt;" in html and "Prime ligne." in html
    base = int(re.search(r'name="base_revision_id" value="(\d+)"', html).group(1))
    page = ArticlePage.objects.get(pk=article.pk)
    assert base == page.live_revision_id
    markers = "<<<<<<< version publiée\n1re ligne.\n=======\nPrime ligne.\n>>>>>>> x\n"
    refused = client.post(
        resolve_url,
        edit_form_data(page, body=markers + "Deuxième ligne.\n", base_revision_id=base),
    )
    assert refused.status_code == 400
    response = client.post(
        resolve_url,
        edit_form_data(
            page,
            body="1re (prime) ligne.\nDeuxième ligne.\nTroisième ligne.\n",
            base_revision_id=base,
        ),
    )
    assert response.status_code == 302
    assert "1re (prime) ligne." in visitor_html(client, page)
    pending.refresh_from_db()
    assert pending.status == RevisionStatus.APPROVED and pending.reviewed_by == facilitator


def test_approving_a_pending_new_article_publishes_it(client, newcomer, facilitator):
    result = article_create(
        fields=ArticleFields(title="Le moulin", body="Un moulin à marée."), user=newcomer
    )
    decide(client, facilitator, result.page, "approve")
    assert "Un moulin à marée." in client.get("/wiki/le-moulin/").content.decode()


# --- 3. Only the author and facilitators see a pending revision ------------------------------


def test_other_newcomer_edit_form_shows_live_text_not_pending_body_summary_or_tags(
    client, vandalised
):
    client.force_login(make_user("autre-nouveau"))
    form = form_initial(client, vandalised)
    assert "Deuxième ligne." in form["body"]
    for secret in (VANDAL, "Résumé secret", "tagsecret"):
        assert secret not in form["html"]


@pytest.fixture
def pending_new_article(newcomer):
    return article_create(
        fields=ArticleFields(title="Le moulin secret", body="Texte SECRET du moulin."),
        user=newcomer,
        edit_summary="création secrète",
    ).page


@pytest.mark.parametrize("who", ["other_newcomer", "resident"])
def test_never_published_pending_article_is_not_shown_to_others_in_edit_or_create(
    client, pending_new_article, who, resident
):
    client.force_login(resident if who == "resident" else make_user("autre-nouveau"))
    for url in ["/wiki/le-moulin-secret/modifier/", "/wiki/creer/?titre=Le+moulin+secret"]:
        response = client.get(url, follow=True)
        html = response.content.decode()
        assert "SECRET" not in html, url
        assert "attend la relecture" in html, url
    response = client.post(
        "/wiki/le-moulin-secret/modifier/",
        {"title": "Le moulin secret", "body": "Écrasé.", "action": "enregistrer"},
    )
    assert response.status_code == 403
    assert RevisionMeta.objects.filter(page=pending_new_article).count() == 1


def test_author_and_facilitator_still_edit_a_never_published_pending_article(
    client, pending_new_article, newcomer, facilitator
):
    for person in (newcomer, facilitator):
        client.force_login(person)
        assert "Texte SECRET du moulin." in form_initial(client, pending_new_article)["body"]


def test_visitors_do_not_see_a_pending_new_articles_title_on_history_and_links(
    client, pending_new_article, newcomer
):
    for suffix in ["historique/", "liens/"]:
        url = f"/wiki/le-moulin-secret/{suffix}"
        client.force_login(newcomer)
        assert "Le moulin secret" in client.get(url).content.decode(), url
        client.logout()
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Le moulin secret" not in response.content.decode(), url


# --- 4. Hidden and refused revisions do not come back ----------------------------------------


@pytest.fixture
def hidden_revision(article, resident, other_resident, facilitator):
    """An approved edit with an insult, undone, then hidden by a facilitator."""
    spam = article_save(
        page=article,
        fields=ArticleFields(title="Le port", body=LIVE_BODY + "INSULTE cachée\n"),
        user=other_resident,
        base_revision_id=article.live_revision_id,
        edit_summary="RESUME-INSULTANT",
    ).revision
    page = ArticlePage.objects.get(pk=article.pk)
    article_save(
        page=page,
        fields=ArticleFields(title="Le port", body=LIVE_BODY),
        user=resident,
        base_revision_id=page.live_revision_id,
        edit_summary="retour",
    )
    return spam


@pytest.fixture
def refused_revision(vandalised, facilitator, client):
    decide(client, facilitator, vandalised, "reject")
    return RevisionMeta.objects.get(page=vandalised, status=RevisionStatus.REJECTED).revision


@pytest.mark.parametrize("state", ["hidden", "refused"])
@pytest.mark.parametrize("who", ["newcomer", "other_resident"])
def test_hidden_or_refused_revision_cannot_be_restored_by_residents(
    client, request, state, who, facilitator
):
    if state == "hidden":
        revision = request.getfixturevalue("hidden_revision")
        revision_hide(revision_id=revision.pk, user=facilitator, reason="injure")
        secret = "INSULTE"
    else:
        revision = request.getfixturevalue("refused_revision")
        secret = VANDAL
    count = RevisionMeta.objects.count()
    client.force_login(request.getfixturevalue(who))
    response = client.post(f"/wiki/le-port/historique/{revision.pk}/restaurer/")
    assert response.status_code == 403
    assert secret not in response.content.decode()
    assert RevisionMeta.objects.count() == count
    for person in (request.getfixturevalue(who), make_user("passant")):
        client.force_login(person)
        assert secret not in form_initial(client, ArticlePage.objects.get(slug="le-port"))["html"]
    assert secret not in visitor_html(client, ArticlePage.objects.get(slug="le-port"))


def test_facilitator_restores_a_hidden_revision_only_explicitly(
    client, hidden_revision, facilitator
):
    revision_hide(revision_id=hidden_revision.pk, user=facilitator, reason="injure")
    page = ArticlePage.objects.get(slug="le-port")
    client.force_login(facilitator)
    url = f"/wiki/le-port/historique/{hidden_revision.pk}/restaurer/"
    response = client.post(url, follow=True)
    assert "explicitement" in response.content.decode()
    assert "INSULTE" not in visitor_html(client, page)
    client.force_login(facilitator)
    client.post(url, {"confirmer": "1"})
    assert "INSULTE" in visitor_html(client, page)


def test_hidden_edit_summary_leaves_the_feeds_and_the_contributor_page(
    client, hidden_revision, facilitator, other_resident
):
    from wiki.services import watch_set

    watch_set(page=hidden_revision.wiki_meta.page, user=other_resident, watching=True)
    other_resident.feed_token = "jeton-du-suivi"
    other_resident.save()
    urls = [
        "/modifications-recentes/flux/",
        "/suivi/flux/jeton-du-suivi/",
        "/contributeurs/yannick/",
    ]
    for url in urls:
        assert "RESUME-INSULTANT" in client.get(url).content.decode(), url
    revision_hide(revision_id=hidden_revision.pk, user=facilitator, reason="injure")
    for url in urls:
        assert "RESUME-INSULTANT" not in client.get(url).content.decode(), url
    client.force_login(other_resident)
    assert "RESUME-INSULTANT" not in client.get("/suivi/").content.decode()


# --- Other entry points that publish: rollback and clean-up ----------------------------------


@pytest.fixture
def spammed_after_pending(vandalised, other_resident):
    """After the newcomer's pending spam, a confirmed account publishes spam of its own."""
    article_save(
        page=vandalised,
        fields=ArticleFields(title="Le port", body=LIVE_BODY + "Spam confirmé.\n"),
        user=other_resident,
        base_revision_id=vandalised.live_revision_id,
    )
    page = ArticlePage.objects.get(pk=vandalised.pk)
    assert "Spam confirmé." in visitor_html(client_for_checks(), page)
    return page


def client_for_checks():
    from django.test import Client

    return Client()


def test_rollback_goes_back_to_approved_text_never_to_someone_elses_pending_text(
    client, spammed_after_pending, facilitator
):
    client.force_login(facilitator)
    client.post(f"/wiki/{spammed_after_pending.slug}/revoquer/")
    html = visitor_html(client, spammed_after_pending)
    assert "Deuxième ligne." in html
    assert "Spam confirmé." not in html and VANDAL not in html
    assert RevisionMeta.objects.filter(
        page=spammed_after_pending, status=RevisionStatus.PENDING
    ).exists()


def test_cleanup_goes_back_to_approved_text_never_to_someone_elses_pending_text(
    client, spammed_after_pending, facilitator
):
    from django.utils import timezone

    client.force_login(facilitator)
    client.post("/wiki/nettoyage/yannick/", {"depuis": timezone.localdate().isoformat()})
    html = visitor_html(client, spammed_after_pending)
    assert "Deuxième ligne." in html
    assert "Spam confirmé." not in html and VANDAL not in html
