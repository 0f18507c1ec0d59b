"""Settings: production refuses to start without secrets, passes `check --deploy`, and
responses carry the security headers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, env_overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_secret_and_hosts():
    result = run_manage(
        "check", env_overrides={"DJANGO_SETTINGS_MODULE": "config.settings.production"}
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.database
def test_production_passes_check_deploy(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "x" * 20 + "a-long-and-random-secret-key-for-the-test-0123456789",
            "DJANGO_ALLOWED_HOSTS": "ker.example.org",
            # The suite's database: on the PostgreSQL run, with the PostgreSQL search engine.
            "DATABASE_URL": os.environ.get("DATABASE_URL")
            or f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_unix_socket_directory_can_be_the_database_host(monkeypatch):
    from config.settings.base import database_from_env

    monkeypatch.setenv("DATABASE_URL", "postgres://ker@%2Fvar%2Frun%2Fpostgresql:5433/ker")
    database = database_from_env("sqlite:///unused.sqlite3")
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "/var/run/postgresql",
        5433,
        "ker",
    )
    monkeypatch.setenv("DATABASE_URL", "postgres://ker:secret@db.example.org:5432/ker")
    assert database_from_env("sqlite:///unused.sqlite3")["HOST"] == "db.example.org"


@pytest.mark.django_db
def test_responses_carry_security_headers(client):
    response = client.get("/wiki/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_uploads_are_served_with_safe_content_types(resident_client, png_upload, settings):
    from pathlib import Path

    from community.models import LicensedImage

    resident_client.post(
        "/wiki/televerser/",
        {
            "image_file": png_upload,
            "image_title": "Phare",
            "image_author": "M",
            "image_licence": "CC BY 4.0",
        },
    )
    image = LicensedImage.objects.get()
    response = resident_client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    hostile = Path(settings.MEDIA_ROOT) / "original_images" / "page.html"
    hostile.write_text("<script>alert(1)</script>")
    assert resident_client.get("/media/original_images/page.html").status_code == 404
