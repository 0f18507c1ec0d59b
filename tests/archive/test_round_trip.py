"""Round trip: dump, restore elsewhere, dump again; from this database to SQLite and back."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from .conftest import normalised

LINK = re.compile(r'href="(/[^"]*)"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
CHANGE = re.compile(r"<(ins|del)[^>]*>(.*?)</\1>", re.S)


def migrated_copy(path: Path) -> Path:
    """A new SQLite file holding only what migrating gives (the suite's migrated template, when
    a SQLite run of this checkout made it: ``site_restore`` then finds nothing to migrate, which
    saves the 20-odd CPU seconds of Wagtail's and Django's migrations)."""
    from django.db import connection

    from tests import db_template

    db_template.migrated_sqlite_copy(connection.creation, path)
    return path


def run_manage(*args: str, database: Path) -> str:
    """A management command in another process, on its own SQLite database file."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
        # A SQLite site searches with Whoosh (the PostgreSQL engine needs PostgreSQL).
        "KER_SEARCH_BACKEND": "whoosh",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _extras() -> dict:
    """What the demo lacks: a refused edit, a hidden revision, an imported one, a redirect..."""
    from wagtail.contrib.redirects.models import Redirect

    from community.models import User
    from community.services import user_block
    from wiki.models import ArticlePage, RevisionMeta, RevisionStatus
    from wiki.services import revision_hide, revision_reject, watch_set

    facilitator = User.objects.get(username="anaig")
    pending = RevisionMeta.objects.filter(status=RevisionStatus.PENDING).order_by("pk")
    assert pending.count() >= 2
    revision_reject(page=pending.first().page, user=facilitator, reason="Hors sujet")
    assert RevisionMeta.objects.filter(status=RevisionStatus.PENDING).exists()
    older = (
        RevisionMeta.objects.filter(status=RevisionStatus.APPROVED)
        .exclude(
            revision_id__in=ArticlePage.objects.filter(live_revision__isnull=False).values(
                "live_revision_id"
            )
        )
        .order_by("pk")
    )
    revision_hide(revision_id=older.first().revision_id, user=facilitator, reason="Vie privée")
    RevisionMeta.objects.filter(pk=older.last().pk).update(
        origin="imported", source_wiki="wiki-brest", source_revision_id=4242, source_text="'''A'''"
    )
    article = ArticlePage.objects.live().order_by("pk").first()
    Redirect.add_redirect("/wiki/ancien-titre", redirect_to=article)
    newcomer = User.objects.get(username="erwan")
    user_block(user=facilitator, target=newcomer, reason="Essai de blocage", duration_days=7)
    watch_set(page=article, user=User.objects.get(username="maela"), watching=True)
    # Tag descriptions: one written in Ker (two versions), one imported from a MediaWiki.
    from community.tag_descriptions import (
        ImportedDescription,
        tag_description_import,
        tag_description_save,
    )

    tag = article.tags.order_by("pk").first()
    assert tag is not None
    tag_description_save(user=facilitator, tag=tag, body="Ce que rassemble l'étiquette.")
    tag_description_save(user=facilitator, tag=tag, body="Ce que rassemble **l'étiquette**.")
    tag_description_import(
        imported=ImportedDescription(
            tag_name="Toponymie",
            markdown="Les noms de lieux, dont [[Kerlann]].",
            source_wiki="wiki-brest",
            source_revision_id=4343,
            author_name="Gwen",
        )
    )
    return {"article": article}


def _page(client, url: str):
    response = client.get(url)
    html = response.content.decode(errors="replace")
    title = TITLE.search(html)
    return (
        url,
        response.status_code,
        response.get("Location", ""),
        title.group(1).strip() if title else "",
        tuple(sorted(set(LINK.findall(html)))),
        tuple(CHANGE.findall(html)),
    )


def site_fingerprint(client) -> list:
    """What visitors and facilitators see: status, title, links, diffs, of the main pages."""
    from commons.models import Commons
    from community.models import TagDescription, User
    from portals.models import PortalPage
    from wiki.models import ArticlePage, RevisionMeta

    client.logout()
    urls = ["/", "/wiki/", "/communs/", "/modifications-recentes/", "/wiki/ancien-titre/"]
    urls += ["/recherche/?q=lavoir", "/recherche/?q=port", "/contributeurs/maela/"]
    urls += [f"/portails/{portal.slug}/" for portal in PortalPage.objects.order_by("pk")]
    urls += ["/etiquettes/"] + [
        f"/etiquettes/{description.tag.slug}/"
        for description in TagDescription.objects.order_by("pk").select_related("tag")
    ]
    for commons in Commons.objects.order_by("pk")[:4]:
        urls += [f"/communs/{commons.slug}/", f"/communs/{commons.slug}/historique/"]
    busiest = (
        RevisionMeta.objects.values("page_id")
        .annotate(count=Count("pk"))
        .order_by("-count", "page_id")[:6]
    )
    for row in busiest:
        page = ArticlePage.objects.get(pk=row["page_id"])
        ids = list(
            RevisionMeta.objects.filter(page=page, status="approved", hidden=False)
            .order_by("created_at", "revision_id")
            .values_list("revision_id", flat=True)
        )
        base = f"/wiki/{page.slug}/"
        urls += [base, base + "historique/", base + "discussion/", base + "liens/"]
        urls += [f"{base}historique/{ids[0]}/", f"{base}diff/{ids[0]}/{ids[-1]}/"]
    fingerprint = [_page(client, url) for url in urls]
    client.force_login(User.objects.get(username="anaig"))
    fingerprint += [_page(client, url) for url in ("/relecture/", "/wiki/")]
    client.logout()
    return fingerprint


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restored_site_is_identical_and_dumps_the_same_archive_both_ways(
    client, tmp_path, settings
):
    """Current database -> SQLite file (another process) -> current database.

    Under ``make pytest-postgres`` the current database is PostgreSQL, so this is the round
    trip PostgreSQL -> SQLite -> PostgreSQL; under ``make pytest``, SQLite -> SQLite.
    """
    from community.models import LicensedImage, TagDescription
    from wiki.models import RevisionMeta

    call_command("portals_demo", stdout=StringIO())
    _extras()
    before = site_fingerprint(client)
    assert any("/diff/" in page[0] and page[1] == 200 and page[5] for page in before)
    assert any(page[0] == "/relecture/" and page[1] == 200 for page in before)
    tag_pages = [page for page in before if page[0].startswith("/etiquettes/")]
    assert len(tag_pages) == 3 and all(page[1] == 200 for page in tag_pages)
    image = LicensedImage.objects.order_by("pk").first()
    with image.file.open("rb") as handle:
        image_bytes = handle.read()
    statuses = sorted(RevisionMeta.objects.values_list("status", "hidden", "origin"))
    descriptions = sorted(TagDescription.objects.values_list("tag__name", "body", "origin"))
    assert len(descriptions) == 2

    first = tmp_path / "first.tar.gz"
    options = ["--with-passwords", "--with-emails", "--no-progress"]
    call_command("site_dump", str(first), *options, stdout=StringIO())

    # Another process restores it into a new SQLite file and dumps that site again (one
    # process for both, as the test settings give each process its own media folder). The file
    # is already migrated when a SQLite run of this checkout left its template (migrated_copy);
    # otherwise site_restore migrates it first.
    other = migrated_copy(tmp_path / "other.sqlite3")
    second = tmp_path / "second.zip"
    script = (
        "from django.core.management import call_command\n"
        f"call_command('site_restore', {str(first)!r}, '--no-progress')\n"
        f"call_command('site_dump', {str(second)!r}, *{options!r})\n"
    )
    output = run_manage("shell", "-c", script, database=other)
    assert "Site restauré" in output and "Archive écrite" in output
    assert normalised(second) == normalised(first)

    # And back into this process's database (PostgreSQL under make pytest-postgres).
    call_command("flush", interactive=False, verbosity=0)
    assert not RevisionMeta.objects.exists()
    settings.MEDIA_ROOT = str(tmp_path / "restored-media")
    call_command("site_restore", str(second), "--no-progress", stdout=StringIO())

    assert sorted(RevisionMeta.objects.values_list("status", "hidden", "origin")) == statuses
    assert sorted(TagDescription.objects.values_list("tag__name", "body", "origin")) == descriptions
    with LicensedImage.objects.get(pk=image.pk).file.open("rb") as handle:
        assert handle.read() == image_bytes
    assert Path(settings.MEDIA_ROOT, image.file.name).is_file()
    third = tmp_path / "third.tar.gz"
    call_command("site_dump", str(third), *options, stdout=StringIO())
    assert normalised(third) == normalised(first)
    # Last, as signing the facilitator in changes her last log-in date.
    assert site_fingerprint(client) == before
