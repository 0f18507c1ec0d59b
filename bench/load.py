"""Helpers for measuring Ker as it runs in production: gunicorn with `gunicorn.conf.py`
(3 workers, preloaded), `config.settings.production`, SQLite, the file cache; a load of several
clients at once (threads, one keep-alive connection each); the memory (PSS) of the workers.
"""

from __future__ import annotations

import html as html_module
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Session, free_port  # noqa: E402

STATIC_ROOT = Path(os.environ.get("KER_BENCH_STATIC_ROOT", "/tmp/ker-bench-static"))


def production_environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "bench-secret-key-not-for-real-use-0123456789abcdef",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_HTTPS": "false",
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            "DJANGO_STATIC_ROOT": str(STATIC_ROOT),
            "KER_SEARCH_INDEX_DIR": str(workdir / "search-index"),
            "KER_CACHE_URL": f"filecache://{workdir / 'cache'}",
            "KER_RATE_EDIT_USER": "1000000/h",
            "KER_RATE_EDIT_IP": "1000000/h",
            "DJANGO_LOG_LEVEL": "ERROR",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    return env


def manage(workdir: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=production_environment(workdir),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def migrated_database(workdir: Path) -> None:
    """A migrated SQLite database in `workdir`: a copy of a template migrated once per set of
    migrations (migrating from scratch takes minutes on a busy machine)."""
    import hashlib
    import shutil

    names = sorted(str(path.relative_to(ROOT)) for path in ROOT.glob("*/migrations/*.py"))
    digest = hashlib.md5("\n".join(names).encode()).hexdigest()[:12]
    template = Path(f"/tmp/ker-bench-template-{digest}")
    if not (template / "bench.sqlite3").exists():
        template.mkdir(parents=True, exist_ok=True)
        manage(template, "migrate", "--noinput")
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy(template / "bench.sqlite3", workdir / "bench.sqlite3")


def collect_static(workdir: Path) -> None:
    """The manifest storage needs it; the directory is shared by the runs (the copy is
    incremental, the manifest always rewritten)."""
    manage(workdir, "collectstatic", "--noinput")


@contextmanager
def production_server(workdir: Path, *, workers: int = 3):
    """gunicorn -c gunicorn.conf.py on a free port of 127.0.0.1, with `manage.py search_worker`
    beside it as README "Production" says (without it, each save would apply the search index
    queue itself after its commit); yields (port, master pid)."""
    port = free_port()
    env = production_environment(workdir)
    env.update({"KER_BIND": f"127.0.0.1:{port}", "KER_WORKERS": str(workers)})
    search_worker = subprocess.Popen(
        [sys.executable, "manage.py", "search_worker"],
        cwd=ROOT,
        env=production_environment(workdir),
        stdout=subprocess.DEVNULL,
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request("GET", "/", headers={"Host": "127.0.0.1"})
                connection.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)
        search_worker.terminate()
        search_worker.wait(timeout=30)


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def pss_megabytes(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_report(master: int) -> str:
    workers = worker_pids(master)
    total = sum(pss_megabytes(pid) for pid in workers)
    return (
        f"memory: {len(workers)} workers {total:.0f} MB PSS in all "
        f"(master {pss_megabytes(master):.0f} MB more)"
    )


@dataclass
class Result:
    label: str
    samples: list[float]
    seconds: float
    errors: int

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]

    @property
    def per_second(self) -> float:
        return len(self.samples) / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"{self.label:<34} n={len(self.samples):>5}  median={self.median:7.1f} ms  "
            f"p95={self.p95:7.1f} ms  {self.per_second:7.1f} req/s  errors={self.errors}"
        )


def run_clients(
    label: str,
    clients: Sequence,
    requests: int,
    action: Callable[[object, int], bool],
) -> Result:
    """Each client (a Session or anything `action` accepts) runs its share of `requests`
    actions in its own thread; `action(client, number)` returns False for an error."""
    samples: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def work(client, numbers):
        for number in numbers:
            started = time.perf_counter()
            try:
                ok = action(client, number)
            except Exception as error:  # a failed request counts, and the run goes on
                print(f"    {label}: {error!r}", file=sys.stderr)
                client.connection.close()
                ok = False
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                samples.append(elapsed)
                if not ok:
                    errors[0] += 1

    threads = [
        threading.Thread(target=work, args=(client, range(index, requests, len(clients))))
        for index, client in enumerate(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(label, samples, time.perf_counter() - started, errors[0])


def get_ok(session: Session, path: str) -> bool:
    status, _ = session.request("GET", path)
    return status == 200


def edit_form(session: Session, slug: str) -> dict:
    _, page = session.request("GET", f"/wiki/{slug}/modifier/")
    base = re.search(r'name="base_revision_id" value="(\d+)"', page).group(1)
    title = re.search(r'name="title" value="([^"]*)"', page).group(1)
    body = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", page, re.S).group(1)
    return {
        "csrfmiddlewaretoken": session.csrf_from(page),
        "title": html_module.unescape(title),
        "body": html_module.unescape(body),
        "base_revision_id": base,
        "edit_summary": "bench",
        "action": "enregistrer",
    }


def save_edit(session: Session, slug: str, number: int, timings: list[float]) -> bool:
    """One edit through the form: the GET of the form is not timed, the POST is."""
    data = edit_form(session, slug)
    data["body"] += f"\n\nAjout {number}."
    started = time.perf_counter()
    status, _ = session.request("POST", f"/wiki/{slug}/modifier/", data)
    timings.append((time.perf_counter() - started) * 1000)
    return status == 302
