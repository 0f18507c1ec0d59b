"""Where an edit save spends its time: cProfile in process, then timings through a real server.

    .venv/bin/python bench/profile_save.py [--articles 2000] [--saves 100]
                                           [--mode worker|on_commit] [--workdir DIR]

1. A throwaway SQLite database (the configured WAL / BEGIN IMMEDIATE setup) with ``--articles``
   articles written in bulk (``bench/fastgen.py``; each links to three others, so saves refresh
   backlinks), and the search index rebuilt. ``--workdir`` reuses a previous run's database.
2. In process: ``wiki.services.article_save`` as a confirmed resident, ``--saves`` times under
   cProfile, with the SQL queries counted; prints the costliest functions (cumulative time),
   then the time ``search.queue.index_queue_apply`` takes to apply those saves to the index
   (the work that left the request).
3. Through gunicorn (1 worker) with ``manage.py search_worker`` beside it: ``--saves`` edit
   saves (GET the form, POST timed), median and p95. ``--mode on_commit`` runs without the
   worker: each request then applies the index queue itself, after its commit.

Figures depend on the machine's load; compare runs made side by side.
"""

from __future__ import annotations

import argparse
import cProfile
import html
import io
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Session, bench_environment, server, setup_django, summary, workdir  # noqa: E402

USERNAME = "bench"
PASSWORD = "bench-password"


def prepare(directory: Path, articles: int) -> None:
    from django.core.management import call_command

    from community.models import User

    call_command("migrate", verbosity=0)
    if User.objects.filter(username=USERNAME).exists():
        print(f"  reusing {directory}", flush=True)
        return
    from bench_wiki import generate

    generate(articles, bulk_fraction=1.0)


def edited(body: str, number: int) -> str:
    return body.rstrip("\n") + f"\n\nAjout {number} : [[Port quai {number}]].\n"


def profile_in_process(saves: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.models import User
    from wiki.models import ArticlePage
    from wiki.services import ArticleFields, article_save, current_revision

    user = User.objects.get(username=USERNAME)
    rng = random.Random(11)
    pks = list(ArticlePage.objects.live().values_list("pk", flat=True))
    profiler = cProfile.Profile()
    durations, queries, cpu_times = [], [], []
    for number in range(saves):
        page = ArticlePage.objects.get(pk=rng.choice(pks))
        latest = current_revision(page)
        fields = ArticleFields.from_revision(latest)
        fields = ArticleFields(**{**fields.__dict__, "body": edited(fields.body, number)})
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            profiler.enable()
            article_save(page=page, fields=fields, user=user, base_revision_id=latest.pk)
            profiler.disable()
            durations.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
        queries.append(len(captured))
    print(summary("article_save in process", durations))
    print(
        f"  CPU per save (under cProfile): median {statistics.median(cpu_times):.1f} ms; "
        f"{load_average()}"
    )
    print(f"  SQL queries per save: median {statistics.median(queries):.0f}, max {max(queries)}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(25)
    # The same, restricted to Ker's own code and the Wagtail steps it calls.
    stats.print_stats(
        r"/(wiki|community|search|commons|portals)/|wagtail/(actions|models)|tasks", 40
    )
    print(out.getvalue())
    try:
        from search.queue import index_queue_apply, pending_count
    except ImportError:  # a version of Ker that indexed inside the request
        return
    queued = pending_count()
    started = time.perf_counter()
    applied = index_queue_apply()
    print(
        f"  index queue: {queued} queued, {applied} applied in "
        f"{(time.perf_counter() - started) * 1000:.0f} ms (outside the request)",
        flush=True,
    )


def load_average() -> str:
    """The machine is shared: each figure is printed with the load it was measured under."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def wait_for_http(port: int, timeout: float = 300.0) -> None:
    """gunicorn may take long to boot on a loaded machine."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            Session(port).request("GET", "/comptes/connexion/")
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def measure_server(directory: Path, saves: int, mode: str) -> None:
    from wiki.models import ArticlePage

    slugs = list(ArticlePage.objects.live().values_list("slug", flat=True))
    rng = random.Random(7)
    worker = None
    if mode == "worker":
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "search_worker"],
            cwd=ROOT,
            env=bench_environment(directory),
            stdout=subprocess.DEVNULL,
        )
    try:
        with server(directory, workers=1) as port:
            wait_for_http(port)
            editor = Session(port)
            editor.login(USERNAME, PASSWORD)
            for slug in rng.sample(slugs, 5):  # warm-up
                editor.request("GET", f"/wiki/{slug}/modifier/")
            samples = []
            for number in range(saves):
                slug = rng.choice(slugs)
                _, page = editor.request("GET", f"/wiki/{slug}/modifier/")
                base = re.search(r'name="base_revision_id" value="(\d+)"', page).group(1)
                title = re.search(r'name="title" value="([^"]*)"', page).group(1)
                body = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", page, re.S).group(1)
                data = {
                    "csrfmiddlewaretoken": editor.csrf_from(page),
                    "title": html.unescape(title),
                    "body": edited(html.unescape(body), 1000 + number),
                    "base_revision_id": base,
                    "edit_summary": "bench",
                    "action": "enregistrer",
                }
                started = time.perf_counter()
                status, _ = editor.request("POST", f"/wiki/{slug}/modifier/", data)
                samples.append((time.perf_counter() - started) * 1000)
                if status != 302:
                    raise RuntimeError(f"save failed: {status}")
            print(summary(f"edit save through gunicorn ({mode})", samples))
            tail = sorted(samples)[-max(1, len(samples) // 20) :]
            print("  slowest 5%: " + ", ".join(f"{value:.0f}" for value in tail) + " ms")
            print(f"  {load_average()}")
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=100)
    parser.add_argument("--mode", choices=["worker", "on_commit"], default="worker")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--skip-profile", action="store_true")
    args = parser.parse_args()
    directory = args.workdir or workdir("ker-profile-save-")
    directory.mkdir(parents=True, exist_ok=True)
    os.environ["KER_SEARCH_QUEUE_MODE"] = args.mode
    setup_django(directory)
    print(f"== {args.articles} articles in {directory} (mode {args.mode})", flush=True)
    prepare(directory, args.articles)
    if not args.skip_profile:
        profile_in_process(args.saves)
    from django.db import connections

    connections.close_all()
    measure_server(directory, args.saves, args.mode)


if __name__ == "__main__":
    main()
