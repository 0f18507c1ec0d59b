"""Wiki benchmark: anonymous article view and edit save against a real server process.

    .venv/bin/python bench/bench_wiki.py [--sizes 1000 10000] [--requests 300]
                                         [--bulk-fraction 0.9]

Creates a throwaway SQLite database per size, generates articles through the real services
(so revisions, metadata and links are real), then starts gunicorn on 127.0.0.1 and measures.

The services cost 100-300 ms per article (more on a busy machine), so 10,000 articles take
30-60 minutes. ``--bulk-fraction 0.9`` writes the first 90 % of the same articles (same
titles, bodies and links, same random sequence) with the bulk inserts of ``bench/fastgen.py``
(real pages, revisions, revision metadata, tags and wiki links, valid tree), rebuilds the search
index with ``search.services.index_rebuild()``, then creates the remaining 10 % through the
services. The default (0) creates every article through the services.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, Session, bench_environment, server, setup_django, summary, timed, workdir  # noqa: E402

WORDS = (
    "port phare lavoir marché école fête chapelle sardine conserverie cale goémon marée "
    "quai bateau pêcheur bourg lande moulin criée halle digue anse grève dune"
).split()


def generate(count: int, bulk_fraction: float = 0.0) -> None:
    from django.db import transaction

    from community.models import User
    from wiki.services import ArticleFields, article_create

    user = User.objects.create_user(
        "bench", "bench@example.org", "bench-password", is_confirmed=True
    )
    rng = random.Random(42)
    articles = []
    for number in range(count):
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number}"
        links = " ".join(
            f"[[{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.randrange(count)}]]"
            for _ in range(3)
        )
        paragraphs = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(5))
        body = f"## Histoire\n\n{paragraphs}\n\n## Voir aussi\n\n{links}\n"
        articles.append((title, body))
    bulk = int(count * max(0.0, min(1.0, bulk_fraction)))
    start = time.perf_counter()
    if bulk:
        from fastgen import ArticleSpec, bulk_articles

        from search.services import index_rebuild

        bulk_articles(
            [
                ArticleSpec(title=title, body=body, summary="Article de test.")
                for title, body in articles[:bulk]
            ],
            user=user,
        )
        print(f"  {bulk} articles in bulk ({time.perf_counter() - start:.0f} s)", flush=True)
        index_rebuild()
        print(f"  search index rebuilt ({time.perf_counter() - start:.0f} s)", flush=True)
    for number, (title, body) in enumerate(articles[bulk:], start=bulk):
        with transaction.atomic():
            article_create(
                fields=ArticleFields(title=title, body=body, summary="Article de test."), user=user
            )
        if number and number % 1000 == 0:
            print(f"  {number} articles ({time.perf_counter() - start:.0f} s)", flush=True)
    print(
        f"  generated {count} articles in {time.perf_counter() - start:.1f} s "
        f"({bulk} in bulk, {count - bulk} through the services)",
        flush=True,
    )


def measure(directory: Path, requests: int) -> None:
    from wiki.models import ArticlePage

    slugs = list(ArticlePage.objects.live().values_list("slug", flat=True))
    rng = random.Random(7)
    with server(directory) as port:
        visitor = Session(port)
        for slug in rng.sample(slugs, min(20, len(slugs))):  # warm-up
            visitor.request("GET", f"/wiki/{slug}/")
        views = []
        for _ in range(requests):
            slug = rng.choice(slugs)
            views.append(timed(lambda slug=slug: visitor.request("GET", f"/wiki/{slug}/")))
        print(summary("anonymous article view (random article)", views))
        cached = []
        slug = slugs[0]
        for _ in range(requests):
            cached.append(timed(lambda: visitor.request("GET", f"/wiki/{slug}/")))
        print(summary("anonymous article view (same article)", cached))
        editor = Session(port)
        editor.login("bench", "bench-password")
        saves = []
        for number in range(min(requests, 200)):
            slug = rng.choice(slugs)
            _, html = editor.request("GET", f"/wiki/{slug}/modifier/")
            token = editor.csrf_from(html)
            import re

            base = re.search(r'name="base_revision_id" value="(\d+)"', html).group(1)
            title = re.search(r'name="title" value="([^"]*)"', html).group(1)
            body = re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", html, re.S).group(1)
            import html as html_module

            data = {
                "csrfmiddlewaretoken": token,
                "title": html_module.unescape(title),
                "body": html_module.unescape(body) + f"\n\nAjout {number}.",
                "base_revision_id": base,
                "edit_summary": "bench",
                "action": "enregistrer",
            }
            started = time.perf_counter()
            status, _ = editor.request("POST", f"/wiki/{slug}/modifier/", data)
            saves.append((time.perf_counter() - started) * 1000)
            if status != 302:
                raise RuntimeError(f"save failed: {status}")
        print(summary("edit save (POST, logged in)", saves))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--bulk-fraction",
        type=float,
        default=0.0,
        help="share of the articles written in bulk instead of through the services (0-1)",
    )
    parser.add_argument("--phase", choices=["all", "generate", "measure"], default="all")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    if args.phase != "all":
        setup_django(args.workdir)
        if args.phase == "generate":
            generate(args.sizes[0], args.bulk_fraction)
        else:
            measure(args.workdir, args.requests)
        return
    for size in args.sizes:
        directory = workdir(f"ker-bench-{size}-")
        print(f"== {size} articles ({directory})", flush=True)
        env = bench_environment(directory)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        for phase in ("generate", "measure"):
            subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--phase",
                    phase,
                    "--workdir",
                    str(directory),
                    "--sizes",
                    str(size),
                    "--requests",
                    str(args.requests),
                    "--bulk-fraction",
                    str(args.bulk_fraction),
                ],
                cwd=ROOT,
                check=True,
            )


if __name__ == "__main__":
    main()
