"""The review queue built for a facilitator's morning: changed paragraphs with a little context,
a rendered preview, the next item in view after a decision, "Traité" for reports, a refusal that
asks for its reason in one step, and the number waiting in the header."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from community.models import Report
from community.services import report_create
from tests.community.test_review_queue_sources import _queue_form
from tests.conftest import image_bytes
from wiki.models import ArticlePage, TalkMessage
from wiki.services import ArticleFields, article_create, article_save, talk_post

pytestmark = pytest.mark.django_db

PARAGRAPHS = [f"Paragraphe {number} sur l'histoire du port." for number in range(1, 11)]


def _long_article_edited(resident, newcomer, *, extra: str = "") -> ArticlePage:
    page = article_create(
        fields=ArticleFields(title="Le port", body="\n\n".join(PARAGRAPHS)),
        user=resident,
        edit_summary="création",
    ).page
    changed = list(PARAGRAPHS)
    changed[5] = "Paragraphe 6 sur l'histoire du port, agrandi en 1880."
    if extra:
        changed.insert(6, extra)
    article_save(
        page=page,
        fields=ArticleFields(title="Le port", body="\n\n".join(changed)),
        user=newcomer,
        base_revision_id=page.latest_revision_id,
        edit_summary="date",
    )
    return page


def _section(page_html: str, title: str) -> str:
    for section in page_html.split('<section class="card review-item"')[1:]:
        if title in html_lib.unescape(section.split("</h2>")[0]):
            return section.split("</section>")[0]
    raise AssertionError(f"{title!r} is not in the queue")


def _visible(section: str) -> str:
    """The section's text outside <details> elements (what shows before expanding)."""
    return re.sub(r"<details.*?</details>", "", section, flags=re.DOTALL)


def _image():
    return get_image_model().objects.create(
        title="Le quai en 1880", file=ImageFile(_png(), name="quai.png")
    )


def _png():
    import io

    return io.BytesIO(image_bytes())


def test_an_edit_shows_the_changed_paragraph_with_context_and_folds_the_rest(
    client, resident, newcomer, facilitator
):
    _long_article_edited(resident, newcomer)
    client.force_login(facilitator)

    section = _section(client.get("/relecture/").content.decode(), "Le port")
    visible = _visible(section)

    assert "<ins>, agrandi en 1880</ins>" in visible or "<ins>agrandi</ins>" in visible
    assert "agrandi" in visible
    # One paragraph of context on each side of the change, the others behind <details>.
    assert "Paragraphe 5 sur" in visible and "Paragraphe 7 sur" in visible
    assert "Paragraphe 1 sur" in section and "Paragraphe 10 sur" in section
    assert "Paragraphe 1 sur" not in visible and "Paragraphe 10 sur" not in visible
    assert "paragraphes inchangés" in section


def test_an_edit_shows_a_rendered_preview_with_its_images(client, resident, newcomer, facilitator):
    image = _image()
    _long_article_edited(resident, newcomer, extra=f"Le **quai** refait.\n\n[[Image:{image.pk}]]")
    client.force_login(facilitator)

    section = _section(client.get("/relecture/").content.decode(), "Le port")
    visible = _visible(section)

    assert "Aperçu des paragraphes modifiés" in visible
    assert "<strong>quai</strong>" in visible
    assert re.search(r"<img[^>]+src=\"[^\"]+\"", visible)
    assert "Le quai en 1880" in visible


def test_a_new_article_is_shown_rendered_not_as_raw_markdown(client, newcomer, facilitator):
    article_create(
        fields=ArticleFields(title="La cabine du Stang", body="## Histoire\n\nUne **cabine**."),
        user=newcomer,
        edit_summary="création",
    )
    client.force_login(facilitator)

    section = _section(client.get("/relecture/").content.decode(), "La cabine du Stang")

    assert "Aperçu du nouvel article" in section
    assert "<strong>cabine</strong>" in section
    assert "<h2" in section.split("</h2>", 1)[1]
    assert "**cabine**" not in section and "## Histoire" not in section


def test_after_a_decision_the_next_item_comes_into_view_with_a_confirmation(
    client, resident, newcomer, facilitator
):
    first = talk_post(
        page=article_create(
            fields=ArticleFields(title="La criée", body="La criée."), user=resident
        ).page,
        user=newcomer,
        body="Une source pour 1932 ?",
    )
    second = talk_post(
        page=article_create(
            fields=ArticleFields(title="Le môle", body="Le môle."), user=resident
        ).page,
        user=newcomer,
        body="Et la date du môle ?",
    )
    client.force_login(facilitator)
    queue = client.get("/relecture/", {"type": "discussion"}).content.decode()
    assert f'id="item-discussion-{second.pk}"' in queue
    fields = _queue_form(client, "discussion", "La criée")

    response = client.post("/relecture/decision/", {**fields, "decision": "approve"})

    assert response.status_code == 302
    assert response["Location"] == f"/relecture/?type=discussion#item-discussion-{second.pk}"
    shown = client.get(response["Location"]).content.decode()
    assert "Accepté : Message de discussion « La criée »." in html_lib.unescape(shown)
    assert TalkMessage.objects.get(pk=first.pk).status == "approved"
    # The filter and the count per type are kept.
    assert 'href="?type=discussion" aria-current="page"' in shown
    assert "Messages de discussion (1)" in shown


def test_the_header_link_shows_how_many_items_wait(client, resident, newcomer, facilitator):
    page = article_create(
        fields=ArticleFields(title="La criée", body="La criée."), user=resident
    ).page
    talk_post(page=page, user=newcomer, body="Une source ?")
    talk_post(page=page, user=newcomer, body="Une autre ?")
    _long_article_edited(resident, newcomer)
    report_create(
        reporter=None,
        target_key="article:1",
        target_label="Le phare",
        target_url="/wiki/le-phare/",
        reason="Une date est fausse.",
    )
    client.force_login(facilitator)

    header = client.get("/").content.decode().split("</header>")[0]

    link = re.search(r'<a href="/relecture/">Relecture(.*?)</a>', header, flags=re.DOTALL)
    assert link is not None
    assert '<span class="badge review-count">4<' in link.group(1)


def test_a_resident_sees_no_review_count(client, resident, newcomer):
    page = article_create(
        fields=ArticleFields(title="La criée", body="La criée."), user=resident
    ).page
    talk_post(page=page, user=newcomer, body="Une source ?")
    client.force_login(resident)

    html = client.get("/").content.decode()

    assert "Se déconnecter" in html
    assert "review-count" not in html and 'href="/relecture/"' not in html


def _report(title: str = "Le phare") -> Report:
    return report_create(
        reporter=None,
        target_key="article:1",
        target_label=title,
        target_url="/wiki/le-phare/",
        reason="Une date est fausse.",
    )


def test_reports_say_traite_from_the_button_to_the_confirmation(client, facilitator):
    report = _report()
    client.force_login(facilitator)
    section = _section(client.get("/relecture/").content.decode(), "Le phare")
    assert ">Traité</button>" in section
    assert "Accepter" not in section and "Refuser" not in section
    fields = _queue_form(client, "signalements", "Le phare")

    response = client.post("/relecture/decision/", {**fields, "decision": "approve"}, follow=True)

    text = html_lib.unescape(response.content.decode())
    assert "Traité : Signalement « Le phare »." in text
    assert "Accepté" not in text
    assert Report.objects.get(pk=report.pk).handled_at is not None


def test_the_refusal_reason_is_beside_the_refuse_button_and_required(client, newcomer, facilitator):
    article_create(
        fields=ArticleFields(title="La cabine du Stang", body="Une cabine."),
        user=newcomer,
        edit_summary="création",
    )
    client.force_login(facilitator)
    section = _section(client.get("/relecture/").content.decode(), "La cabine du Stang")
    refuse = section.split('<span class="review-refuse">', 1)[1].split("</span>", 1)[0]

    assert re.search(r'<input type="text"[^>]+name="reason"[^>]*required', refuse)
    assert 'value="reject"' in refuse
    approve = re.search(r'<button[^>]+value="approve"[^>]*>', section).group(0)
    assert "formnovalidate" in approve


def test_a_refusal_without_a_reason_changes_nothing_and_says_why(client, newcomer, facilitator):
    page = article_create(
        fields=ArticleFields(title="La cabine du Stang", body="Une cabine."),
        user=newcomer,
        edit_summary="création",
    ).page
    client.force_login(facilitator)
    fields = _queue_form(client, "wiki", "La cabine du Stang")

    response = client.post(
        "/relecture/decision/", {**fields, "decision": "reject", "reason": "   "}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/relecture/?type=wiki#item-wiki-{page.pk}"
    shown = html_lib.unescape(client.get(response["Location"]).content.decode())
    assert "Pour refuser, indiquez un motif" in shown
    assert "La cabine du Stang" in _section(shown, "La cabine du Stang")
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert page.revisions.count() == 1


def test_approving_needs_no_reason(client, newcomer, facilitator):
    page = article_create(
        fields=ArticleFields(title="La cabine du Stang", body="Une cabine."),
        user=newcomer,
        edit_summary="création",
    ).page
    client.force_login(facilitator)
    fields = _queue_form(client, "wiki", "La cabine du Stang")

    response = client.post("/relecture/decision/", {**fields, "decision": "approve"}, follow=True)

    assert "Accepté : Nouvel article « La cabine du Stang »." in html_lib.unescape(
        response.content.decode()
    )
    assert ArticlePage.objects.get(pk=page.pk).live


def test_a_refusal_with_a_reason_is_confirmed(client, newcomer, facilitator):
    page = article_create(
        fields=ArticleFields(title="La cabine du Stang", body="Une cabine."),
        user=newcomer,
        edit_summary="création",
    ).page
    client.force_login(facilitator)
    fields = _queue_form(client, "wiki", "La cabine du Stang")

    response = client.post(
        "/relecture/decision/",
        {**fields, "decision": "reject", "reason": "Publicité."},
        follow=True,
    )

    assert "Refusé : Nouvel article « La cabine du Stang »." in html_lib.unescape(
        response.content.decode()
    )
    assert not ArticlePage.objects.get(pk=page.pk).live
