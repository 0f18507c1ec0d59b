"""State that several app servers share: the cache in Redis (django-redis), sessions in the
database, uploads and their renditions in an S3-compatible bucket (django-storages).

The S3 path runs against moto's S3 server started by the test on 127.0.0.1, never the internet.
"""

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from community.models import LicensedImage
from config.settings.base import cache_config, media_storage_config
from tests.conftest import image_bytes

ROOT = Path(__file__).resolve().parents[2]
BUCKET = "ker-medias"


def production_settings(tmp_path, **overrides) -> dict:
    """The production settings that several servers would load, read in a fresh process."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("KER_")}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "x" * 20 + "a-long-and-random-secret-key-for-the-test-0123456789",
            "DJANGO_ALLOWED_HOSTS": "ker.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **overrides,
        }
    )
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'cache': s.CACHES['default'], 'session': s.SESSION_ENGINE, "
        "'storage': s.STORAGES['default'], "
        "'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
        "'serve_media': s.KER_SERVE_MEDIA}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_one_machine_keeps_a_file_cache_local_media_and_database_sessions(tmp_path):
    loaded = production_settings(tmp_path, DJANGO_CACHE_DIR=str(tmp_path / "cache"))

    assert loaded["cache"]["BACKEND"] == "community.cache.FileCache"
    assert loaded["storage"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["session"] == "django.contrib.sessions.backends.db"
    assert loaded["serve_media"] is True


def test_several_servers_share_redis_an_s3_bucket_and_allow_its_images(tmp_path):
    loaded = production_settings(
        tmp_path,
        KER_CACHE_URL="redis://10.0.0.5:6379/1",
        KER_SESSION_ENGINE="cache",
        KER_MEDIA_STORAGE="s3",
        KER_S3_BUCKET="ker-medias",
        KER_S3_ENDPOINT_URL="https://s3.fr-par.example.org",
        KER_S3_REGION="fr-par",
        KER_S3_PREFIX="kerlann",
    )

    assert loaded["cache"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert loaded["cache"]["LOCATION"] == "redis://10.0.0.5:6379/1"
    assert loaded["session"] == "django.contrib.sessions.backends.cache"
    storage = loaded["storage"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "ker-medias"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.fr-par.example.org"
    assert storage["OPTIONS"]["location"] == "kerlann"
    assert storage["OPTIONS"]["querystring_auth"] is False
    # Pages point at the bucket's host: the Content-Security-Policy lets those images load.
    assert "https://s3.fr-par.example.org" in loaded["img_src"]
    assert loaded["serve_media"] is False


def test_unknown_media_storage_is_refused_at_start(tmp_path):
    environment = {key: value for key, value in os.environ.items() if not key.startswith("KER_")}
    environment.update(
        {"KER_MEDIA_STORAGE": "ftp", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True
    )
    assert result.returncode != 0
    assert b"KER_MEDIA_STORAGE='ftp' is unknown" in result.stderr


def test_redis_url_options_reach_django_redis():
    config = cache_config("redis://127.0.0.1:6379/2?key_prefix=ker")
    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert config["KEY_PREFIX"] == "ker"
    assert config["OPTIONS"]["CLIENT_CLASS"] == "django_redis.client.DefaultClient"


# ------------------------------------------------------------------------------ S3 with moto


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3_bucket(monkeypatch):
    """A local S3 server (moto) with an empty bucket, and Ker's S3 settings pointing at it."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"aws_access_key_id": "ker-test", "aws_secret_access_key": "ker-test-secret"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket=BUCKET)
    # As documented: visitors read the media prefix without signatures (a public-read policy).
    public_read = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/medias/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))
    for name, value in {
        "KER_MEDIA_STORAGE": "s3",
        "KER_S3_BUCKET": BUCKET,
        "KER_S3_ENDPOINT_URL": endpoint,
        "KER_S3_REGION": "us-east-1",
        "KER_S3_ACCESS_KEY_ID": "ker-test",
        "KER_S3_SECRET_ACCESS_KEY": "ker-test-secret",
        "KER_S3_PREFIX": "medias",
    }.items():
        monkeypatch.setenv(name, value)
    storages = {
        "default": media_storage_config(),
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    try:
        with override_settings(STORAGES=storages):
            yield {"client": client, "endpoint": endpoint}
    finally:
        server.stop()


def bucket_keys(client) -> list[str]:
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.mark.django_db
def test_image_uploaded_in_the_edit_form_is_stored_in_s3_and_shown_from_there(
    s3_bucket, resident_client, create_article, settings, tmp_path
):
    # An empty local media folder: another test's upload of the same name must not count.
    settings.MEDIA_ROOT = str(tmp_path / "local-media")
    client = s3_bucket["client"]
    assert bucket_keys(client) == []
    page = create_article(title="Le phare", body="Le phare du Créac'h.")

    response = resident_client.post(
        f"/wiki/{page.slug}/modifier/",
        {
            "title": "Le phare",
            "body": page.body,
            "base_revision_id": page.latest_revision_id,
            "image_file": SimpleUploadedFile("phare.png", image_bytes("PNG", (120, 80))),
            "image_title": "Le phare en 1950",
            "image_author": "Maela",
        },
    )
    assert response.status_code == 302

    image = LicensedImage.objects.get()
    original = f"medias/{image.file.name}"
    assert original in bucket_keys(client)
    assert not (Path(settings.MEDIA_ROOT) / image.file.name).exists()  # nothing on local disk

    article = resident_client.get(f"/wiki/{page.slug}/")
    sources = re.findall(r'<img[^>]+src="([^"]+)"', article.content.decode())
    from_bucket = [src for src in sources if src.startswith(f"{s3_bucket['endpoint']}/{BUCKET}/")]
    assert from_bucket, sources
    rendition_key = from_bucket[0].split(f"/{BUCKET}/", 1)[1]
    assert rendition_key.startswith("medias/images/") and rendition_key != original
    assert rendition_key in bucket_keys(client)

    # The bucket serves the rendition itself (what a visitor's browser loads).
    served = requests.get(from_bucket[0], timeout=30)
    assert served.status_code == 200
    assert served.content[:8] == b"\x89PNG\r\n\x1a\n"
