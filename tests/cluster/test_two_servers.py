"""Two app servers, one site: nothing a visitor or an editor sees depends on which server answers.

Run by ``make test-cluster`` (never by the normal suite: marker ``cluster``), inside
``scripts/with-postgres.sh scripts/with-redis.sh``, which start a throwaway PostgreSQL and Redis
from Debian's packages and export ``DATABASE_URL`` and ``KER_CACHE_URL``. The test itself starts
a local S3 server (moto) for the uploads, two gunicorn instances of Ker with the same settings on
two loopback ports (A and B), and ONE ``search_worker`` for the cluster (search on PostgreSQL,
``KER_SEARCH_BACKEND=postgres``), and stops them all.
"""

from __future__ import annotations

import html
import json
import os
import re
import threading
import time
from pathlib import Path

import boto3
import pytest
import requests
from django.contrib.auth.models import Group
from django.db import connection

from community.models import User
from community.policy import FACILITATOR_GROUP
from tests.conftest import image_bytes
from tests.servers import (
    PASSWORD,
    database_url_for_subprocesses,
    free_port,
    hidden_value,
    log_in,
    server_environment,
    start_gunicorn,
    start_search_worker,
    stop,
    textarea_value,
    wait_until_up,
)
from tests.wiki.test_concurrent_saves import add_marker
from wiki.services import ArticleFields, article_create

# The tests only speak HTTP; the mark makes pytest-django create the test database, which the
# module's servers use (the site's data is committed there once, by the `cluster` fixture).
pytestmark = [pytest.mark.cluster, pytest.mark.django_db]

BUCKET = "ker-cluster"
EDITORS = 8
SAVES_PER_EDITOR = 8
WORKSHOP_ARTICLES = 3
VISIBLE_WITHIN = 2.0  # seconds


def _require_shared_engines() -> None:
    cache_url = os.environ.get("KER_CACHE_URL", "")
    if connection.vendor != "postgresql" or not cache_url.startswith("redis://"):
        pytest.fail(
            "The cluster test needs PostgreSQL and Redis: run `make test-cluster` "
            "(scripts/with-postgres.sh scripts/with-redis.sh .venv/bin/pytest -m cluster "
            f"tests/cluster); database {connection.vendor}, KER_CACHE_URL={cache_url!r}."
        )


def _start_s3(tmp_path: Path):
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="ker-cluster",
        aws_secret_access_key="ker-cluster-secret",
    )
    client.create_bucket(Bucket=BUCKET)
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    return server, client, endpoint


def _create_site() -> dict:
    """People and articles, committed (the servers read them from the shared database)."""
    editors = [
        User.objects.create_user(
            username=f"grappe{number}",
            email=f"grappe{number}@example.org",
            password=PASSWORD,
            is_confirmed=True,
        )
        for number in range(EDITORS)
    ]
    newcomer = User.objects.create_user(
        username="nouvelle", email="nouvelle@example.org", password=PASSWORD
    )
    facilitator = User.objects.create_user(
        username="animateur", email="animateur@example.org", password=PASSWORD
    )
    facilitator.groups.add(Group.objects.get_or_create(name=FACILITATOR_GROUP)[0])

    def article(title: str, body: str) -> str:
        return article_create(
            fields=ArticleFields(title=title, body=body), user=editors[0]
        ).page.slug

    slugs = {
        name: article(title, f"{title} : premier état.\n")
        for name, title in (
            ("visible", "Le quai des Indes"),
            ("cache", "La halle aux grains"),
            ("image", "Le phare du Minou"),
            ("review", "La cale du Moulin"),
        )
    }
    workshop = []
    for number in range(WORKSHOP_ARTICLES):
        lines = [f"Atelier de la grappe numéro {number}."]
        for editor in range(EDITORS):
            lines += ["", f"Séparateur {editor} de l'atelier {number}.", "", f"u{editor}:"]
        workshop.append(article(f"Atelier de la grappe {number}", "\n".join(lines) + "\n"))
    return {
        "editors": [user.username for user in editors],
        "newcomer": newcomer.username,
        "facilitator": facilitator.username,
        "slugs": slugs,
        "workshop": workshop,
    }


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    """PostgreSQL + Redis (from the scripts), S3 (moto), servers A and B, one search worker."""
    tmp_path = tmp_path_factory.mktemp("cluster")
    with django_db_blocker.unblock():
        _require_shared_engines()
        site = _create_site()
        database_url = database_url_for_subprocesses(tmp_path)
    s3_server, s3_client, s3_endpoint = _start_s3(tmp_path)

    # The same settings for every process: the test settings with the shared engines (the
    # Whoosh index directory is set too, in case KER_SEARCH_BACKEND is switched to whoosh).
    environment = server_environment(
        tmp_path,
        settings_name="cluster_settings",
        database_url=database_url,
        extra_settings=(
            "from config.settings.base import media_storage_config\n"
            "STORAGES = {**STORAGES, 'default': media_storage_config()}  # noqa: F405\n"
        ),
        # Search on the shared database (the engine for several machines); its one writer is
        # the search worker, which applies the queue that the servers' saves fill.
        KER_SEARCH_BACKEND="postgres",
        KER_SEARCH_QUEUE_MODE="worker",
        KER_MEDIA_STORAGE="s3",
        KER_S3_BUCKET=BUCKET,
        KER_S3_ENDPOINT_URL=s3_endpoint,
        KER_S3_REGION="us-east-1",
        KER_S3_ACCESS_KEY_ID="ker-cluster",
        KER_S3_SECRET_ACCESS_KEY="ker-cluster-secret",
        KER_RATE_EDIT_USER="100000/h",
        KER_RATE_EDIT_IP="100000/h",
        KER_RATE_PREVIEW_USER="3/d",
    )
    log = open(tmp_path / "cluster.log", "wb")  # noqa: SIM115 - closed below
    processes = []
    urls = []
    try:
        processes.append(start_search_worker(environment, log=log))
        for _server in ("A", "B"):
            port = free_port()
            processes.append(
                start_gunicorn(environment, port=port, log=log, workers=2, threads=4, timeout=120)
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url, process in zip(urls, processes[1:], strict=True):
            wait_until_up(url, process)
        yield {
            **site,
            "a": urls[0],
            "b": urls[1],
            "s3": s3_client,
            "s3_endpoint": s3_endpoint,
            "log": tmp_path / "cluster.log",
        }
    finally:
        stop(processes)
        log.close()
        s3_server.stop()


@pytest.fixture(autouse=True)
def _no_server_error(request):
    yield
    if "cluster" in request.fixturenames:
        text = request.getfixturevalue("cluster")["log"].read_text(errors="replace")
        assert "Traceback" not in text, text[-4000:]


# ------------------------------------------------------------------------------------ helpers


def save_edit(session, base_url: str, slug: str, change, *, files=None, extra=None):
    """Open the edit form on this server and save it with ``change(body)`` as the new text."""
    edit_url = f"{base_url}/wiki/{slug}/modifier/"
    page = session.get(edit_url, timeout=120).text
    data = {
        "csrfmiddlewaretoken": hidden_value(page, "csrfmiddlewaretoken"),
        "base_revision_id": hidden_value(page, "base_revision_id"),
        "title": hidden_value(page, "title"),
        "summary": hidden_value(page, "summary"),
        "tags": hidden_value(page, "tags"),
        "place_name": hidden_value(page, "place_name"),
        "latitude": "",
        "longitude": "",
        "body": change(textarea_value(page, "body")),
        "edit_summary": "grappe",
        "action": "enregistrer",
        **(extra or {}),
    }
    return session.post(
        edit_url,
        data=data,
        files=files,
        headers={"Referer": edit_url},
        allow_redirects=False,
        timeout=120,
    )


def anonymous_get(url: str, **params) -> requests.Response:
    """A visitor without any cookie (the page cache serves such visitors)."""
    return requests.get(url, params=params or None, timeout=120)


def preview(session, base_url: str) -> int:
    token = session.cookies.get("csrftoken")
    return session.post(
        f"{base_url}/wiki/apercu/",
        data={"body": "Un *aperçu*.", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base_url}/wiki/creer/", "X-CSRFToken": token},
        timeout=120,
    ).status_code


def queue_form(session, base_url: str, title: str) -> dict[str, str] | None:
    """The hidden fields of the review-queue item titled ``title``, or None if not queued."""
    page = session.get(f"{base_url}/relecture/", timeout=120)
    assert page.status_code == 200
    for section in page.text.split('<section class="card review-item"')[1:]:
        if title not in html.unescape(section.split("</h2>")[0]):
            continue
        form = section.split("<form", 1)[1].split("</form>", 1)[0]
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
        return {name: html.unescape(value) for name, value in fields.items()}
    return None


def bucket_keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


# -------------------------------------------------------------------------------------- tests


def test_edit_saved_on_a_is_visible_and_searchable_on_b_within_two_seconds(cluster):
    slug = cluster["slugs"]["visible"]
    marker = "quaiindesgrappe"
    before = anonymous_get(f"{cluster['b']}/wiki/{slug}/").text
    assert "premier état" in before and marker not in before
    assert f'href="/wiki/{slug}/"' not in anonymous_get(f"{cluster['b']}/recherche/", q=marker).text

    editor = log_in(cluster["a"], cluster["editors"][0])
    response = save_edit(editor, cluster["a"], slug, lambda body: body + f"\nAjout {marker}.\n")
    assert response.status_code == 302
    saved_at = time.monotonic()

    # Two pollers at once, so that neither waits for the other's request (B renders the
    # article again: its page cache was invalidated by A's save).
    elapsed: dict[str, float] = {}

    def poll(name: str, path: str, params: dict, expected: str) -> None:
        while time.monotonic() - saved_at < 10:
            if expected in anonymous_get(f"{cluster['b']}{path}", **params).text:
                elapsed[name] = time.monotonic() - saved_at
                return
            time.sleep(0.05)

    pollers = [
        threading.Thread(target=poll, args=("visible", f"/wiki/{slug}/", {}, marker)),
        threading.Thread(
            target=poll, args=("searchable", "/recherche/", {"q": marker}, f'href="/wiki/{slug}/"')
        ),
    ]
    for poller in pollers:
        poller.start()
    for poller in pollers:
        poller.join(timeout=60)
    visible_after, searchable_after = elapsed.get("visible"), elapsed.get("searchable")
    print(f"visible on B after {visible_after} s, searchable after {searchable_after} s")
    assert visible_after is not None and visible_after <= VISIBLE_WITHIN, visible_after
    assert searchable_after is not None and searchable_after <= VISIBLE_WITHIN, searchable_after


def test_rate_limit_counted_on_a_applies_on_b(cluster):
    # KER_RATE_PREVIEW_USER=3/d: alone, each server would count at most 2 of these 4.
    editor_on_a = log_in(cluster["a"], cluster["editors"][1])
    editor_on_b = log_in(cluster["b"], cluster["editors"][1])
    assert preview(editor_on_b, cluster["b"]) == 200
    assert preview(editor_on_a, cluster["a"]) == 200
    assert preview(editor_on_a, cluster["a"]) == 200
    assert preview(editor_on_b, cluster["b"]) == 429
    # The limit is the person's, not the server's: someone else still previews on B.
    other = log_in(cluster["b"], cluster["editors"][2])
    assert preview(other, cluster["b"]) == 200


def test_image_uploaded_on_a_is_served_by_b_from_the_shared_bucket(cluster):
    slug = cluster["slugs"]["image"]
    editor = log_in(cluster["a"], cluster["editors"][3])
    response = save_edit(
        editor,
        cluster["a"],
        slug,
        lambda body: body,
        files={"image_file": ("phare.png", image_bytes("PNG", (160, 90)), "image/png")},
        extra={"image_title": "Le phare la nuit", "image_author": "Grappe"},
    )
    assert response.status_code == 302
    keys = bucket_keys(cluster["s3"])
    assert any(key.startswith("original_images/") for key in keys), keys
    assert not any(key.startswith("images/") for key in keys), keys  # no rendition yet

    page = anonymous_get(f"{cluster['b']}/wiki/{slug}/").text  # B makes the rendition
    prefix = f"{cluster['s3_endpoint']}/{BUCKET}/"
    sources = [src for src in re.findall(r'<img[^>]+src="([^"]+)"', page) if src.startswith(prefix)]
    assert sources, re.findall(r"<img[^>]*>", page)
    rendition = sources[0].removeprefix(prefix)
    assert rendition.startswith("images/") and rendition in bucket_keys(cluster["s3"])
    served = requests.get(sources[0], timeout=60)
    assert served.status_code == 200 and served.content.startswith(b"\x89PNG")
    # A shows the same rendition (made once, by B).
    assert sources[0] in anonymous_get(f"{cluster['a']}/wiki/{slug}/").text


def test_page_cached_on_b_is_refreshed_by_a_publication_on_a(cluster):
    slug = cluster["slugs"]["cache"]
    url_on_b = f"{cluster['b']}/wiki/{slug}/"
    anonymous_get(url_on_b)
    cached = anonymous_get(url_on_b)
    assert cached.headers.get("X-Ker-Cache") == "hit"
    assert "grainsrefaits" not in cached.text

    editor = log_in(cluster["a"], cluster["editors"][4])
    response = save_edit(editor, cluster["a"], slug, lambda body: body + "\nToit grainsrefaits.\n")
    assert response.status_code == 302

    fresh = anonymous_get(url_on_b)
    assert fresh.headers.get("X-Ker-Cache") == "miss"
    assert "grainsrefaits" in fresh.text


def test_review_decision_on_b_updates_the_queue_on_a(cluster):
    slug, title = cluster["slugs"]["review"], "La cale du Moulin"
    newcomer = log_in(cluster["a"], cluster["newcomer"])
    response = save_edit(newcomer, cluster["a"], slug, lambda body: body + "\nCale moulinrelue.\n")
    assert response.status_code == 302
    assert "moulinrelue" not in anonymous_get(f"{cluster['a']}/wiki/{slug}/").text  # pending

    facilitator_on_a = log_in(cluster["a"], cluster["facilitator"])
    facilitator_on_b = log_in(cluster["b"], cluster["facilitator"])
    assert queue_form(facilitator_on_a, cluster["a"], title) is not None
    fields = queue_form(facilitator_on_b, cluster["b"], title)
    assert fields is not None
    token = facilitator_on_b.cookies.get("csrftoken")
    decided = facilitator_on_b.post(
        f"{cluster['b']}/relecture/decision/",
        data={**fields, "decision": "approve", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{cluster['b']}/relecture/"},
        allow_redirects=False,
        timeout=120,
    )
    assert decided.status_code == 302

    assert queue_form(facilitator_on_a, cluster["a"], title) is None
    assert "moulinrelue" in anonymous_get(f"{cluster['a']}/wiki/{slug}/").text


def test_eight_editors_spread_over_both_servers_lose_no_save(cluster):
    servers = [cluster["a"], cluster["b"]]
    slugs = cluster["workshop"]
    saved: dict[str, list[str]] = {slug: [] for slug in slugs}
    refused: dict[str, list[str]] = {slug: [] for slug in slugs}
    failures: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(EDITORS)

    def edit(editor: int) -> None:
        base_url = servers[editor % 2]
        try:
            session = log_in(base_url, cluster["editors"][editor])
            start.wait(timeout=120)
            for number in range(SAVES_PER_EDITOR):
                slug = slugs[(editor + number) % len(slugs)]
                marker = f"grappe{editor}x{number}"
                response = save_edit(
                    session, base_url, slug, lambda body, m=marker: add_marker(body, editor, m)
                )
                with lock:
                    if response.status_code == 302:
                        saved[slug].append(marker)
                    elif response.status_code == 409:
                        refused[slug].append(marker)
                    else:
                        failures.append(f"{base_url} {slug} {marker}: {response.status_code}")
        except Exception as error:  # reported with the others
            with lock:
                failures.append(f"editor {editor}: {error!r}")

    threads = [threading.Thread(target=edit, args=(editor,)) for editor in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)

    assert not failures, failures[:10]
    assert sum(map(len, saved.values())) + sum(map(len, refused.values())) == (
        EDITORS * SAVES_PER_EDITOR
    )
    assert sum(map(len, saved.values())) > 0
    for base_url in servers:
        reader = log_in(base_url, cluster["editors"][0])
        for slug in slugs:
            page = reader.get(f"{base_url}/wiki/{slug}/modifier/", timeout=120).text
            words = set(textarea_value(page, "body").split())
            missing = [marker for marker in saved[slug] if marker not in words]
            assert not missing, f"{base_url} {slug}: saves lost {missing}"
            kept = [marker for marker in refused[slug] if marker in words]
            assert not kept, f"{base_url} {slug}: refused saves present {kept}"
