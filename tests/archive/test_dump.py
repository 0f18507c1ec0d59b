"""site_dump: one open archive, readable without Ker, private data only when asked."""

from __future__ import annotations

import hashlib
import json
from io import StringIO

import jsonschema
import pytest
from django.core.management import CommandError, call_command

from archive.tables import EXCLUDED, archived_tables
from commons.services import commons_update
from community.services import image_upload, user_block
from wiki.models import RevisionMeta, RevisionStatus
from wiki.services import ArticleFields, article_save, revision_hide, revision_reject, talk_post

from .conftest import archive_files, front_matter, rows, write_tar


@pytest.fixture
def small_site(
    create_article, resident, newcomer, facilitator, png_upload, declare, published_commons
):
    """Articles with approved, pending, refused and hidden revisions, a talk page, an image."""
    lavoir = create_article(title="Le lavoir", body="Le lavoir du bourg.", tags="eau, patrimoine")
    first = lavoir.live_revision_id
    article_save(
        page=lavoir,
        fields=ArticleFields(
            title="Le lavoir", body="Le lavoir du bourg, restauré en 1990.", tags="eau, patrimoine"
        ),
        user=resident,
        base_revision_id=first,
        edit_summary="date",
    )
    lavoir.refresh_from_db()
    article_save(
        page=lavoir,
        fields=ArticleFields(title="Le lavoir", body="Un numéro de téléphone privé."),
        user=newcomer,
        base_revision_id=lavoir.live_revision_id,
        edit_summary="ajout",
    )
    revision_reject(page=lavoir, user=facilitator, reason="Données personnelles")
    revision_hide(revision_id=first, user=facilitator, reason="Ancienne adresse privée")
    gare = create_article(title="La gare", body="La gare ferme en 1967.")
    article_save(
        page=gare,
        fields=ArticleFields(title="La gare", body="La gare ferme en 1967, puis devient un café."),
        user=newcomer,
        base_revision_id=gare.live_revision_id,
        edit_summary="suite",
        minor=True,
    )
    talk_post(page=gare, user=resident, body="Quelqu'un a une photo du quai ?")
    image_upload(
        file=png_upload, title="Le phare", author="Maëla", licence="CC BY 4.0", user=resident
    )
    user_block(user=facilitator, target=newcomer, reason="Essai", duration_days=3)
    return {"lavoir": lavoir, "gare": gare, "hidden_revision": first}


@pytest.fixture
def declare(db):
    from commons.services import commons_declare

    def make(user, name="Jardin partagé du Moulin", **extra):
        extra.setdefault("duplicates_confirmed", True)
        return commons_declare(
            user=user, name=name, summary="Un potager cultivé ensemble.", **extra
        )

    return make


@pytest.fixture
def published_commons(declare, resident, facilitator):
    from commons.services import commons_publish

    commons = declare(resident)
    commons = commons_publish(commons=commons, user=facilitator)
    commons_update(
        commons=commons,
        user=facilitator,
        changes={
            "summary": "Un potager cultivé ensemble, ouvert le samedi.",
            "contact_email": "jardin@example.org",
            "contact_name": "Maëla",
        },
        comment="horaires",
    )
    return commons


def test_dump_writes_one_archive_of_json_lines_markdown_and_files(small_site, tmp_path):
    path = tmp_path / "site.tar.gz"
    output = StringIO()
    call_command("site_dump", str(path), "--no-progress", stdout=output)

    files = archive_files(path)
    assert "Archive écrite" in output.getvalue()
    assert {"README.md", "manifest.json"} <= set(files)
    assert "data/wiki.revisionmeta.jsonl" in files
    assert any(name.startswith("media/original_images/") for name in files)
    images = rows(files, "community.licensedimage")
    assert [(row["fields"]["author"], row["fields"]["licence"]) for row in images] == [
        ("Maëla", "CC BY 4.0")
    ]
    assert files["media/" + images[0]["fields"]["file"]][:4] == b"\x89PNG"
    readme = files["README.md"].decode()
    assert "data/wagtailcore.revision.jsonl" in readme and "site_restore" in readme


def test_every_json_file_is_valid_against_its_schema_in_the_archive(small_site, tmp_path):
    path = tmp_path / "site.zip"
    call_command("site_dump", str(path), "--no-progress", stdout=StringIO())
    files = archive_files(path)
    manifest = json.loads(files["manifest.json"])
    checker = jsonschema.Draft202012Validator
    checker(
        json.loads(files["schemas/manifest.schema.json"]), format_checker=checker.FORMAT_CHECKER
    ).validate(manifest)

    checked = 0
    for table in manifest["tables"]:
        schema = json.loads(files[table["schema"]])
        checker.check_schema(schema)
        validator = checker(schema, format_checker=checker.FORMAT_CHECKER)
        lines = [line for line in files[table["file"]].splitlines() if line]
        assert len(lines) == table["rows"]
        for line in lines:
            validator.validate(json.loads(line))
            checked += 1
    assert checked > 100

    revision_schema = json.loads(files["schemas/article-revision.front-matter.schema.json"])
    talk_schema = json.loads(files["schemas/talk-message.front-matter.schema.json"])
    markdown = [name for name in files if name.startswith("articles/")]
    for name in markdown:
        header, _body = front_matter(files[name].decode())
        schema = talk_schema if "/discussion/" in name else revision_schema
        checker(schema, format_checker=checker.FORMAT_CHECKER).validate(header)
    assert any("/discussion/" in name for name in markdown)
    for name, expected in manifest["files"].items():
        assert hashlib.sha256(files[name]).hexdigest() == expected["sha256"]


def test_every_revision_is_a_markdown_file_with_its_author_date_and_status(small_site, tmp_path):
    path = tmp_path / "site.tar.gz"
    call_command("site_dump", str(path), "--no-progress", stdout=StringIO())
    files = archive_files(path)

    lavoir = small_site["lavoir"]
    metas = RevisionMeta.objects.filter(page=lavoir)
    assert metas.count() == 3
    versions = {
        name: front_matter(data.decode())
        for name, data in files.items()
        if name.startswith("articles/le-lavoir/versions/")
    }
    assert len(versions) == 3
    by_status = {header["status"]: (header, body) for header, body in versions.values()}
    assert set(by_status) == {"approved", "rejected"}
    refused = [h for h, _b in versions.values() if h["status"] == RevisionStatus.REJECTED]
    assert refused[0]["author"] == "nouveau" and refused[0]["edit_summary"] == "ajout"
    hidden = [(h, b) for h, b in versions.values() if h["hidden"]]
    assert len(hidden) == 1 and hidden[0][0]["revision"] == small_site["hidden_revision"]
    assert "Le lavoir du bourg." not in hidden[0][1] and "masqué" in hidden[0][1]
    live = [(h, b) for h, b in versions.values() if h["live"]]
    assert "restauré en 1990" in live[0][1]
    assert live[0][0]["tags"] == ["eau", "patrimoine"] and live[0][0]["url"] == "/wiki/le-lavoir/"

    gare = [
        front_matter(data.decode()) for name, data in files.items() if "la-gare/versions" in name
    ]
    pending = [h for h, _b in gare if h["status"] == "pending"]
    assert len(pending) == 1 and pending[0]["minor"] is True
    talk = [front_matter(d.decode()) for n, d in files.items() if "la-gare/discussion/" in n]
    assert talk[0][0]["author"] == "maela" and "photo du quai" in talk[0][1]


def test_password_hashes_and_emails_stay_out_unless_asked(small_site, tmp_path, resident):
    public = tmp_path / "public.tar.gz"
    private = tmp_path / "private.tar.gz"
    call_command("site_dump", str(public), "--no-progress", stdout=StringIO())
    call_command(
        "site_dump",
        str(private),
        "--with-passwords",
        "--with-emails",
        "--no-progress",
        stdout=StringIO(),
    )

    private_files = archive_files(private)
    private_users = {
        row["fields"]["username"]: row["fields"] for row in rows(private_files, "community.user")
    }
    assert private_users["maela"]["password"] == resident.password
    assert private_users["maela"]["email"] == "maela@example.org"
    assert b"jardin@example.org" in private_files["data/commons.commons.jsonl"]
    assert b"jardin@example.org" in private_files["data/reversion.version.jsonl"]

    public_files = archive_files(public)
    users = {
        row["fields"]["username"]: row["fields"] for row in rows(public_files, "community.user")
    }
    assert users["maela"]["password"] == "" and users["maela"]["email"] == ""
    assert users["maela"]["is_confirmed"] is True
    everything = b"".join(public_files.values())
    assert resident.password.encode() not in everything
    assert b"@example.org" not in everything
    blocks = rows(public_files, "community.block")
    assert blocks[0]["fields"]["reason"] == "Essai"
    manifest = json.loads(public_files["manifest.json"])
    assert manifest["options"] == {"with_passwords": False, "with_emails": False}


def test_every_table_is_archived_except_the_documented_caches(db):
    from django.apps import apps

    archived = {table.label for table in archived_tables()}
    for app_label in ("community", "wiki", "commons", "portals"):
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            label = model._meta.label_lower
            assert label in archived or label in EXCLUDED, label
    assert {"wagtailcore.page", "wagtailcore.revision", "reversion.version"} <= archived
    assert {
        "wagtailredirects.redirect",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wiki.watch",
        "community.report",
    } <= archived
    assert "community.licensedrendition" in EXCLUDED and "sessions.session" in EXCLUDED


def test_dump_refuses_an_unknown_extension(db, tmp_path):
    with pytest.raises(CommandError, match=r"\.tar\.gz ou \.zip"):
        call_command("site_dump", str(tmp_path / "site.rar"), stdout=StringIO())
    assert not (tmp_path / "site.rar").exists()


def test_each_commons_record_is_a_markdown_file_checked_by_the_manifest(
    published_commons, facilitator, tmp_path
):
    commons_update(
        commons=published_commons,
        user=facilitator,
        changes={
            "description": "Des carrés de légumes **partagés** derrière le moulin.",
            "commune": "Brest",
            "how_to_join": "Venir le samedi matin.",
        },
        comment="description",
    )
    path = tmp_path / "site.tar.gz"
    call_command("site_dump", str(path), "--no-progress", stdout=StringIO())
    files = archive_files(path)

    name = f"communs/{published_commons.slug}.md"
    header, body = front_matter(files[name].decode())
    schema = json.loads(files["schemas/commons-record.front-matter.schema.json"])
    checker = jsonschema.Draft202012Validator
    checker(schema, format_checker=checker.FORMAT_CHECKER).validate(header)
    assert header["name"] == "Jardin partagé du Moulin"
    assert header["summary"] == "Un potager cultivé ensemble, ouvert le samedi."
    assert header["status"] == "published" and header["commune"] == "Brest"
    assert header["url"] == published_commons.get_absolute_url()
    assert header["versions"] >= 3
    assert body.lstrip().startswith("Des carrés de légumes **partagés** derrière le moulin.")
    assert "## Comment rejoindre\n\nVenir le samedi matin." in body
    assert "Maëla" not in files[name].decode()  # the contact stays out of the readable copy
    manifest = json.loads(files["manifest.json"])
    assert manifest["files"][name]["sha256"] == hashlib.sha256(files[name]).hexdigest()

    files[name] = files[name].replace("légumes".encode(), b"poireaux")
    changed = tmp_path / "changed.tar.gz"
    write_tar(changed, files)
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("site_restore", str(changed), "--check", stdout=StringIO())
