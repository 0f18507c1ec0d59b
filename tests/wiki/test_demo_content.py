"""The demo territory's content files (demo/): a mistake is reported in French, naming the file,
and stops the demo before anything is written."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from commons.demo import read_demo_commons
from commons.models import Commons
from community.content_files import ContentFileError
from community.models import User
from portals.demo import read_demo_portals
from portals.models import PortalPage
from wiki.demo.content import read_demo
from wiki.models import ArticlePage


@pytest.fixture
def demo_copy(tmp_path) -> Path:
    """A copy of demo/ that a test may break; it reads fine before the test touches it."""
    copy = tmp_path / "demo"
    shutil.copytree(Path(settings.BASE_DIR) / "demo", copy)
    assert len(read_demo(copy).articles) >= 32
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_demo_files_hold_every_article_commons_and_portal():
    content = read_demo()
    assert len(content.articles) == 35 and len(content.people) == 9 and len(content.images) == 6
    assert sum(len(article.edits) for article in content.articles) == 76
    assert content.day.charter.title == "Charte éditoriale"
    assert len(read_demo_commons().commons) == 15
    assert [portal.slug for portal in read_demo_portals()][0] == "mer-et-port"


def test_broken_front_matter_names_the_file_and_the_line(demo_copy):
    article = demo_copy / "articles" / "criee-de-kerlann.md"
    _edit(article, "commentaire: Création\n", "commentaire: Création : premier jet\n")
    with pytest.raises(ContentFileError) as error:
        read_demo(demo_copy)
    message = str(error.value)
    assert "criee-de-kerlann.md" in message
    assert "YAML invalide ligne 10, colonne 23 (un « : » inattendu)" in message
    assert "guillemets" in message


def test_missing_closing_line_of_the_front_matter_is_explained(demo_copy):
    article = demo_copy / "articles" / "per-morvan.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n\n", "\n", 1), encoding="utf-8")
    with pytest.raises(ContentFileError, match=r"per-morvan\.md : la ligne « --- » qui ferme"):
        read_demo(demo_copy)


def test_misspelt_field_suggests_the_right_name(demo_copy):
    _edit(demo_copy / "articles" / "goemoniers.md", "\nrésumé:", "\nresume:")
    with pytest.raises(ContentFileError) as error:
        read_demo(demo_copy)
    assert "goemoniers.md" in str(error.value)
    assert "champ inconnu « resume » (vouliez-vous dire « résumé » ?)" in str(error.value)


def test_edit_whose_text_is_not_found_names_the_article_and_the_edit(demo_copy):
    _edit(
        demo_copy / "articles" / "port-kerlann.md",
        "même si la flottille est bien plus petite qu'autrefois.",
        "même si la flottille a bien diminué.",
    )
    with pytest.raises(ContentFileError) as error:
        read_demo(demo_copy)
    message = str(error.value)
    assert message.startswith("chronologie.yaml") or "demo/chronologie.yaml" in message
    assert "article n° 1" in message and "modification de yannick" in message
    assert "apparaît 0 fois" in message


def test_unknown_author_lists_the_accounts(demo_copy):
    _edit(demo_copy / "articles" / "bagad-de-kerlann.md", "auteur: goulven", "auteur: gwen")
    with pytest.raises(ContentFileError, match=r"« gwen », qui n'est pas un compte .*maela"):
        read_demo(demo_copy)


def test_article_file_missing_from_the_timeline_is_reported(demo_copy):
    shutil.copy(demo_copy / "articles" / "per-morvan.md", demo_copy / "articles" / "per-2.md")
    _edit(demo_copy / "articles" / "per-2.md", "titre: Per Morvan", "titre: Per Morvan (2)")
    with pytest.raises(ContentFileError, match=r"per-2\.md : .*« - article: per-2 »"):
        read_demo(demo_copy)


def test_unquoted_portal_colour_asks_for_quotes(demo_copy):
    _edit(demo_copy / "portails.yaml", 'couleur: "#6b3fa0"', "couleur: #6b3fa0")
    with pytest.raises(ContentFileError, match=r"portails\.yaml : portail n° 2 : .*obligatoire"):
        read_demo_portals(demo_copy)


@pytest.mark.django_db
def test_broken_commons_file_stops_the_whole_demo_before_anything_is_written(demo_copy):
    """The wiki part comes first: nothing of it is written when a later file is broken."""
    _edit(demo_copy / "communs" / "wifi-du-port.md", "étape: starting", "étape: en cours")
    assert not ArticlePage.objects.exists() and not User.objects.exists()
    with pytest.raises(CommandError) as error:
        call_command("portals_demo", directory=str(demo_copy))
    assert "wifi-du-port.md" in str(error.value)
    assert "« étape » vaut « en cours » ; valeurs possibles : idea, starting" in str(error.value)
    assert not ArticlePage.objects.exists()
    assert not User.objects.exists()
    assert not Commons.objects.exists() and not PortalPage.objects.exists()


@pytest.mark.django_db
def test_wiki_demo_reports_a_broken_file_as_a_command_error(demo_copy):
    _edit(demo_copy / "chronologie.yaml", "  - identifiant: nolwenn\n", "  - identifiant:\n")
    with pytest.raises(CommandError, match=r"chronologie\.yaml : compte n° 5 : .*« identifiant »"):
        call_command("wiki_demo", directory=str(demo_copy))
    assert not User.objects.exists()
