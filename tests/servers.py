"""Running Ker as in production for a test: gunicorn and ``search_worker`` in subprocesses on
127.0.0.1, with settings and a database they can reach, and logging in to them over HTTP.

Used by the tests that start servers (``tests/wiki/test_concurrent_saves.py`` and
``tests/cluster/test_two_servers.py``, which commit for real and run in a pytest process of their
own, ``TRANSACTIONAL_TESTS`` in the Makefile; ``tests/commons/test_harvest_from_ker.py``, whose
other site starts from the suite's migrated template).
"""

from __future__ import annotations

import html
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
# The password of the people these tests create and log in over HTTP.
PASSWORD = "mot-de-passe-solide"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sqlite_copy(path: Path) -> Path:
    """A file copy of the (in-memory) SQLite test database, as it is now.

    A test that copies must be transactional: SQLite's backup of an in-memory database waits
    forever while a test transaction holds it.
    """
    connection.ensure_connection()
    target = sqlite3.connect(path)
    with target:
        connection.connection.backup(target)
    target.close()
    return path


def database_url_for_subprocesses(tmp_path: Path, *, name: str = "ker.sqlite3") -> str:
    """The database the servers will use: the test database itself (PostgreSQL), or a file
    copy of it (SQLite: a subprocess cannot reach an in-memory database)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{sqlite_copy(tmp_path / name)}"
    if connection.vendor == "postgresql":
        database = connection.settings_dict
        credentials = quote(database["USER"] or "")
        if database["PASSWORD"]:
            credentials += ":" + quote(database["PASSWORD"])
        host = database["HOST"] or "127.0.0.1"
        if host.startswith("/"):  # a Unix socket directory, percent-encoded in the URL
            host = quote(host, safe="")
        port = f":{database['PORT']}" if database["PORT"] else ""
        return f"postgres://{credentials}@{host}{port}/{database['NAME']}"
    pytest.skip(f"No server setup for {connection.vendor}")


def server_environment(
    tmp_path: Path,
    *,
    settings_name: str,
    database_url: str,
    extra_settings: str = "",
    **variables: str,
) -> dict[str, str]:
    """The environment of every process of one site: the test settings in a module of its own
    (one search index and media directory shared by its processes: the test settings would make
    a new temporary index per process), its database, and ``variables``."""
    (tmp_path / f"{settings_name}.py").write_text(
        "from config.settings.test import *  # noqa: F403\n"
        f"KER_SEARCH_INDEX_DIR = {str(tmp_path / 'index')!r}\n"
        f"MEDIA_ROOT = {str(tmp_path / 'media')!r}\n" + extra_settings
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_name,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(BASE_DIR)]),
        "DATABASE_URL": database_url,
        "PYTHONUNBUFFERED": "1",
        **variables,
    }


def start_gunicorn(
    environment: dict[str, str],
    *,
    port: int,
    log: IO[bytes],
    workers: int = 2,
    threads: int = 4,
    timeout: int = 120,
) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            f"--timeout={timeout}",
        ],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def start_search_worker(environment: dict[str, str], *, log: IO[bytes]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "search_worker", "--interval", "0.2"],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def manage(environment: dict[str, str], *arguments: str, timeout: float = 120) -> str:
    """``manage.py`` in a site's environment (its settings, its database); returns stdout."""
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def wait_until_up(
    url: str,
    process: subprocess.Popen,
    *,
    path: str = "/wiki/",
    log: Path | None = None,
    timeout: float = 120.0,
) -> None:
    """Wait until ``url + path`` answers 200 (the log's end in the error otherwise)."""

    def tail() -> str:
        return log.read_text(errors="replace")[-2000:] if log else ""

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server stopped (exit code {process.returncode}) {tail()}")
        try:
            if requests.get(url + path, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"The server did not start in time {tail()}")


def stop(processes: Iterable[subprocess.Popen], *, timeout: float = 30) -> None:
    """Terminate every process, then wait for each (killed if it does not stop in time)."""
    processes = list(processes)
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def hidden_value(page: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', page
    )
    return html.unescape(match.group(1)) if match else ""


def textarea_value(page: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, f"no {name} field in the form"
    text = html.unescape(match.group(1))
    return text[1:] if text.startswith("\n") else text  # as browsers do


def log_in(base_url: str, username: str, password: str = PASSWORD) -> requests.Session:
    """A session logged in through the site's own log-in form (CSRF token included)."""
    session = requests.Session()
    form = session.get(f"{base_url}/comptes/connexion/", timeout=60).text
    response = session.post(
        f"{base_url}/comptes/connexion/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": hidden_value(form, "csrfmiddlewaretoken"),
        },
        headers={"Referer": f"{base_url}/comptes/connexion/"},
        allow_redirects=False,
        timeout=60,
    )
    if response.status_code != 302:
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.*?)</', response.text, re.S)
        raise AssertionError(f"log-in of {username} failed: {response.status_code} {errors[:3]}")
    return session
