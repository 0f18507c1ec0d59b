"""Flat costs as the wiki grows (issue 10 §4): the same measures at 1,000, 10,000 and 100,000
articles, through Ker served as in production (gunicorn -c gunicorn.conf.py: 3 preloaded
workers, config.settings.production, SQLite, the file cache), plus the workers' memory.

    .venv/bin/python bench/bench_scale.py [--sizes 1000 10000 100000] [--requests 400]

For each size, in a throwaway directory: migrate, bulk generation (bench/fastgen.py, a few
hundred articles per second), search index rebuild, then with 4 clients at once: anonymous
article view (first view of each article, then again from the page cache), history, recent
changes, search; edit save with 1 and 4 clients (logged in); then the PSS of the 3 workers
(/proc/<pid>/smaps_rollup). A table compares each size with the first.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Session, workdir  # noqa: E402
from load import (  # noqa: E402
    collect_static,
    get_ok,
    memory_report,
    migrated_database,
    production_environment,
    production_server,
    run_clients,
    save_edit,
)

WORDS = (
    "port phare lavoir marché école fête chapelle sardine conserverie cale goémon marée "
    "quai bateau pêcheur bourg lande moulin criée halle digue anse grève dune"
).split()
QUERIES = ["lavoir", "phare du port", "sardine", "conserverie", "marée basse", "chapelle", "quai"]
CLIENTS = 4


def new_queries(count: int) -> list[str]:
    """``count`` different queries of two words of the corpus, in a fixed order."""
    pairs = [f"{first} {second}" for first in WORDS for second in WORDS if first != second]
    random.Random(11).shuffle(pairs)
    return pairs[:count]


def corpus(count: int, seed: int = 42) -> list[tuple[str, str]]:
    """Titles and Markdown bodies (~2 KB, sections and three [[links]]), the same for any run."""
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number}"
        links = " ".join(
            f"[[{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.randrange(count)}]]"
            for _ in range(3)
        )
        paragraphs = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(5))
        articles.append((title, f"## Histoire\n\n{paragraphs}\n\n## Voir aussi\n\n{links}\n"))
    return articles


def generate(directory: Path, count: int, *, revisions: int = 1) -> None:
    """In a child process (Django set up on the production settings of `directory`)."""
    import os

    os.environ.update(production_environment(directory))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from fastgen import ArticleSpec, bulk_articles

    from community.models import User
    from search.services import index_rebuild

    user = User.objects.create_user("bench", "bench@example.org", "bench-password")
    User.objects.filter(pk=user.pk).update(is_confirmed=True)
    started = time.perf_counter()
    bulk_articles(
        [ArticleSpec(title=t, body=b, summary="Article de test.") for t, b in corpus(count)],
        user=user,
    )
    print(f"  {count} articles in bulk: {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    index_rebuild()
    print(f"  search index rebuilt: {time.perf_counter() - started:.0f} s", flush=True)


def measure(directory: Path, requests: int) -> dict:
    env = production_environment(directory)
    slugs = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django, json; django.setup(); from wiki.models import ArticlePage as A; "
                "print(json.dumps(list(A.objects.live().values_list('slug', flat=True))))",
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    rng = random.Random(7)
    sample = rng.sample(slugs, min(len(slugs), requests))
    results = {}
    with production_server(directory) as (port, master):
        visitors = [Session(port) for _ in range(CLIENTS)]
        for label, paths in (
            ("article view, first (4 clients)", [f"/wiki/{slug}/" for slug in sample]),
            ("article view, cached (4 clients)", [f"/wiki/{slug}/" for slug in sample]),
            ("history (4 clients)", [f"/wiki/{slug}/historique/" for slug in sample]),
            ("recent changes (4 clients)", ["/modifications-recentes/"] * requests),
            # The fixed set: after the first of each, answered from the results cache until the
            # index changes (search.selectors.RESULTS_CACHE_SECONDS).
            (
                "search (4 clients)",
                [
                    "/recherche/?" + urlencode({"q": QUERIES[n % len(QUERIES)]})
                    for n in range(requests)
                ],
            ),
            # Each query asked once (two words of the corpus): every one computed by the engine.
            (
                "search, new queries (4 clients)",
                ["/recherche/?" + urlencode({"q": query}) for query in new_queries(requests)],
            ),
        ):
            result = run_clients(
                label, visitors, len(paths), lambda s, n, paths=paths: get_ok(s, paths[n])
            )
            results[label] = result
            print("  " + result.line(), flush=True)
        single = Session(port)
        single.login("bench", "bench-password")
        editors = [single] + [Session(port) for _ in range(CLIENTS - 1)]
        for editor in editors[1:]:
            editor.login("bench", "bench-password")
        saves = min(requests, 200)
        for label, clients in (
            ("edit save (1 client)", editors[:1]),
            ("edit save (4 clients)", editors),
        ):
            timings: list[float] = []
            result = run_clients(
                label,
                clients,
                saves,
                lambda s, n, timings=timings: save_edit(s, rng.choice(slugs), n, timings),
            )
            result.samples = timings  # the POST alone, not the GET of the form
            results[label] = result
            print("  " + result.line(), flush=True)
        print("  " + memory_report(master), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--reuse",
        type=Path,
        nargs="+",
        metavar="DIR",
        help="measure again the sites an earlier run left in DIR (one per size, in order)",
    )
    arguments = parser.parse_args()
    if arguments.generate:
        generate(arguments.workdir, arguments.generate)
        return
    print(f"load average: {open('/proc/loadavg').read().split()[:3]}")
    table = {}
    reused = dict(zip(arguments.sizes, arguments.reuse or [], strict=False))
    for size in arguments.sizes:
        if size in reused:
            directory = reused[size]
            print(f"{size} articles in {directory} (reused)", flush=True)
            # The page and results caches start empty, as on a first run.
            shutil.rmtree(directory / "cache", ignore_errors=True)
            collect_static(directory)
        else:
            directory = workdir(f"ker-bench-scale-{size}-")
            print(f"{size} articles in {directory}", flush=True)
            migrated_database(directory)
            collect_static(directory)
            subprocess.run(
                [sys.executable, __file__, "--generate", str(size), "--workdir", str(directory)],
                check=True,
            )
        table[size] = measure(directory, arguments.requests)
    first = arguments.sizes[0]
    print(f"\np95 relative to {first:,} articles (target: within 1.5x)")
    print(f"{'measure':<34}" + "".join(f"{size:>12,}" for size in arguments.sizes))
    for label in table[first]:
        row = [table[size][label].p95 / table[first][label].p95 for size in arguments.sizes]
        print(f"{label:<34}" + "".join(f"{ratio:>11.2f}x" for ratio in row))
    print(f"load average: {open('/proc/loadavg').read().split()[:3]}")


if __name__ == "__main__":
    main()
