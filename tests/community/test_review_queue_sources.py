"""Every kind of thing to review can be accepted and refused from /relecture/, through the forms
the queue renders (not hand-made posts), and the queue keeps its filter after a decision."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commons.models import Commons, CommonsImage, SuggestedChange
from commons.services import commons_declare, commons_image_add, commons_publish, commons_update
from community.models import Report
from community.services import report_create
from tests.conftest import image_bytes, make_user
from wiki.models import ArticlePage, TalkMessage
from wiki.services import ArticleFields, article_create, article_save, talk_post

pytestmark = pytest.mark.django_db


@dataclass
class Pending:
    source: str
    title: str  # shown in the queue item's heading
    accepted: Callable[[], bool]
    refused: Callable[[], bool]


def _article_edit(people) -> Pending:
    page = article_create(
        fields=ArticleFields(title="Le lavoir", body="Le lavoir du bourg."),
        user=people["resident"],
        edit_summary="création",
    ).page
    article_save(
        page=page,
        fields=ArticleFields(title="Le lavoir", body="Le lavoir du bourg, couvert en 1902."),
        user=people["newcomer"],
        base_revision_id=page.latest_revision_id,
        edit_summary="date",
    )
    return Pending(
        "wiki",
        "Le lavoir",
        accepted=lambda: "1902" in ArticlePage.objects.get(pk=page.pk).body,
        refused=lambda: ArticlePage.objects.get(pk=page.pk).body == "Le lavoir du bourg.",
    )


def _new_article(people) -> Pending:
    page = article_create(
        fields=ArticleFields(title="La cabine du Stang", body="Une cabine téléphonique."),
        user=people["newcomer"],
        edit_summary="création",
    ).page
    return Pending(
        "wiki",
        "La cabine du Stang",
        accepted=lambda: ArticlePage.objects.get(pk=page.pk).live,
        refused=lambda: not ArticlePage.objects.get(pk=page.pk).live,
    )


def _talk_message(people) -> Pending:
    page = article_create(
        fields=ArticleFields(title="La criée", body="La criée du port."),
        user=people["resident"],
        edit_summary="création",
    ).page
    message = talk_post(page=page, user=people["newcomer"], body="Une source pour 1932 ?")
    return Pending(
        "discussion",
        "La criée",
        accepted=lambda: TalkMessage.objects.get(pk=message.pk).status == "approved",
        refused=lambda: TalkMessage.objects.get(pk=message.pk).status != "approved",
    )


def _declaration(people) -> Pending:
    commons = commons_declare(
        user=people["newcomer"],
        name="Grainothèque du quai",
        summary="Des graines à partager.",
        duplicates_confirmed=True,
    )
    return Pending(
        "commons",
        "Grainothèque du quai",
        accepted=lambda: Commons.objects.get(pk=commons.pk).status == "published",
        refused=lambda: Commons.objects.get(pk=commons.pk).status == "rejected",
    )


def _published_commons(people, name: str) -> Commons:
    commons = commons_declare(
        user=people["resident"], name=name, summary=f"{name}.", duplicates_confirmed=True
    )
    return commons_publish(commons=commons, user=people["facilitator"])


def _suggestion(people) -> Pending:
    commons = _published_commons(people, "Repair café du port")
    commons_update(
        commons=commons,
        user=people["newcomer"],
        changes={"summary": "On répare ensemble le samedi."},
        comment="jour",
    )
    suggestion = SuggestedChange.objects.get(commons=commons)
    return Pending(
        "commons",
        "Repair café du port",
        accepted=lambda: (
            Commons.objects.get(pk=commons.pk).summary == "On répare ensemble le samedi."
        ),
        refused=lambda: (
            Commons.objects.get(pk=commons.pk).summary == "Repair café du port."
            and SuggestedChange.objects.get(pk=suggestion.pk).status == "rejected"
        ),
    )


def _commons_image(people) -> Pending:
    owner = make_user("porteuse-nouvelle")
    commons = commons_declare(
        user=owner, name="Four à pain", summary="Un four partagé.", duplicates_confirmed=True
    )
    commons = commons_publish(commons=commons, user=people["facilitator"])
    link = commons_image_add(
        commons=commons,
        user=owner,
        file=SimpleUploadedFile("four.png", image_bytes(), content_type="image/png"),
        title="Le four",
        author="Nolwenn",
        licence="CC BY 4.0",
    )
    return Pending(
        "commons",
        "Four à pain",
        accepted=lambda: CommonsImage.objects.get(pk=link.pk).status == "approved",
        refused=lambda: CommonsImage.objects.get(pk=link.pk).status == "rejected",
    )


def _report(people) -> Pending:
    report = report_create(
        reporter=None,
        target_key="article:1",
        target_label="Le phare",
        target_url="/wiki/le-phare/",
        reason="Une date est fausse.",
    )
    return Pending(
        "signalements",
        "Le phare",
        accepted=lambda: Report.objects.get(pk=report.pk).handled_at is not None,
        refused=lambda: Report.objects.get(pk=report.pk).handled_at is not None,
    )


KINDS = {
    "article-edit": _article_edit,
    "new-article": _new_article,
    "talk-message": _talk_message,
    "commons-declaration": _declaration,
    "commons-suggestion": _suggestion,
    "commons-image": _commons_image,
    "report": _report,
}


def _queue_form(client, source: str, title: str) -> dict[str, str]:
    """The hidden fields of the queue item whose heading shows ``title``."""
    response = client.get("/relecture/", {"type": source})
    assert response.status_code == 200
    page = response.content.decode()
    for section in page.split('<section class="card review-item"')[1:]:
        heading = section.split("</h2>")[0]
        if title not in html_lib.unescape(heading):
            continue
        form = section.split("<form", 1)[1].split("</form>", 1)[0]
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        return {name: html_lib.unescape(value) for name, value in fields.items()}
    raise AssertionError(f"{title!r} is not in the {source} queue")


@pytest.fixture
def people(resident, newcomer, facilitator):
    return {"resident": resident, "newcomer": newcomer, "facilitator": facilitator}


@pytest.mark.parametrize("decision", ["approve", "reject"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_decided_from_the_queue_and_the_filter_is_kept(client, people, kind, decision):
    pending = KINDS[kind](people)
    client.force_login(people["facilitator"])
    fields = _queue_form(client, pending.source, pending.title)
    assert not pending.accepted() or decision == "reject"

    response = client.post(
        "/relecture/decision/", {**fields, "decision": decision, "reason": "Relu."}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/relecture/?type={pending.source}"
    shown = client.get(response["Location"])
    text = shown.content.decode()
    assert "Décision incomplète" not in text
    assert (pending.accepted if decision == "approve" else pending.refused)()
    with pytest.raises(AssertionError):
        _queue_form(client, pending.source, pending.title)


def _header_count(client) -> int:
    header = client.get("/").content.decode().split("</header>")[0]
    link = re.search(r'<a href="/relecture/">Relecture(.*?)</a>', header, flags=re.DOTALL)
    assert link is not None
    count = re.search(r'<span class="badge review-count">(\d+)<', link.group(1))
    return int(count.group(1)) if count else 0


def _queue_total(client) -> int:
    text = client.get("/relecture/").content.decode()
    return len(text.split('<section class="card review-item"')) - 1


def test_the_header_counts_every_kind_the_queue_lists(client, people):
    """The header's count (each source's ``pending_count()``) and the queue agree, item for item,
    with one thing of every kind waiting, and both drop by one after a decision."""
    client.force_login(people["facilitator"])
    assert _header_count(client) == _queue_total(client) == 0
    pending = [make(people) for make in KINDS.values()]

    assert _queue_total(client) == len(KINDS)
    assert _header_count(client) == len(KINDS)
    fields = _queue_form(client, "commons", pending[list(KINDS).index("commons-image")].title)
    client.post("/relecture/decision/", {**fields, "decision": "approve", "reason": "Relu."})
    assert _header_count(client) == _queue_total(client) == len(KINDS) - 1
