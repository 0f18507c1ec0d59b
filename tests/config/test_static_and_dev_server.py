"""Static files never give a server error (production WhiteNoise, `make run`), and `make run`
stays on one's own machine unless told otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
from django.test import RequestFactory

ROOT = Path(__file__).resolve().parents[2]
TRAVERSALS = [
    "/static/..%2f..%2f..%2fmanage.py",
    "/static/..%2f..%2fetc%2fpasswd",
    "/static/../../manage.py",
    "/static/%2e%2e/%2e%2e/manage.py",
    "/static/css/..%2f..%2f..%2fREADME.md",
    "/static/%c0%ae%c0%ae/manage.py",
    "/static/..\\..\\manage.py",
]


def _settings_of(module: str, *names: str, **env) -> list[str]:
    """Values of some settings of a settings module, read in a fresh interpreter."""
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        f"print(json.dumps([repr(getattr(settings, n)) for n in {list(names)!r}]))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "KER_ALLOW_PUBLIC_DEV"}
    environment.update(DJANGO_SETTINGS_MODULE=module, **env)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _wsgi_status(handler, path: str) -> int:
    # As a WSGI server passes it: percent-decoded, bytes as latin-1.
    decoded = unquote_to_bytes(path).decode("latin-1")
    environ = RequestFactory()._base_environ(PATH_INFO=decoded, REQUEST_METHOD="GET")
    statuses = []
    body = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    return int(statuses[0].split()[0])


@pytest.mark.django_db
@pytest.mark.parametrize("path", TRAVERSALS)
def test_production_static_serving_never_errs_on_traversal(client, settings, path):
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        "whitenoise.middleware.WhiteNoiseMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    settings.WHITENOISE_USE_FINDERS = True
    assert client.get("/static/css/ker.css").status_code == 200
    response = client.get(path)
    assert response.status_code < 500
    assert b"DJANGO_SETTINGS_MODULE" not in response.content  # manage.py never served


def test_make_run_serves_static_files_through_whitenoise_not_django_static_handler():
    installed, middleware = _settings_of("config.settings.dev", "INSTALLED_APPS", "MIDDLEWARE")
    assert "whitenoise.runserver_nostatic" in installed
    assert installed.index("whitenoise.runserver_nostatic") < installed.index(
        "django.contrib.staticfiles"
    )
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in middleware


def test_django_static_handler_is_what_errs(db):
    """Why: runserver's default static handler lets SuspiciousFileOperation out (a 500)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.exceptions import SuspiciousFileOperation
    from django.core.handlers.wsgi import WSGIHandler

    with pytest.raises(SuspiciousFileOperation):
        _wsgi_status(StaticFilesHandler(WSGIHandler()), "/static/../../manage.py")


@pytest.mark.django_db
@pytest.mark.parametrize("path", TRAVERSALS)
def test_development_server_handler_never_errs_on_traversal(settings, path):
    """The handler `make run` uses: runserver without its static handler, WhiteNoise in front
    (with DEBUG, WhiteNoise finds files through the finders and refreshes)."""
    from django.core.handlers.wsgi import WSGIHandler

    settings.DEBUG = True
    settings.MIDDLEWARE = [
        settings.MIDDLEWARE[0],
        "whitenoise.middleware.WhiteNoiseMiddleware",
        *settings.MIDDLEWARE[1:],
    ]
    from django.core import signals
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the test's database connection
    # (on PostgreSQL that breaks the test's transaction for the next request).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        handler = WSGIHandler()
        assert _wsgi_status(handler, "/static/css/ker.css") == 200
        assert _wsgi_status(handler, path) < 500
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# --- make run stays local --------------------------------------------------------------------


def _make_check_host(host: str, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "KER_ALLOW_PUBLIC_DEV"}
    environment.update(env)
    return subprocess.run(
        ["make", "--no-print-directory", "check-host", f"HOST={host}"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_make_run_accepts_loopback_hosts(host):
    assert _make_check_host(host).returncode == 0


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "ker.example.org"])
def test_make_run_refuses_a_public_host_unless_explicitly_allowed(host):
    refused = _make_check_host(host)
    assert refused.returncode != 0 and "KER_ALLOW_PUBLIC_DEV=1" in refused.stdout
    assert _make_check_host(host, KER_ALLOW_PUBLIC_DEV="1").returncode == 0


def test_make_run_runs_the_host_check_before_anything_else():
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "HOST=0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert plan.lstrip().startswith("case")


def test_development_settings_answer_only_to_loopback_names_unless_allowed():
    (hosts,) = _settings_of("config.settings.dev", "ALLOWED_HOSTS", DJANGO_ALLOWED_HOSTS="*")
    assert "*" not in hosts and "localhost" in hosts
    (opened,) = _settings_of(
        "config.settings.dev", "ALLOWED_HOSTS", DJANGO_ALLOWED_HOSTS="*", KER_ALLOW_PUBLIC_DEV="1"
    )
    assert "'*'" in opened


def test_make_run_gives_the_web_server_its_own_address_for_links_in_e_mails():
    plan = subprocess.run(
        ["make", "--no-print-directory", "-n", "run", "PORT=8765"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    assert 'DJANGO_BASE_URL="${DJANGO_BASE_URL:-http://127.0.0.1:8765}"' in plan
    command = plan.split('DJANGO_BASE_URL="${DJANGO_BASE_URL:-http://127.0.0.1:8765}"')[1]
    assert command.lstrip(" \\\n").startswith(".venv/bin/python manage.py runserver 127.0.0.1:8765")
    (base_url,) = _settings_of(
        "config.settings.dev", "WAGTAILADMIN_BASE_URL", DJANGO_BASE_URL="http://127.0.0.1:8765"
    )
    assert "http://127.0.0.1:8765" in base_url
