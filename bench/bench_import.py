"""MediaWiki import speed: revisions per second of ``manage.py mediawiki_import`` on SQLite.

    .venv/bin/python bench/bench_import.py [--sizes 1000 20000] [--revisions-per-page 10]

For each size, a throwaway SQLite database is migrated, then a MediaWiki XML dump (schema 0.11)
is generated with that many revisions: pages of 10 revisions by default, each revision 2-4 KB
of ordinary wikitext (headings, bold, links, lists, a table, a reference, a date template,
categories), authors with accounts and IP addresses, minor edits. The import runs through the
real command (check pass, conversion, services, bulk search indexing and backlinks at the end);
the figures printed are revisions imported / wall-clock seconds of the whole command, and per
CPU second of the command (the importing process and its converter process), with the load
average.
Target (issue 11): at least 50 revisions/s.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, bench_environment, workdir  # noqa: E402

WORDS = (
    "port phare lavoir marché école fête chapelle sardine conserverie cale goémon marée "
    "quai bateau pêcheur bourg lande moulin criée halle digue anse grève dune"
).split()


def paragraph(rng: random.Random, titles: list[str]) -> str:
    words = []
    for _ in range(rng.randint(40, 80)):
        roll = rng.random()
        if roll < 0.05:
            words.append(f"[[{rng.choice(titles)}]]")
        elif roll < 0.08:
            words.append(f"'''{rng.choice(WORDS)}'''")
        elif roll < 0.10:
            words.append(f"''{rng.choice(WORDS)}''")
        else:
            words.append(rng.choice(WORDS))
    return " ".join(words).capitalize() + "."


def wikitext(rng: random.Random, titles: list[str], version: int) -> str:
    parts = [paragraph(rng, titles)]
    for section in range(2 + version % 2):
        parts.append(f"== Section {section + 1} ==")
        parts.append(paragraph(rng, titles))
        parts.append("\n".join(f"* {rng.choice(WORDS)} {rng.choice(WORDS)}" for _ in range(3)))
    parts.append(
        '{| class="wikitable"\n! Année !! Fait\n|-\n| 1850 || construction\n|-\n'
        "| {{date|12|mars|1990}} || restauration<ref>Archives communales.</ref>\n|}"
    )
    parts.append("== Notes ==\n<references />")
    parts.append(f"[[Catégorie:{rng.choice(WORDS).capitalize()}]]")
    return "\n\n".join(parts)


def write_dump(path: Path, revisions: int, per_page: int) -> None:
    rng = random.Random(11)
    pages = max(1, revisions // per_page)
    titles = [f"{rng.choice(WORDS).capitalize()} {index}" for index in range(pages)]
    revision_id = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
            'xml:lang="fr">\n<siteinfo><sitename>Bench</sitename><dbname>benchwiki</dbname>'
            '<namespaces><namespace key="0" /><namespace key="1">Discussion</namespace>'
            '<namespace key="14">Catégorie</namespace></namespaces></siteinfo>\n'
        )
        for page_index, title in enumerate(titles):
            out.write(f"<page><title>{escape(title)}</title><ns>0</ns><id>{page_index + 1}</id>\n")
            for version in range(per_page):
                revision_id += 1
                text = wikitext(rng, titles, version)
                if rng.random() < 0.2:
                    contributor = f"<ip>192.0.2.{rng.randint(1, 254)}</ip>"
                else:
                    user = rng.randint(1, 200)
                    contributor = f"<username>Habitant {user}</username><id>{user}</id>"
                minor = "<minor />" if rng.random() < 0.3 else ""
                out.write(
                    f"<revision><id>{revision_id}</id>"
                    f"<timestamp>20{10 + version:02d}-0{1 + page_index % 9}-01T10:00:00Z"
                    "</timestamp>"
                    f"<contributor>{contributor}</contributor>{minor}"
                    f"<comment>modification {version}</comment><model>wikitext</model>"
                    f'<format>text/x-wiki</format><text xml:space="preserve">{escape(text)}'
                    "</text></revision>\n"
                )
            out.write("</page>\n")
        out.write("</mediawiki>\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--revisions-per-page", type=int, default=10)
    args = parser.parse_args()
    for size in args.sizes:
        directory = workdir(f"ker-bench-import-{size}-")
        env = bench_environment(directory)
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        dump = directory / "dump.xml"
        write_dump(dump, size, args.revisions_per_page)
        megabytes = dump.stat().st_size / 1e6
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = subprocess.run(
            [*manage, "mediawiki_import", str(dump), "--no-progress"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        imported = next(
            (line for line in result.stdout.splitlines() if "révisions :" in line), ""
        ).strip()
        print(
            f"{size} revisions ({megabytes:.1f} MB of XML): {seconds:.1f} s, "
            f"{size / seconds:.1f} revisions/s  [{imported}]",
            flush=True,
        )
        # On a shared machine the wall clock mostly measures the others' load: CPU seconds of
        # the import (both processes) say what it costs by itself.
        print(
            f"  CPU: {cpu:.1f} s ({size / cpu:.1f} revisions per CPU second); "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        print(f"  workdir: {directory}")


if __name__ == "__main__":
    main()
