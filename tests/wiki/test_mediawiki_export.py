"""MediaWiki export (manage.py mediawiki_export): readable by mwxml, and read back by
mediawiki_import with the same titles and revision counts."""

from io import StringIO

import mwxml
import pytest
from django.core.management import call_command

from wiki.models import ArticlePage, RevisionMeta
from wiki.services import ArticleFields, article_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(create_article, other_resident):
    phare = create_article(title="Le phare", body="Le phare est **blanc**.\n")
    article_save(
        page=phare,
        fields=ArticleFields(title="Le phare", body="Le phare est **rouge** et blanc.\n"),
        user=other_resident,
        base_revision_id=phare.latest_revision_id,
        edit_summary="couleurs",
        minor=True,
    )
    create_article(title="La criée", body="Voir [[Le phare]].\n")
    return ArticlePage.objects.live().order_by("title")


def export(tmp_path, name="export.xml"):
    path = tmp_path / name
    out = StringIO()
    call_command("mediawiki_export", str(path), "--no-progress", stdout=out)
    return path, out.getvalue()


def test_export_is_a_mediawiki_0_11_dump_with_markdown_history_authors_and_dates(
    tmp_path, articles
):
    path, out = export(tmp_path)
    assert "2 articles, 3 révisions" in out
    text = path.read_text(encoding="utf-8")
    assert 'version="0.11"' in text and "export-0.11" in text
    dump = mwxml.Dump.from_file(path.open("rb"))
    pages = {page.title: list(page) for page in dump}
    assert set(pages) == {"Le phare", "La criée"}
    first, second = pages["Le phare"]
    assert first.model == "markdown" and first.format == "text/markdown"
    assert first.text == "Le phare est **blanc**.\n"
    assert second.text == "Le phare est **rouge** et blanc.\n"
    assert first.user.text == "maela" and second.user.text == "yannick"
    assert second.comment == "couleurs" and second.minor and not first.minor
    assert second.parent_id == first.id
    meta = RevisionMeta.objects.get(revision_id=second.id)
    assert second.timestamp.unix() == int(meta.created_at.timestamp())


def test_export_of_ker_reimports_with_the_same_titles_and_revision_counts(tmp_path, articles):
    path, _ = export(tmp_path, "export.xml.gz")
    before = {page.title: page.revision_metas.count() for page in articles}
    for page in list(articles):
        page.delete()
    assert not ArticlePage.objects.exists()
    call_command("mediawiki_import", str(path), "--no-progress", stdout=StringIO())
    after = {page.title: page.revision_metas.count() for page in ArticlePage.objects.live()}
    assert after == before == {"Le phare": 2, "La criée": 1}
    phare = ArticlePage.objects.get(slug="le-phare")
    assert phare.body == "Le phare est **rouge** et blanc.\n"
    history = phare.revision_metas.order_by("created_at", "revision_id")
    authors = list(history.values_list("author_name", flat=True))
    assert authors == ["maela", "yannick"]


def test_hidden_revisions_are_exported_without_their_text(tmp_path, articles, facilitator):
    from wiki.services import revision_hide

    phare = ArticlePage.objects.get(slug="le-phare")
    first = phare.revision_metas.order_by("created_at").first()
    revision_hide(revision_id=first.revision_id, user=facilitator, hidden=True, reason="vie privée")
    path, _ = export(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert "Le phare est **blanc**" not in text
    assert '<text deleted="deleted"' in text
