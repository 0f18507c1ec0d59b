"""Site search at 20,000 articles and 5,000 commons (issue 5, section 3), on real content.

    .venv/bin/python bench/bench_search_site.py [--articles 20000] [--commons 5000]
                                                [--queries 200] [--workdir DIR]

Target: search page p95 <= 100 ms. In a throwaway SQLite database (``bench_environment``):

1. ``migrate``, the five demo portals (``portals.demo``, so portal facets are real), then real
   Wagtail article pages and published commons generated in bulk (``bench/fastgen.py``; the
   services cost ~100 ms per article) from the fixed French corpus of ``bench/search_corpus.py``
   (fixed seeds, so runs are comparable); ``manage.py fixtree`` then checks the page tree.
2. Indexing: the real ``search.services.index_rebuild()`` over the sources the apps register.
3. Queries: a fixed list of ``--queries`` queries (single words, plurals, words without their
   accents, several words, phrases, commune names, typos, a few without results), timed
   in-process through ``search_documents`` called as ``search.views.search`` calls it, and
   ``title_suggestions`` on their prefixes.
4. HTTP: gunicorn (2 workers) on 127.0.0.1, warmed up, then ``/recherche/?q=`` for every query
   and ``/recherche/suggestions/?q=`` for every prefix, one request at a time.

Each phase runs in its own process, like ``bench_wiki.py``. With ``--workdir`` pointing to a
directory that already holds ``bench.sqlite3``, generation is skipped and the content reused.
Benchmarks print figures; they assert nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Session, bench_environment, server, setup_django, workdir  # noqa: E402
from search_corpus import (  # noqa: E402
    SEED,
    article_specs,
    build_queries,
    commons_specs,
    document_frequency,
    suggestion_prefix,
)

TARGET_P95_MS = 100.0


# --- Phases ------------------------------------------------------------------------------


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile (the same rule as ``common.summary``)."""
    ordered = sorted(samples)
    return ordered[max(0, int(round(fraction * len(ordered))) - 1)]


def stats(samples: list[float]) -> dict[str, float]:
    return {
        "n": len(samples),
        "median": statistics.median(samples),
        "p95": percentile(samples, 0.95),
        "max": max(samples),
    }


def line(label: str, figures: dict[str, float]) -> str:
    return (
        f"{label:<44} n={figures['n']:>4}  median={figures['median']:7.1f} ms  "
        f"p95={figures['p95']:7.1f} ms  max={figures['max']:7.1f} ms"
    )


def record(directory: Path, **values) -> None:
    path = directory / "results.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    results.update(values)
    path.write_text(json.dumps(results, indent=1))


def phase_generate(directory: Path, articles: int, commons: int) -> None:
    from fastgen import bulk_articles, bulk_commons

    from community.models import User
    from portals.demo import load_portals_demo

    load_portals_demo(sys.stdout)  # the five demo portals only (not the whole demo territory)
    user = User.objects.create_user(
        "bench", "bench@example.org", "bench-password", is_confirmed=True
    )
    started = time.perf_counter()
    specs = article_specs(articles)
    text_seconds = time.perf_counter() - started
    shares = document_frequency(
        [f"{spec.title} {spec.summary} {spec.body}" for spec in specs],
        ["Port-Kerlann", "Lanvénec", "port", "sardine", "lavoir", "chapelle", "criée"],
    )
    print(
        "  articles containing: "
        + ", ".join(f"{word} {share:.0%}" for word, share in shares.items()),
        flush=True,
    )
    started = time.perf_counter()
    bulk_articles(specs, user=user, seed=SEED)
    article_seconds = time.perf_counter() - started
    print(
        f"  {articles} articles: text {text_seconds:.1f} s, insert {article_seconds:.1f} s",
        flush=True,
    )
    started = time.perf_counter()
    bulk_commons(commons_specs(commons), user=user, seed=SEED)
    commons_seconds = time.perf_counter() - started
    print(f"  {commons} commons: {commons_seconds:.1f} s", flush=True)
    record(
        directory,
        generation_seconds=text_seconds + article_seconds + commons_seconds,
        articles=articles,
        commons=commons,
    )


def phase_index(directory: Path) -> None:
    from search.services import index_document_count, index_rebuild

    started = time.perf_counter()
    counts = index_rebuild()
    elapsed = time.perf_counter() - started
    total = sum(counts.values())
    print(
        f"  index_rebuild: {total} documents {counts} in {elapsed:.1f} s "
        f"({total / elapsed:.0f} documents/s); searchable: {index_document_count()}",
        flush=True,
    )
    size = sum(path.stat().st_size for path in (directory / "search-index").iterdir())
    print(f"  index size on disk: {size / 1e6:.1f} MB", flush=True)
    record(directory, index_seconds=elapsed, index_documents=total, index_counts=counts)


def phase_query(directory: Path, queries: list[str]) -> None:
    from search.selectors import SORT_RELEVANCE, SearchFilters, search_documents, title_suggestions
    from search.views import _page_number

    def view_call(query: str):
        params = {"q": query}
        return search_documents(
            text=params.get("q", ""),
            filters=SearchFilters.from_params(params),
            sort=params.get("tri", SORT_RELEVANCE),
            page=_page_number(params.get("page")),
        )

    record(directory, load_query=os.getloadavg()[0])
    for query in ("bourg", "quai", "grève", "mareyeur", "bombarde"):  # warm-up (not in the set)
        view_call(query)
    timings: list[tuple[float, str, int, bool]] = []
    for query in queries:
        started = time.perf_counter()
        results = view_call(query)
        timings.append(
            ((time.perf_counter() - started) * 1000, query, results.total, results.approximate)
        )
    figures = stats([elapsed for elapsed, *_ in timings])
    print(line("search_documents (in-process)", figures))
    without = sum(1 for _, _, total, _ in timings if not total)
    approximate = sum(1 for *_, approx in timings if approx)
    print(f"  queries without results: {without}, approximate (typos/any word): {approximate}")
    print("  slowest:")
    for elapsed, query, total, approx in sorted(timings, reverse=True)[:8]:
        print(f"    {elapsed:7.1f} ms  {query!r}  ({total} results{', approx.' if approx else ''})")
    rng = random.Random(SEED + 3)
    prefixes = [suggestion_prefix(query, rng) for query in queries]
    suggest = []
    for prefix in prefixes:
        started = time.perf_counter()
        title_suggestions(text=prefix)
        suggest.append((time.perf_counter() - started) * 1000)
    suggest_figures = stats(suggest)
    print(line("title_suggestions (in-process)", suggest_figures))
    record(
        directory,
        query=figures,
        query_slowest=[
            [elapsed, query] for elapsed, query, *_ in sorted(timings, reverse=True)[:8]
        ],
        suggest_inprocess=suggest_figures,
    )


def phase_serve(directory: Path, queries: list[str]) -> None:
    rng = random.Random(SEED + 3)
    prefixes = [suggestion_prefix(query, rng) for query in queries]
    record(directory, load_serve=os.getloadavg()[0])
    with server(directory, workers=2) as port:
        session = Session(port)
        for query in ("bourg", "quai", "grève", "mareyeur", "bombarde") * 4:  # both workers
            session.request("GET", "/recherche/?" + urlencode({"q": query}))
            session.request("GET", "/recherche/suggestions/?" + urlencode({"q": query[:3]}))
        page_times: list[tuple[float, str]] = []
        failures = 0
        for query in queries:
            path = "/recherche/?" + urlencode({"q": query})
            started = time.perf_counter()
            status, html = session.request("GET", path)
            page_times.append(((time.perf_counter() - started) * 1000, query))
            if status != 200 or "momentanément indisponible" in html:
                failures += 1
        suggest_times = []
        for prefix in prefixes:
            path = "/recherche/suggestions/?" + urlencode({"q": prefix})
            started = time.perf_counter()
            status, _ = session.request("GET", path)
            suggest_times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                failures += 1
    page = stats([elapsed for elapsed, _ in page_times])
    suggest = stats(suggest_times)
    print(line("search page /recherche/?q= (HTTP)", page))
    print(line("autocomplete /recherche/suggestions/ (HTTP)", suggest))
    print(f"  failed requests: {failures}")
    print("  slowest pages:")
    for elapsed, query in sorted(page_times, reverse=True)[:8]:
        print(f"    {elapsed:7.1f} ms  {query!r}")
    record(
        directory,
        page=page,
        suggest_http=suggest,
        http_failures=failures,
        page_slowest=[[elapsed, query] for elapsed, query in sorted(page_times, reverse=True)[:8]],
    )


def run_phase(directory: Path, phase: str, args: argparse.Namespace) -> None:
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--phase",
            phase,
            "--workdir",
            str(directory),
            "--articles",
            str(args.articles),
            "--commons",
            str(args.commons),
            "--queries",
            str(args.queries),
        ],
        cwd=ROOT,
        check=True,
    )


def manage(directory: Path, *arguments: str) -> str:
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=bench_environment(directory),
        check=True,
        capture_output=True,
        text=True,
    )
    return (completed.stdout + completed.stderr).strip()


def final_table(directory: Path) -> None:
    results = json.loads((directory / "results.json").read_text())
    index_rate = results["index_documents"] / results["index_seconds"]
    rows = [
        ("content", f"{results['articles']} articles + {results['commons']} commons"),
        ("generation (bulk inserts)", f"{results['generation_seconds']:.0f} s"),
        ("manage.py fixtree", f"{results['fixtree']} ({results['fixtree_seconds']:.0f} s)"),
        (
            "index_rebuild",
            f"{results['index_documents']} documents in {results['index_seconds']:.1f} s "
            f"({index_rate:.0f} documents/s)",
        ),
    ]
    for label, key in (
        ("search_documents, in-process", "query"),
        ("title_suggestions, in-process", "suggest_inprocess"),
        ("search page, HTTP", "page"),
        ("autocomplete, HTTP", "suggest_http"),
    ):
        figures = results[key]
        rows.append(
            (
                label,
                f"median {figures['median']:6.1f} ms   p95 {figures['p95']:6.1f} ms   "
                f"max {figures['max']:6.1f} ms   (n={figures['n']})",
            )
        )
    verdict = "met" if results["page"]["p95"] <= TARGET_P95_MS else "NOT met"
    rows.append(("target: search page p95 <= 100 ms", verdict))
    rows.append(
        (
            "load average (1 min) at query/serve",
            f"{results['load_query']:.1f} / {results['load_serve']:.1f}",
        )
    )
    print("\n== Summary")
    for label, value in rows:
        print(f"  {label:<36} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--commons", type=int, default=5_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--phase", choices=["all", "generate", "index", "query", "serve"], default="all"
    )
    parser.add_argument("--workdir", type=Path, help="reuse (or create) this directory")
    parser.add_argument(
        "--skip-index", action="store_true", help="reusing a directory: keep its index as it is"
    )
    args = parser.parse_args()
    queries = build_queries(args.queries)
    if args.phase != "all":
        setup_django(args.workdir)
        if args.phase == "generate":
            phase_generate(args.workdir, args.articles, args.commons)
        elif args.phase == "index":
            phase_index(args.workdir)
        elif args.phase == "query":
            phase_query(args.workdir, queries)
        else:
            phase_serve(args.workdir, queries)
        return
    directory = args.workdir or workdir("ker-bench-search-")
    directory.mkdir(parents=True, exist_ok=True)
    durations: dict[str, float] = {}
    print(f"== search: {args.articles} articles, {args.commons} commons ({directory})", flush=True)
    if (directory / "bench.sqlite3").exists():
        print("  reusing the content already generated in this directory", flush=True)
    else:
        started = time.perf_counter()
        manage(directory, "migrate", "-v0")
        print(f"  migrate: {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        run_phase(directory, "generate", args)
        durations["generate"] = time.perf_counter() - started
        started = time.perf_counter()
        checked = manage(directory, "fixtree", "--noinput")
        print("  manage.py fixtree --noinput:")
        print("\n".join(f"    {row}" for row in checked.splitlines() if row.strip()))
        durations["fixtree"] = time.perf_counter() - started
        print(f"  fixtree: {durations['fixtree']:.1f} s", flush=True)
        problems = [
            row
            for row in checked.splitlines()
            if row.strip()
            and not row.startswith("Checking")
            and row.strip() != "No problems found."
        ]
        record(
            directory,
            fixtree="no problems found" if not problems else "; ".join(problems),
            fixtree_seconds=durations["fixtree"],
        )
    phases = ("query", "serve") if args.skip_index else ("index", "query", "serve")
    for phase in phases:
        print(f"-- {phase}", flush=True)
        started = time.perf_counter()
        run_phase(directory, phase, args)
        durations[phase] = time.perf_counter() - started
    final_table(directory)
    print(
        "  durations: "
        + ", ".join(
            f"{name} {value:.0f} s" for name, value in durations.items() if isinstance(value, float)
        )
    )


if __name__ == "__main__":
    main()
