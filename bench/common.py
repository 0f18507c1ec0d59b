"""Shared helpers for the benchmarks: a throwaway database, a real server process, timings.

Benchmarks print figures; they assert nothing (see README, "Mesures").
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


def bench_environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DJANGO_DEBUG": "false",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "KER_SEARCH_INDEX_DIR": str(workdir / "search-index"),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "KER_RATE_EDIT_USER": "100000/h",
            "KER_RATE_EDIT_IP": "100000/h",
            "DJANGO_LOG_LEVEL": "ERROR",
        }
    )
    return env


def setup_django(workdir: Path) -> None:
    os.environ.update(bench_environment(workdir))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server(workdir: Path, *, workers: int = 2):
    """A real gunicorn process on 127.0.0.1, stopped on exit."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=bench_environment(workdir),
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


class Session:
    """A tiny HTTP client with cookies, enough to log in and post forms."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, data: dict | None = None):
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content.decode("utf-8", "replace")

    def csrf_from(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def login(self, username: str, password: str) -> None:
        _, html = self.request("GET", "/comptes/connexion/")
        status, _ = self.request(
            "POST",
            "/comptes/connexion/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.csrf_from(html),
            },
        )
        if status != 302:
            raise RuntimeError(f"log-in failed ({status})")


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def summary(label: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return (
        f"{label:<42} n={len(samples):>5}  median={statistics.median(ordered):7.1f} ms  "
        f"p95={p95:7.1f} ms"
    )


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
