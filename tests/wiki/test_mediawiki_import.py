"""MediaWiki import (manage.py mediawiki_import): history, authors, namespaces, re-import,
bad input, and the real French Wikipedia sample, through the command and the public pages."""

import bz2
import gzip
import json
import lzma
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect

from community.services import hash_ip
from wiki.models import ArticlePage, RevisionMeta, RevisionOrigin, TalkMessage

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "mediawiki" / "frwiki-sample.xml"

SITEINFO = """  <siteinfo>
    <sitename>Wiki-Kerlann</sitename>
    <dbname>kerlannwiki</dbname>
    <base>https://wiki.kerlann.example/wiki/Accueil</base>
    <generator>MediaWiki 1.39.0</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Discussion</namespace>
      <namespace key="2" case="first-letter">Utilisateur</namespace>
      <namespace key="4" case="first-letter">Kerlann</namespace>
      <namespace key="6" case="first-letter">Fichier</namespace>
      <namespace key="8" case="first-letter">MediaWiki</namespace>
      <namespace key="10" case="first-letter">Modèle</namespace>
      <namespace key="14" case="first-letter">Catégorie</namespace>
    </namespaces>
  </siteinfo>
"""


def revision_xml(rev_id, timestamp, text, *, user=None, ip=None, comment="", minor=False):
    contributor = (
        f"<ip>{ip}</ip>"
        if ip
        else f"<username>{escape(user)}</username><id>{abs(hash(user)) % 1000 + 1}</id>"
    )
    return f"""    <revision>
      <id>{rev_id}</id>
      <timestamp>{timestamp}</timestamp>
      <contributor>{contributor}</contributor>
      {"<minor />" if minor else ""}
      <comment>{escape(comment)}</comment>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text xml:space="preserve" bytes="{len(text.encode())}">{escape(text)}</text>
      <sha1>x</sha1>
    </revision>
"""


def page_xml(page_id, title, revisions, *, ns=0, redirect=None):
    redirect_tag = f'<redirect title="{escape(redirect)}" />' if redirect else ""
    return (
        f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n"
        f"    <id>{page_id}</id>\n    {redirect_tag}\n{''.join(revisions)}  </page>\n"
    )


def dump_xml(pages, *, version="0.11"):
    return (
        f'<mediawiki xmlns="http://www.mediawiki.org/xml/export-{version}/" '
        f'version="{version}" xml:lang="fr">\n{SITEINFO}{"".join(pages)}</mediawiki>\n'
    )


LAVOIR_V1 = "Le '''lavoir''' de [[Kerlann]].\n\n[[Catégorie:Patrimoine]]"
LAVOIR_V2 = (
    "Le '''lavoir''' de [[Kerlann]] date de 1850.\n\n== Histoire ==\n"
    "* construit par la commune\n** restauré en 1990\n\n"
    "[[Catégorie:Patrimoine]]\n[[Catégorie:Eau]]"
)
LAVOIR_V3 = LAVOIR_V2.replace("1850", "1851")


def history_pages():
    return [
        page_xml(
            1,
            "Le lavoir",
            [
                revision_xml(
                    101, "2012-03-01T10:00:00Z", LAVOIR_V1, user="Gwen", comment="création"
                ),
                revision_xml(
                    102, "2013-05-02T11:00:00Z", LAVOIR_V2, ip="192.0.2.7", comment="ajouts"
                ),
                revision_xml(
                    103,
                    "2014-06-03T12:00:00Z",
                    LAVOIR_V3,
                    user="imported>Yann",
                    comment="coquille",
                    minor=True,
                ),
            ],
        ),
        page_xml(
            2, "Kerlann", [revision_xml(201, "2011-01-01T09:00:00Z", "Un village.", user="Gwen")]
        ),
        page_xml(
            3,
            "Lavoir de Kerlann",
            [revision_xml(301, "2015-01-01T09:00:00Z", "#REDIRECTION [[Le lavoir]]", user="Gwen")],
            redirect="Le lavoir",
        ),
        page_xml(
            4,
            "Le lavoir",
            [
                revision_xml(
                    401,
                    "2016-01-01T09:00:00Z",
                    "Faut-il parler du toit ? [[Utilisateur:Gwen|Gwen]] 1 janvier 2016",
                    user="Gwen",
                )
            ],
            ns=1,
        ),
        page_xml(
            5,
            "Patrimoine",
            [revision_xml(501, "2016-01-01T09:00:00Z", "Les vieilles pierres.", user="Gwen")],
            ns=14,
        ),
        page_xml(
            6, "Infobox", [revision_xml(601, "2016-01-01T09:00:00Z", "{{{1}}}", user="Gwen")], ns=10
        ),
        page_xml(
            7,
            "Charte",
            [revision_xml(701, "2016-01-01T09:00:00Z", "Soyez courtois.", user="Gwen")],
            ns=4,
        ),
    ]


def write_dump(tmp_path, pages, name="dump.xml", *, version="0.11", opener=None):
    path = tmp_path / name
    data = dump_xml(pages, version=version).encode()
    if opener is None:
        path.write_bytes(data)
    else:
        with opener(path, "wb") as handle:
            handle.write(data)
    return path


def run_import(*args, **options):
    from io import StringIO

    out = StringIO()
    call_command("mediawiki_import", *map(str, args), "--no-progress", stdout=out, **options)
    return out.getvalue()


def metas(page):
    return list(RevisionMeta.objects.filter(page=page).order_by("created_at", "revision_id"))


# --- history and authors -------------------------------------------------------------------


def test_every_revision_becomes_a_revision_with_date_author_summary_and_minor_flag(tmp_path):
    run_import(write_dump(tmp_path, history_pages()))
    page = ArticlePage.objects.get(slug="le-lavoir")
    history = metas(page)
    assert [meta.source_revision_id for meta in history] == [101, 102, 103]
    assert [meta.created_at.year for meta in history] == [2012, 2013, 2014]
    assert [meta.edit_summary for meta in history] == ["création", "ajouts", "coquille"]
    assert [meta.minor for meta in history] == [False, False, True]
    assert history[0].is_creation and not history[1].is_creation
    assert all(meta.origin == RevisionOrigin.IMPORTED and meta.user is None for meta in history)
    assert history[0].source_text == LAVOIR_V1
    assert page.live and page.live_revision_id == history[-1].revision_id
    assert "1851" in page.body and "## Histoire" in page.body
    assert page.first_published_at.year == 2012


def test_authors_keep_their_names_ips_are_hashed_and_imported_prefix_is_removed(tmp_path):
    run_import(write_dump(tmp_path, history_pages()))
    gwen, ip_edit, yann = metas(ArticlePage.objects.get(slug="le-lavoir"))
    assert gwen.author_name == "Gwen"
    assert ip_edit.author_name == "" and ip_edit.ip_hash == hash_ip("192.0.2.7")
    assert "192.0.2.7" not in ip_edit.ip_hash
    assert yann.author_name == "Yann"


def test_history_diff_and_old_revision_pages_show_the_imported_history(client, tmp_path):
    run_import(write_dump(tmp_path, history_pages()))
    page = ArticlePage.objects.get(slug="le-lavoir")
    first, second, third = metas(page)
    history = client.get("/wiki/le-lavoir/historique/").content.decode()
    assert "Gwen" in history and "Yann" in history and "coquille" in history
    assert "2012" in history and "importée" in history
    diff = client.get(f"/wiki/le-lavoir/diff/{second.revision_id}/{third.revision_id}/")
    assert diff.status_code == 200 and "1851" in diff.content.decode()
    old = client.get(f"/wiki/le-lavoir/historique/{first.revision_id}/")
    assert old.status_code == 200 and "Kerlann" in old.content.decode()


def test_imported_author_names_do_not_link_to_a_later_account_of_the_same_name(client, tmp_path):
    from tests.conftest import make_user

    run_import(write_dump(tmp_path, history_pages()))
    make_user("Gwen")
    history = client.get("/wiki/le-lavoir/historique/").content.decode()
    assert "Gwen" in history
    assert "/contributeurs/Gwen/" not in history
    contributor = client.get("/contributeurs/Gwen/").content.decode()
    assert "Le lavoir" not in contributor


def test_imported_revisions_are_hidden_from_recent_changes_unless_asked(
    client, tmp_path, create_article
):
    create_article(title="La fontaine", body="Une fontaine.")
    run_import(write_dump(tmp_path, history_pages()))
    default = client.get("/modifications-recentes/").content.decode()
    assert "La fontaine" in default
    assert "coquille" not in default
    shown = client.get("/modifications-recentes/?importees=on").content.decode()
    assert "coquille" in shown


def test_categories_become_tags_and_links_are_wiki_links(client, tmp_path):
    run_import(write_dump(tmp_path, history_pages()))
    page = ArticlePage.objects.get(slug="le-lavoir")
    assert sorted(tag.name for tag in page.tags.all()) == ["Eau", "Patrimoine"]
    html = client.get("/wiki/le-lavoir/").content.decode()
    assert 'data-wikilink="kerlann"' in html
    assert "<li>construit par la commune" in html
    backlinks = client.get("/wiki/kerlann/liens/").content.decode()
    assert "Le lavoir" in backlinks


def test_redirect_pages_become_redirects_and_their_links_resolve(client, tmp_path):
    run_import(write_dump(tmp_path, history_pages()))
    assert Redirect.objects.filter(old_path="/wiki/lavoir-de-kerlann").exists()
    response = client.get("/wiki/lavoir-de-kerlann/")
    assert response.status_code in (301, 302) and response["Location"].endswith("/wiki/le-lavoir/")
    assert not ArticlePage.objects.filter(slug="lavoir-de-kerlann").exists()


def test_talk_page_becomes_a_message_on_the_article_talk_page(client, tmp_path):
    run_import(write_dump(tmp_path, history_pages()))
    message = TalkMessage.objects.get(page__slug="le-lavoir")
    assert message.author_name == "Gwen" and message.created_at.year == 2016
    html = client.get("/wiki/le-lavoir/discussion/").content.decode()
    assert "Faut-il parler du toit" in html


def test_other_namespaces_are_skipped_with_counts_and_can_be_mapped(tmp_path):
    report_path = tmp_path / "report.json"
    out = run_import(write_dump(tmp_path, history_pages()), report=str(report_path))
    report = json.loads(report_path.read_text())
    assert report["skipped_by_namespace"] == {"Modèle": 1, "Kerlann": 1}
    assert report["categories"] == ["Patrimoine"]
    assert "ignorées (Modèle) : 1" in out
    assert not ArticlePage.objects.filter(title__contains="Charte").exists()
    out = run_import(write_dump(tmp_path, history_pages()), namespace_as_articles=["Kerlann"])
    assert ArticlePage.objects.filter(title="Kerlann:Charte", live=True).exists(), out


def test_report_counts_pages_revisions_authors_and_is_written_as_json(tmp_path):
    report_path = tmp_path / "report.json"
    out = run_import(write_dump(tmp_path, history_pages()), report=str(report_path))
    report = json.loads(report_path.read_text())
    assert report["articles_created"] == 2
    assert report["revisions_imported"] == 4
    assert report["authors"] == 2 and report["ip_revisions"] == 1
    assert report["redirects_created"] == 1 and report["talk_pages"] == 1
    assert "révisions : 4 importées" in out


def test_search_finds_imported_articles(client, tmp_path):
    run_import(write_dump(tmp_path, history_pages()))
    html = client.get("/recherche/?q=lavoir").content.decode()
    assert "/wiki/le-lavoir/" in html


# --- idempotence, resume, clashes ----------------------------------------------------------


def test_reimporting_the_same_dump_adds_nothing(tmp_path):
    path = write_dump(tmp_path, history_pages())
    run_import(path)
    count = RevisionMeta.objects.count()
    messages = TalkMessage.objects.count()
    out = run_import(path)
    assert RevisionMeta.objects.count() == count
    assert TalkMessage.objects.count() == messages
    assert "révisions : 0 importées, 4 déjà présentes" in out


def test_a_newer_dump_adds_only_the_new_revisions(tmp_path):
    pages = history_pages()
    first = [
        pages[0].replace(
            revision_xml(
                103,
                "2014-06-03T12:00:00Z",
                LAVOIR_V3,
                user="imported>Yann",
                comment="coquille",
                minor=True,
            ),
            "",
        )
    ]
    run_import(write_dump(tmp_path, first, "old.xml"))
    page = ArticlePage.objects.get(slug="le-lavoir")
    assert len(metas(page)) == 2
    run_import(write_dump(tmp_path, history_pages(), "new.xml"))
    history = metas(page)
    assert [meta.source_revision_id for meta in history] == [101, 102, 103]
    assert history[2].previous_revision_id == history[1].revision_id
    page.refresh_from_db()
    assert "1851" in page.body


def test_an_interrupted_import_resumes_where_it_stopped(tmp_path, monkeypatch):
    from wiki.importing import importer

    original = importer.article_import_history
    calls = []

    def failing_on_second_page(**kwargs):
        calls.append(kwargs["title"])
        if kwargs["title"] == "Kerlann":
            raise KeyboardInterrupt
        return original(**kwargs)

    monkeypatch.setattr(importer, "article_import_history", failing_on_second_page)
    path = write_dump(tmp_path, history_pages())
    with pytest.raises(KeyboardInterrupt):
        run_import(path)
    assert ArticlePage.objects.filter(slug="le-lavoir").exists()
    assert not ArticlePage.objects.filter(slug="kerlann").exists()
    monkeypatch.setattr(importer, "article_import_history", original)
    out = run_import(path)
    assert ArticlePage.objects.filter(slug="kerlann", live=True).exists()
    assert len(metas(ArticlePage.objects.get(slug="le-lavoir"))) == 3
    assert "1 créés" in out


def test_a_title_clash_with_a_ker_article_is_reported_not_merged(tmp_path, create_article):
    existing = create_article(title="Le lavoir", body="Écrit dans Ker.")
    out = run_import(write_dump(tmp_path, history_pages()))
    assert "non importé : Le lavoir" in out
    assert [meta.origin for meta in metas(existing)] == [RevisionOrigin.LOCAL]
    existing.refresh_from_db()
    assert existing.body == "Écrit dans Ker."
    assert ArticlePage.objects.filter(slug="kerlann").exists()


def test_a_broken_page_is_reported_and_the_others_go_in(tmp_path, monkeypatch):
    from wiki.importing import importer

    original = importer.article_import_history

    def broken(**kwargs):
        if kwargs["title"] == "Kerlann":
            raise ValueError("panne simulée")
        return original(**kwargs)

    monkeypatch.setattr(importer, "article_import_history", broken)
    out = run_import(write_dump(tmp_path, history_pages()))
    assert "erreur : Kerlann (révision 201) : ValueError: panne simulée" in out
    assert ArticlePage.objects.filter(slug="le-lavoir").exists()


def test_dry_run_converts_and_reports_without_writing(tmp_path):
    out = run_import(write_dump(tmp_path, history_pages()), dry_run=True)
    assert "Essai à blanc" in out and "révisions : 4 importées" in out
    assert not ArticlePage.objects.filter(slug="le-lavoir").exists()
    assert not RevisionMeta.objects.exists()


# --- formats and bad input -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "opener"), [("d.xml.gz", gzip.open), ("d.xml.bz2", bz2.open), ("d.xml.xz", lzma.open)]
)
def test_compressed_dumps_are_read(tmp_path, name, opener):
    run_import(write_dump(tmp_path, history_pages(), name, opener=opener))
    assert len(metas(ArticlePage.objects.get(slug="le-lavoir"))) == 3


def test_schema_0_10_is_read(tmp_path):
    run_import(write_dump(tmp_path, history_pages(), version="0.10"))
    assert ArticlePage.objects.filter(slug="le-lavoir").exists()


def refused(path, match):
    with pytest.raises(CommandError, match=match):
        run_import(path)
    assert not ArticlePage.objects.filter(slug="le-lavoir").exists()
    assert not RevisionMeta.objects.exists()


def test_a_file_that_is_not_xml_is_refused(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("Ceci n'est pas un export.")
    refused(path, "notes.xml : ce n'est pas un fichier XML")


def test_a_truncated_dump_is_refused_before_writing_anything(tmp_path):
    path = tmp_path / "cut.xml"
    data = dump_xml(history_pages())
    path.write_text(data[: data.index("<title>Kerlann</title>") + 40])
    refused(path, r"cut.xml : fichier tronqué .*ligne \d+")


def test_a_wrong_schema_is_refused(tmp_path):
    refused(write_dump(tmp_path, history_pages(), version="0.3"), "schéma d'export 0.3")


def test_an_unknown_compression_is_refused(tmp_path):
    path = tmp_path / "dump.xml.zst"
    path.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00" * 20)
    refused(path, "compression inconnue")


def test_a_page_without_revisions_is_refused_naming_it(tmp_path):
    pages = history_pages() + [page_xml(9, "Vide", [])]
    refused(write_dump(tmp_path, pages), "page « Vide » : aucune révision")


def test_duplicate_revision_ids_are_refused_naming_them(tmp_path):
    pages = history_pages() + [
        page_xml(9, "Doublon", [revision_xml(101, "2020-01-01T00:00:00Z", "x", user="Gwen")])
    ]
    refused(write_dump(tmp_path, pages), "page « Doublon » : la révision 101 apparaît deux fois")


def test_a_missing_file_is_refused(tmp_path):
    refused(tmp_path / "absent.xml", "fichier introuvable")


# --- reconversion --------------------------------------------------------------------------


def test_reconvert_uses_the_kept_wikitext_without_the_dump(tmp_path):
    mapping = tmp_path / "modeles.json"
    mapping.write_text(
        json.dumps({"templates": {"village": {"kind": "text", "format": "VILLAGE {1}"}}})
    )
    pages = [
        page_xml(
            1,
            "Ty",
            [revision_xml(1, "2012-01-01T00:00:00Z", "Au {{Village|Kerlann}}.", user="Gwen")],
        )
    ]
    run_import(write_dump(tmp_path, pages))
    page = ArticlePage.objects.get(slug="ty")
    assert "{{Village|Kerlann}}" in page.body
    out = StringIO_call("mediawiki_import", "--reconvert", "--templates", str(mapping))
    assert "1 révisions de 1 articles" in out
    page.refresh_from_db()
    assert "VILLAGE Kerlann" in page.body


def StringIO_call(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


# --- the real French Wikipedia sample ------------------------------------------------------


def test_french_wikipedia_sample_imports_without_crash_and_every_page_reads(client, tmp_path):
    report_path = tmp_path / "report.json"
    run_import(SAMPLE, report=str(report_path))
    report = json.loads(report_path.read_text())
    assert report["errors"] == []
    # One redirect of the sample leads to an article that is not in it: reported, not lost.
    assert [clash["title"] for clash in report["clashes"]] == ["Sigles en médecine"]
    assert report["articles_created"] == 21 and report["redirects_created"] == 0
    assert report["revisions_imported"] == 21
    assert report["templates"]["Unité"] > 100
    assert report["approximations"]["modèle gardé tel quel"] > 0
    assert report["approximations"]["fichier remplacé par un emplacement visible"] > 0
    pages = ArticlePage.objects.live()
    assert pages.count() == 21
    for page in pages:
        response = client.get(f"/wiki/{page.slug}/")
        assert response.status_code == 200, page.title
    meillet = client.get("/wiki/antoine-meillet/").content.decode()
    assert "Paul Jules Antoine Meillet" in meillet
    arc = client.get("/wiki/arc-de-triomphe-de-letoile/").content.decode()
    assert '<span class="missing-image">[Fichier :' in arc
    assert ArticlePage.objects.get(slug="antoine-meillet").tags.filter(name="Slaviste").exists()


# --- conversion, seen on the public page ---------------------------------------------------

CONVERSION_SAMPLE = """{{Infobox Lieu|nom=Lavoir du bourg|commune=[[Kerlann]]|image=Lavoir.jpg}}
'''Le lavoir''' est ''ancien''.__NOTOC__{{DEFAULTSORT:Lavoir}}

== Accès ==
{{Article détaillé|Kerlann|Bourg}}
Voir [[Kerlann#Histoire|l'histoire]], [https://example.org le site] et {{date|12|mars|1990}}.
Surface : {{unité|1234.5|m|2}}, visiteurs : {{formatnum:25000}}.

# premier
# second
#* détail
; Terme : définition

{| class="wikitable"
! Année !! Fait
|-
| 1850 || construction
|}

Une note<ref name="a">Archives communales.</ref> et la même<ref name="a" />.<br />Ligne.
<nowiki>[[pas un lien]]</nowiki> {{Modèle inconnu|x=1}}
<pre>code  aligné</pre>
[[Fichier:Lavoir.jpg|vignette|Le lavoir en 1900]]
Signé [[Utilisateur:Gwen|Gwen]] ~~~~

== Notes ==
<references />
[[Catégorie:Patrimoine]]
[[en:Wash house]]
"""


def test_wikitext_conversion_on_the_article_page(client, tmp_path):
    pages = [
        page_xml(
            1,
            "Le lavoir",
            [revision_xml(1, "2012-01-01T00:00:00Z", CONVERSION_SAMPLE, user="Gwen")],
        ),
        page_xml(
            2, "Kerlann", [revision_xml(2, "2012-01-01T00:00:00Z", "Le village.", user="Gwen")]
        ),
    ]
    report_path = tmp_path / "report.json"
    run_import(write_dump(tmp_path, pages), report=str(report_path))
    body = ArticlePage.objects.get(slug="le-lavoir").body
    assert "__NOTOC__" not in body and "DEFAULTSORT" not in body and "~~~~" not in body
    assert "[[Kerlann|l'histoire]]" in body
    assert "*Article détaillé : [[Kerlann]], [[Bourg]].*" in body
    assert "12 mars 1990" in body and "1\u202f234,5 m<sup>2</sup>" in body and "25\u202f000" in body
    assert "- **nom** : Lavoir du bourg" in body and "image" not in body.split("## Accès")[0]
    html = client.get("/wiki/le-lavoir/").content.decode()
    assert "<strong>Le lavoir</strong>" in html and "<em>ancien</em>" in html
    assert '<h2 id="acces">Accès</h2>' in html or ">Accès</h2>" in html
    assert 'href="https://example.org"' in html
    assert 'data-wikilink="bourg"' in html and "wikilink new" in html  # red link: no such article
    assert "<ol>" in html and "<li>premier</li>" in html and "détail" in html
    assert "<strong>Terme</strong>" in html and "définition" in html
    assert "<table>" in html and "<th>Année</th>" in html and "<td>construction</td>" in html
    assert html.count('class="footnote-ref"') == 2 and "Archives communales." in html
    assert "<br" in html
    assert "[[pas un lien]]" in html
    assert "{{Modèle inconnu|x=1}}" in html  # kept visibly, as code
    assert "<pre><code>code  aligné" in html
    assert "[Fichier : Lavoir.jpg — Le lavoir en 1900]" in html
    assert "Signé Gwen" in html and "Utilisateur:" not in html
    assert "Wash house" not in html
    report = json.loads(report_path.read_text())
    assert report["templates"]["Modèle inconnu"] == 1
    assert report["approximations"]["modèle gardé tel quel"] == 1
    assert report["approximations"]["ancre de section retirée d'un lien"] == 1


def test_community_health_counts_see_imported_authors(tmp_path):
    import datetime

    from wiki.selectors import edit_counts

    run_import(write_dump(tmp_path, history_pages()))
    counts = edit_counts(since=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    assert counts["Gwen"] == 2 and counts["Yann"] == 1
