"""Search latency at 25,000 documents: p50/p95 of the results page query and the autocomplete.

Run: ``.venv/bin/python bench/bench_search.py [--docs 25000] [--index-dir /tmp/ker-bench]``.
It builds a synthetic French corpus with a fake source (no database), rebuilds the index once
(kept between runs unless ``--rebuild``), then times ``search_documents`` (facets, highlights,
typos) and ``title_suggestions`` the way the views call them.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from search import backend, registry  # noqa: E402
from search.documents import SearchDocument  # noqa: E402

WORDS = (
    "port pêche chalutier criée poisson marché samedi lavoir moulin marée phare gardien "
    "chapelle pardon église calvaire école élèves voile catamaran festival musique bretonne "
    "médiathèque livres sentier douaniers randonnée falaise plage dune oyats jardin partagé "
    "légumes épicerie coopérative huîtres ostréiculture goémon algues chantier naval bateaux "
    "bois cale conserverie sardines naufrage tempête sauvetage canot mairie bourg lande menhir "
    "granite four pain association habitants commune territoire histoire patrimoine mer nature"
).split()
FILLER = "le la les de du des et à en sur dans pour avec par au aux une un est sont".split()
COMMUNES = ["Port-Kerlann", "Plouzan", "Trémeur", "Kerhuon", "Lanvoez", "Saint-Evel"]
TAGS = [
    "patrimoine",
    "mer",
    "nature",
    "fête",
    "commerce",
    "culture",
    "éducation",
    "sport",
    "alimentation",
    "histoire",
    "métier",
    "religion",
    "eau",
    "randonnée",
    "musique",
]
PORTALS = ["patrimoine-maritime", "vie-locale", "nature", "culture", "economie"]
QUERIES = [
    "phare",
    "lavoirs",
    "ecoles",
    "marché du samedi",
    "fête de la mer",
    "chapelle pardon",
    "randonnée falaise",
    "huitres",
    "goemon algues",
    "port de pêche",
    "lavoire",
    "chapele",
    "jardin partage légumes",
    "Plouzan",
    "bateaux en bois",
    "zzzzz",
    "title:phare",
    '"phare',
    "AND OR NOT",
    "sentier des douaniers randonnée falaise plage",
]


SYLLABLES = (
    "ker lan pen mor ar gwen tre plou loc bel ros dou vil gar men tal bro ruz coz nev".split()
)
VOCABULARY = sorted(
    {
        "".join(random.Random(number).choices(SYLLABLES, k=random.Random(-number).randint(2, 4)))
        for number in range(12_000)
    }
)
ZIPF_WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


class SyntheticSource:
    """Bodies of 300 words: a third stop words, most from a Zipfian vocabulary of made-up
    Breton-like words, and one in twenty from the domain words (so "port" is in ~15% of
    documents, like a frequent theme of a real territorial wiki)."""

    name = "article"
    label = "Article"

    def __init__(self, total: int) -> None:
        self.total = total

    def iter_all(self):
        return iter(range(self.total))

    def count(self) -> int:
        return self.total

    def is_indexable(self, obj: int) -> bool:
        return True

    def get_key(self, obj: int) -> str:
        return str(obj)

    def to_document(self, obj: int) -> SearchDocument:
        rng = random.Random(obj)
        title = " ".join([*rng.sample(WORDS, 2), rng.choice(VOCABULARY)]).capitalize()
        vocabulary = rng.choices(VOCABULARY, weights=ZIPF_WEIGHTS, k=300)
        words = []
        for position in range(300):
            draw = rng.random()
            if draw < 0.35:
                words.append(rng.choice(FILLER))
            elif draw < 0.95:
                words.append(vocabulary[position])
            else:
                words.append(rng.choice(WORDS))
        body = " ".join(words)
        return SearchDocument(
            key=str(obj),
            type=self.name,
            title=f"{title} {obj}",
            summary=" ".join(rng.sample(WORDS, 2) + rng.sample(VOCABULARY, 10)),
            body=body,
            tags=rng.sample(TAGS, 3),
            portals=rng.sample(PORTALS, 1),
            commune=rng.choice(COMMUNES),
            updated=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
            + datetime.timedelta(minutes=obj),
            url=f"/wiki/{obj}/",
        )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=25_000)
    parser.add_argument("--index-dir", default="/tmp/ker-bench-search-index")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    settings.KER_SEARCH_INDEX_DIR = options.index_dir
    registry._sources.clear()  # only the synthetic corpus, whatever the apps registered
    registry.register(SyntheticSource(options.docs))
    from search.selectors import SearchFilters, search_documents, title_suggestions
    from search.services import index_document_count, index_rebuild

    if options.rebuild or index_document_count() != options.docs:
        started = time.perf_counter()
        index_rebuild()
        print(f"rebuild: {options.docs} docs in {time.perf_counter() - started:.1f}s")
    backend.forget_indexes()

    def timed(call) -> float:
        started = time.perf_counter()
        call()
        return (time.perf_counter() - started) * 1000

    search_times: list[float] = []
    slowest: list[tuple[float, str]] = []
    for round_number in range(options.rounds):
        for query in QUERIES:
            for filters, sort, page in (
                (SearchFilters(), "pertinence", 1),
                (SearchFilters(portail="nature"), "pertinence", 1),
                (SearchFilters(tag="mer"), "date", 2),
            ):
                elapsed = timed(
                    lambda q=query, f=filters, s=sort, p=page: search_documents(
                        text=q, filters=f, sort=s, page=p
                    )
                )
                if round_number:  # the first round warms caches
                    search_times.append(elapsed)
                    slowest.append((elapsed, f"{query!r} {filters.active()} {sort} p{page}"))
    suggest_times = [
        timed(lambda prefix=prefix: title_suggestions(text=prefix))
        for _ in range(options.rounds)
        for prefix in ("ph", "lav", "chap", "ecol", "port p", "jard", "mé", "zz")
    ]
    print(
        f"search_documents: n={len(search_times)} p50={statistics.median(search_times):.1f} ms "
        f"p95={percentile(search_times, 0.95):.1f} ms max={max(search_times):.1f} ms"
    )
    print(
        f"title_suggestions: n={len(suggest_times)} p50={statistics.median(suggest_times):.1f} "
        f"ms p95={percentile(suggest_times, 0.95):.1f} ms"
    )
    print("slowest:")
    for elapsed, label in sorted(slowest, reverse=True)[:6]:
        print(f"  {elapsed:7.1f} ms  {label}")


if __name__ == "__main__":
    main()
