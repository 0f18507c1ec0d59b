"""Both search engines on the same documents: Whoosh (local disk) and PostgreSQL full-text.

    scripts/with-postgres.sh .venv/bin/python bench/bench_search_backends.py \\
        [--articles 20000] [--commons 5000] [--queries 200] [--seconds 20] [--threads 4]

Needs a PostgreSQL ``DATABASE_URL`` (``scripts/with-postgres.sh`` starts a throwaway cluster);
only the ``search`` app's tables are migrated. The documents are the fixed French corpus of
``bench/search_corpus.py`` (articles and commons as the real sources describe them, without
Wagtail pages, so that 25,000 documents load in minutes), registered as two fake sources. For
each engine (``KER_SEARCH_BACKEND``):

1. ``search.services.index_rebuild()`` (timed);
2. one client: every query of ``build_queries`` through ``search_documents`` (what the results
   page calls: facets, snippets, typo fallback) and ``title_suggestions`` on their prefixes,
   after a warm-up round: p50 / p95;
3. ``--threads`` clients in this process for ``--seconds``: queries per second and p95.

Threads share one Python process: Whoosh's scoring is Python (it holds the GIL), PostgreSQL's
happens in the server processes. Benchmarks print figures; they assert nothing.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from search_corpus import (  # noqa: E402
    SEED,
    article_specs,
    build_queries,
    commons_specs,
    suggestion_prefix,
)

from search import backend as whoosh_files  # noqa: E402
from search import registry  # noqa: E402
from search.documents import SearchDocument  # noqa: E402

BASE_DATE = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


class SpecSource:
    """A search source over generated specs: what ``wiki`` and ``commons`` would index."""

    def __init__(self, name: str, label: str, specs: list, to_document) -> None:
        self.name = name
        self.label = label
        self.specs = specs
        self._to_document = to_document

    def iter_all(self):
        return iter(range(len(self.specs)))

    def count(self) -> int:
        return len(self.specs)

    def is_indexable(self, obj: int) -> bool:
        return True

    def get_key(self, obj: int) -> str:
        return str(obj)

    def to_document(self, obj: int) -> SearchDocument:
        return self._to_document(obj, self.specs[obj])


def article_document(number: int, spec) -> SearchDocument:
    return SearchDocument(
        key=str(number),
        type="article",
        title=spec.title,
        summary=spec.summary,
        body=spec.body,
        tags=list(spec.tags),
        portals=[["patrimoine", "mer", "nature", "vie-locale", "culture"][number % 5]],
        commune=spec.place_name,
        latitude=spec.latitude,
        longitude=spec.longitude,
        created=BASE_DATE,
        updated=BASE_DATE + datetime.timedelta(minutes=number),
        url=f"/wiki/a-{number}/",
    )


def commons_document(number: int, spec) -> SearchDocument:
    body = "\n\n".join((spec.description, spec.shared_resources, spec.community, spec.how_to_join))
    return SearchDocument(
        key=str(number),
        type="commons",
        title=spec.name,
        summary=spec.summary,
        body=body,
        tags=list(spec.tags),
        commune=spec.commune,
        latitude=spec.latitude,
        longitude=spec.longitude,
        created=BASE_DATE,
        updated=BASE_DATE + datetime.timedelta(minutes=number),
        url=f"/communs/c-{number}/",
    )


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, int(round(fraction * len(ordered))) - 1)]


def timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def single_client(queries: list[str], prefixes: list[str]) -> dict[str, float]:
    from search.selectors import search_documents, title_suggestions

    for query in queries[:20]:  # warm-up: caches, searchers, prepared plans
        search_documents(text=query)
    searches = [timed(lambda q=query: search_documents(text=q)) for query in queries]
    suggestions = [timed(lambda p=prefix: title_suggestions(text=p)) for prefix in prefixes]
    return {
        "search_p50": statistics.median(searches),
        "search_p95": percentile(searches, 0.95),
        "suggest_p50": statistics.median(suggestions),
        "suggest_p95": percentile(suggestions, 0.95),
    }


def many_clients(queries: list[str], *, threads: int, seconds: float) -> dict[str, float]:
    from search.selectors import search_documents

    samples: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)
    deadline: list[float] = []

    def client(number: int) -> None:
        rng = random.Random(SEED + number)
        mine: list[float] = []
        try:
            start.wait()
            if number == 0:
                deadline.append(time.perf_counter() + seconds)
            while not deadline:
                time.sleep(0.001)
            while time.perf_counter() < deadline[0]:
                query = rng.choice(queries)
                mine.append(timed(lambda q=query: search_documents(text=q)))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()
            with lock:
                samples.extend(mine)

    workers = [threading.Thread(target=client, args=(number,)) for number in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return {
        "queries_per_second": len(samples) / elapsed,
        "p95": percentile(samples, 0.95),
        "queries": len(samples),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--commons", type=int, default=5_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--engines", default="whoosh,postgres")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run it with a PostgreSQL DATABASE_URL: scripts/with-postgres.sh .venv/bin/…")

    call_command("migrate", "search", verbosity=0)
    settings.KER_SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="ker-bench-engines-")
    whoosh_files.forget_indexes()
    started = time.perf_counter()
    articles = article_specs(options.articles)
    commons = commons_specs(options.commons)
    print(
        f"corpus: {len(articles)} articles + {len(commons)} commons generated in "
        f"{time.perf_counter() - started:.0f}s; load average {os.getloadavg()[0]:.2f}"
    )
    registry._sources.clear()  # only the generated corpus, whatever the apps registered
    registry.register(SpecSource("article", "Article", articles, article_document))
    registry.register(SpecSource("commons", "Commun", commons, commons_document))
    queries = build_queries(options.queries)
    rng = random.Random(SEED + 5)
    prefixes = [suggestion_prefix(query, rng) for query in queries]

    from search.services import index_document_count, index_rebuild

    rows = []
    for engine in options.engines.split(","):
        settings.KER_SEARCH_BACKEND = engine
        started = time.perf_counter()
        index_rebuild()
        rebuild_seconds = time.perf_counter() - started
        count = index_document_count()
        print(f"[{engine}] rebuild: {count} documents in {rebuild_seconds:.0f}s")
        single = single_client(queries, prefixes)
        print(
            f"[{engine}] 1 client: search p50 {single['search_p50']:.0f} ms, "
            f"p95 {single['search_p95']:.0f} ms; autocomplete p50 {single['suggest_p50']:.0f} ms"
            f", p95 {single['suggest_p95']:.0f} ms"
        )
        many = many_clients(queries, threads=options.threads, seconds=options.seconds)
        print(
            f"[{engine}] {options.threads} clients: {many['queries_per_second']:.1f} queries/s, "
            f"p95 {many['p95']:.0f} ms ({many['queries']} queries); "
            f"load average {os.getloadavg()[0]:.2f}"
        )
        rows.append((engine, count, rebuild_seconds, single, many))

    print()
    print(
        f"| engine | documents | rebuild | search p50 / p95 (1 client) | autocomplete p95 "
        f"| {options.threads} clients: queries/s, p95 |"
    )
    print("|---|---|---|---|---|---|")
    for engine, count, rebuild_seconds, single, many in rows:
        print(
            f"| {engine} | {count:,} | {rebuild_seconds:.0f} s | {single['search_p50']:.0f} / "
            f"{single['search_p95']:.0f} ms | {single['suggest_p95']:.0f} ms | "
            f"{many['queries_per_second']:.1f}, {many['p95']:.0f} ms |"
        )


if __name__ == "__main__":
    main()
