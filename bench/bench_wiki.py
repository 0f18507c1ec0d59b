"""Wiki benchmark: anonymous article view and edit save against a real server process.

    .venv/bin/python bench/bench_wiki.py [--sizes 1000 10000] [--requests 300]

Creates a throwaway SQLite database per size, generates articles through the real services
(so revisions, metadata and links are real), then starts gunicorn on 127.0.0.1 and measures.
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


def generate(count: int) -> None:
    from django.db import transaction

    from community.models import User
    from wiki.services import ArticleFields, article_create

    user = User.objects.create_user(
        "bench", "bench@example.org", "bench-password", is_confirmed=True
    )
    rng = random.Random(42)
    start = time.perf_counter()
    for number in range(count):
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number}"
        links = " ".join(
            f"[[{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.randrange(count)}]]"
            for _ in range(3)
        )
        paragraphs = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(5))
        body = f"## Histoire\n\n{paragraphs}\n\n## Voir aussi\n\n{links}\n"
        with transaction.atomic():
            article_create(
                fields=ArticleFields(title=title, body=body, summary="Article de test."), user=user
            )
        if number and number % 1000 == 0:
            print(f"  {number} articles ({time.perf_counter() - start:.0f} s)", flush=True)
    print(f"  generated {count} articles in {time.perf_counter() - start:.1f} s", flush=True)


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
    parser.add_argument("--phase", choices=["all", "generate", "measure"], default="all")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    if args.phase != "all":
        setup_django(args.workdir)
        if args.phase == "generate":
            generate(args.sizes[0])
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
                ],
                cwd=ROOT,
                check=True,
            )


if __name__ == "__main__":
    main()
