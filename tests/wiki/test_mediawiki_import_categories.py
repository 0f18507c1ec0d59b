"""MediaWiki import of category pages (namespace 14): each becomes the description of the tag
of the same name, shown on the tag's page; idempotent, and never overwriting silently what
facilitators wrote in Ker since."""

import json
from io import StringIO
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command
from taggit.models import Tag

from community.models import TagDescription, TagOrigin
from community.tag_descriptions import description_history, tag_description_save
from wiki.models import ArticlePage

pytestmark = pytest.mark.django_db

FRENCH = ("Discussion", "Catégorie")
ENGLISH = ("Talk", "Category")


def siteinfo(names) -> str:
    talk, category = names
    return f"""  <siteinfo>
    <sitename>Wiki-Kerlann</sitename>
    <dbname>kerlannwiki</dbname>
    <base>https://wiki.kerlann.example/wiki/Accueil</base>
    <generator>MediaWiki 1.39.0</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">{talk}</namespace>
      <namespace key="14" case="first-letter">{category}</namespace>
    </namespaces>
  </siteinfo>
"""


def revision(rev_id, timestamp, text, user="Gwen"):
    return f"""    <revision>
      <id>{rev_id}</id>
      <timestamp>{timestamp}</timestamp>
      <contributor><username>{user}</username><id>7</id></contributor>
      <comment>modif</comment>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text xml:space="preserve" bytes="{len(text.encode())}">{escape(text)}</text>
      <sha1>x</sha1>
    </revision>
"""


def page(page_id, title, revisions, *, ns=0):
    return (
        f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n"
        f"    <id>{page_id}</id>\n{''.join(revisions)}  </page>\n"
    )


def write_dump(tmp_path, pages, *, names=FRENCH, name="dump.xml"):
    path = tmp_path / name
    path.write_text(
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
        f'xml:lang="fr">\n{siteinfo(names)}{"".join(pages)}</mediawiki>\n',
        encoding="utf-8",
    )
    return path


def run_import(path, **options):
    out = StringIO()
    call_command("mediawiki_import", str(path), "--no-progress", stdout=out, **options)
    return out.getvalue()


CATEGORY_V1 = "Les vieilles pierres."
CATEGORY_V2 = (
    "Le '''patrimoine''' bâti du bourg, dont [[Le lavoir]].\n\n"
    "{{Portail|Bretagne}}\n[[Catégorie:Bretagne]]"
)


def wiki_pages(category_revisions=None):
    return [
        # The category page first: the tag it describes is also the lavoir's.
        page(
            5,
            "Patrimoine",
            category_revisions
            or [
                revision(501, "2015-01-01T09:00:00Z", CATEGORY_V1),
                revision(502, "2016-02-03T09:00:00Z", CATEGORY_V2, user="Yann"),
            ],
            ns=14,
        ),
        page(
            1,
            "Le lavoir",
            [revision(101, "2012-03-01T10:00:00Z", "Un lavoir.\n[[Catégorie:Patrimoine]]")],
        ),
        page(6, "Toponymie", [revision(601, "2017-01-01T09:00:00Z", "Les noms de lieux.")], ns=14),
        page(7, "Vide", [revision(701, "2017-01-01T09:00:00Z", "")], ns=14),
    ]


def test_category_pages_become_tag_descriptions_shown_on_the_tag_page(client, tmp_path):
    report_path = tmp_path / "report.json"
    out = run_import(write_dump(tmp_path, wiki_pages()), report=str(report_path))
    assert "catégories → descriptions d'étiquette : 2 créées" in out
    assert "1 sans texte" in out
    report = json.loads(report_path.read_text())
    assert report["categories"] == ["Patrimoine", "Toponymie", "Vide"]
    assert report["tag_descriptions"] == {"created": 2, "empty": 1}

    article = ArticlePage.objects.get(slug="le-lavoir")
    assert [tag.name for tag in article.tags.all()] == ["Patrimoine"]
    description = TagDescription.objects.get(tag__name="Patrimoine")
    assert description.origin == TagOrigin.IMPORTED and description.editor_name == "Yann"
    assert description.source_revision_id == 502 and description.updated_at.year == 2016
    assert "'''" not in description.body and "**patrimoine**" in description.body
    assert "vieilles pierres" not in description.body  # the last revision only
    html = client.get("/etiquettes/patrimoine/").content.decode()
    assert "<strong>patrimoine</strong>" in html
    assert html.count('href="/wiki/le-lavoir/"') == 2  # in the text and in the list
    assert report["templates"] == {"Portail": 1}  # templates of category pages are counted

    # The tag is created when no article has it yet; its page is public for its description.
    assert Tag.objects.filter(name="Toponymie").exists()
    assert "Les noms de lieux." in client.get("/etiquettes/toponymie/").content.decode()
    # A category page without text: the tag only, no page for visitors.
    assert Tag.objects.filter(name="Vide").exists()
    assert not TagDescription.objects.filter(tag__name="Vide").exists()
    assert client.get("/etiquettes/vide/").status_code == 404
    # The article's tag links to its page.
    assert 'href="/etiquettes/patrimoine/"' in client.get("/wiki/le-lavoir/").content.decode()


def test_reimport_adds_nothing_and_a_newer_revision_updates_the_description(tmp_path):
    path = write_dump(tmp_path, wiki_pages())
    run_import(path)
    out = run_import(path)
    assert "0 créées, 0 mises à jour, 2 inchangées" in out
    description = TagDescription.objects.get(tag__name="Patrimoine")
    assert description_history(description).count() == 1

    newer = wiki_pages(
        [
            revision(501, "2015-01-01T09:00:00Z", CATEGORY_V1),
            revision(502, "2016-02-03T09:00:00Z", CATEGORY_V2, user="Yann"),
            revision(503, "2018-05-05T09:00:00Z", "Les pierres et les gens.", user="Gwen"),
        ]
    )
    out = run_import(write_dump(tmp_path, newer, name="newer.xml"))
    assert "1 mises à jour" in out
    description.refresh_from_db()
    assert description.body == "Les pierres et les gens.\n"
    assert description.source_revision_id == 503
    assert description_history(description).count() == 2


def test_description_edited_in_ker_is_kept_and_reported(tmp_path, facilitator):
    run_import(write_dump(tmp_path, wiki_pages()))
    description = TagDescription.objects.get(tag__name="Patrimoine")
    tag_description_save(user=facilitator, tag=description.tag, body="Réécrit par l'animatrice.")
    newer = wiki_pages(
        [revision(504, "2019-01-01T09:00:00Z", "Texte plus récent du wiki.", user="Gwen")]
    )
    report_path = tmp_path / "report.json"
    out = run_import(write_dump(tmp_path, newer, name="newer.xml"), report=str(report_path))
    assert "1 gardées (modifiées dans Ker)" in out
    assert "description gardée : Catégorie:Patrimoine" in out
    report = json.loads(report_path.read_text())
    assert report["tag_descriptions_kept"][0]["revision_id"] == 504
    description.refresh_from_db()
    assert description.body == "Réécrit par l'animatrice.\n"


def test_category_namespace_name_comes_from_the_siteinfo(client, tmp_path):
    pages = [
        page(1, "The wash house", [revision(101, "2012-03-01T10:00:00Z", "[[Category:Heritage]]")]),
        page(5, "Heritage", [revision(501, "2015-01-01T09:00:00Z", "Old stones.")], ns=14),
    ]
    run_import(write_dump(tmp_path, pages, names=ENGLISH))
    assert [tag.name for tag in ArticlePage.objects.get().tags.all()] == ["Heritage"]
    html = client.get("/etiquettes/heritage/").content.decode()
    assert "Old stones." in html and 'href="/wiki/the-wash-house/"' in html


def test_dry_run_counts_category_descriptions_without_writing(tmp_path):
    out = run_import(write_dump(tmp_path, wiki_pages()), dry_run=True)
    assert "catégories → descriptions d'étiquette : 2 créées" in out and "1 sans texte" in out
    assert not TagDescription.objects.exists()
    assert not Tag.objects.filter(name="Toponymie").exists()
