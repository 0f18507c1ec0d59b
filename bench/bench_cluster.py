"""Throughput at 8 clients on one app server and on two (README "Plusieurs serveurs").

    scripts/with-postgres.sh scripts/with-redis.sh .venv/bin/python bench/bench_cluster.py \
        [--articles 300] [--reads 800] [--saves 160]

The site runs as in production (`gunicorn -c gunicorn.conf.py`, production settings, 2 workers
per server) on the shared engines a cluster uses: PostgreSQL and Redis from the scripts'
throwaway servers (`DATABASE_URL`, `KER_CACHE_URL`), one search index directory and ONE
`search_worker`. For one server, then two (on two loopback ports, the 8 clients spread over
them, as a load balancer would), with the cache emptied before each: anonymous article views
(first views, which render, then again from the page cache) and edit saves by 8 signed-in
editors. Figures printed; nothing asserted. Both servers share this machine's cores: on one
machine a second server adds workers, not CPU.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Session, free_port  # noqa: E402
from load import STATIC_ROOT, get_ok, production_environment, run_clients, save_edit  # noqa: E402

CLIENTS = 8
WORKERS_PER_SERVER = 2
PASSWORD = "bench-password"


def cluster_environment(workdir: Path) -> dict[str, str]:
    env = production_environment(workdir)
    env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    env["KER_CACHE_URL"] = os.environ["KER_CACHE_URL"]
    env["KER_SEARCH_QUEUE_MODE"] = "worker"
    return env


def manage(workdir: Path, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=cluster_environment(workdir),
        check=True,
        stdout=subprocess.DEVNULL,
    )


GENERATE = """
import json, sys
import django
django.setup()
sys.path.insert(0, "bench")
from fastgen import ArticleSpec, bulk_articles
from community.models import User
from search.services import index_rebuild
from wiki.models import ArticlePage

count, editors, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for number in range(editors):
    User.objects.create_user(f"grappe{number}", f"grappe{number}@example.org", password,
                             is_confirmed=True)
words = "port phare lavoir marché école chapelle sardine cale goémon marée quai moulin".split()
specs = [
    ArticleSpec(title=f"{words[n % len(words)].capitalize()} {n}",
                body="\\n\\n".join(" ".join(words[(n + k) % len(words)] for k in range(60))
                                   for _ in range(5)) + "\\n",
                summary="Article de mesure.")
    for n in range(count)
]
bulk_articles(specs, user=User.objects.get(username="grappe0"))
# The bulk generator writes ids itself: PostgreSQL's sequences must follow.
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection
with connection.cursor() as cursor:
    for statement in connection.ops.sequence_reset_sql(
        no_style(), apps.get_models(include_auto_created=True)
    ):
        cursor.execute(statement)
index_rebuild()
print(json.dumps(list(ArticlePage.objects.live().values_list("slug", flat=True))))
"""


@contextmanager
def app_server(workdir: Path):
    """gunicorn -c gunicorn.conf.py on a free loopback port; yields the port."""
    port = free_port()
    env = cluster_environment(workdir)
    env.update({"KER_BIND": f"127.0.0.1:{port}", "KER_WORKERS": str(WORKERS_PER_SERVER)})
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                status, _ = Session(port).request("GET", "/wiki/")
                if status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def empty_cache() -> None:
    url = os.environ["KER_CACHE_URL"]
    subprocess.run(["redis-cli", "-u", url, "flushdb"], check=True, stdout=subprocess.DEVNULL)


def measure(workdir: Path, servers: int, slugs: list[str], reads: int, saves: int) -> dict:
    empty_cache()
    rng = random.Random(servers)
    sample = [slugs[n % len(slugs)] for n in range(reads)]
    rng.shuffle(sample)
    figures = {}
    with ExitStack() as stack:
        ports = [stack.enter_context(app_server(workdir)) for _ in range(servers)]
        label = f"{servers} server{'s' if servers > 1 else ''}"
        visitors = [Session(ports[n % servers]) for n in range(CLIENTS)]
        for kind in ("article view, first", "article view, cached"):
            result = run_clients(
                f"{label}: {kind}",
                visitors,
                len(sample),
                lambda session, n: get_ok(session, f"/wiki/{sample[n]}/"),
            )
            figures[kind] = result.per_second
            print("  " + result.line(), flush=True)
        editors = []
        for number in range(CLIENTS):
            editor = Session(ports[number % servers])
            editor.login(f"grappe{number}", PASSWORD)
            editors.append(editor)
        timings: list[float] = []
        result = run_clients(
            f"{label}: edit save",
            editors,
            saves,
            lambda session, n: save_edit(session, rng.choice(slugs), n, timings),
        )
        result.samples = timings  # the POST alone; throughput counts the form's GET too
        figures["edit save"] = result.per_second
        print("  " + result.line(), flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--reads", type=int, default=800)
    parser.add_argument("--saves", type=int, default=160)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get(
        "KER_CACHE_URL", ""
    ).startswith("redis://"):
        sys.exit("Run inside scripts/with-postgres.sh scripts/with-redis.sh (see the docstring).")

    workdir = Path(tempfile.mkdtemp(prefix="ker-bench-cluster-"))
    print(f"load average before: {os.getloadavg()}", flush=True)
    started = time.perf_counter()
    manage(workdir, "migrate", "--noinput")
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    manage(workdir, "collectstatic", "--noinput")
    slugs = json.loads(
        subprocess.run(
            [sys.executable, "-c", GENERATE, str(options.articles), str(CLIENTS), PASSWORD],
            cwd=ROOT,
            env=cluster_environment(workdir),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"  site ready ({len(slugs)} articles): {time.perf_counter() - started:.0f} s")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "search_worker"], cwd=ROOT, env=cluster_environment(workdir)
    )
    try:
        one = measure(workdir, 1, slugs, options.reads, options.saves)
        two = measure(workdir, 2, slugs, options.reads, options.saves)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print(f"load average after: {os.getloadavg()}")
    print(f"\n{'8 clients':<24}{'1 server':>12}{'2 servers':>12}{'ratio':>8}")
    for kind in one:
        ratio = two[kind] / one[kind] if one[kind] else 0.0
        print(f"{kind:<24}{one[kind]:>9.1f}/s {two[kind]:>9.1f}/s {ratio:>7.2f}x")


if __name__ == "__main__":
    main()
