"""Whole-site dump and restore (issue 11 §2): seconds for ``site_dump`` and ``site_restore``.

For each size, in throwaway SQLite databases (``bench_environment``):

1. generate a site: the five demo portals, N articles and N/4 commons in bulk (``fastgen``,
   the corpus of ``bench_search_site.py``);
2. ``manage.py site_dump site.tar.gz`` (wall time, archive size);
3. ``manage.py site_restore site.tar.gz`` into a new, empty database file: migrate, check every
   checksum, write every row, copy the files, rebuild the search index (wall time);
4. with ``--compare``, dump the restored site and check the two archives hold the same files.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, bench_environment, setup_django, workdir  # noqa: E402
from search_corpus import SEED, article_specs, commons_specs  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def manage(directory: Path, *arguments: str) -> tuple[float, str]:
    """Run a command; prints nothing, returns (wall seconds, output) and notes the CPU time."""
    started, cpu = time.perf_counter(), _children_cpu()
    completed = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=bench_environment(directory),
        check=True,
        capture_output=True,
        text=True,
    )
    LAST_CPU[0] = _children_cpu() - cpu
    return time.perf_counter() - started, (completed.stdout + completed.stderr).strip()


# CPU seconds of the last command: on a shared machine, wall time depends on the load.
LAST_CPU = [0.0]


def generate(directory: Path, articles: int) -> None:
    """Run in a child process (``--generate``) so Django is set up on that database."""
    setup_django(directory)
    from fastgen import bulk_articles, bulk_commons

    from community.models import User
    from portals.demo import load_portals_demo

    load_portals_demo(sys.stdout)
    user = User.objects.create_user(
        "bench", "bench@example.org", "bench-password", is_confirmed=True
    )
    bulk_articles(article_specs(articles), user=user, seed=SEED)
    bulk_commons(commons_specs(max(1, articles // 4)), user=user, seed=SEED)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def contents(path: Path) -> dict[str, str]:
    found = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            if member.isfile() and not member.name.endswith("manifest.json"):
                found[member.name] = hashlib.sha256(archive.extractfile(member).read()).hexdigest()
    return found


def run(articles: int, compare: bool) -> dict[str, float]:
    source = workdir(f"ker-bench-archive-{articles}-")
    target = workdir(f"ker-bench-restore-{articles}-")
    print(f"== {articles} articles ({source} -> {target})", flush=True)
    manage(source, "migrate", "-v0")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--generate", str(articles), "--workdir", str(source)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  generation: {time.perf_counter() - started:.1f} s", flush=True)
    archive = source / "site.tar.gz"
    dump_seconds, output = manage(source, "site_dump", str(archive), "--no-progress")
    dump_cpu = LAST_CPU[0]
    print(f"  site_dump: {dump_seconds:.1f} s (CPU {dump_cpu:.1f} s, load {load()})", flush=True)
    print(f"    {output.splitlines()[-1]}", flush=True)
    size = archive.stat().st_size / 1e6
    print(f"  archive: {size:.1f} MB", flush=True)
    restore_seconds, output = manage(target, "site_restore", str(archive), "--no-progress")
    restore_cpu = LAST_CPU[0]
    print(
        f"  site_restore: {restore_seconds:.1f} s (CPU {restore_cpu:.1f} s, load {load()})",
        flush=True,
    )
    print(f"    {output.splitlines()[-1]}", flush=True)
    figures = {
        "articles": articles,
        "dump_seconds": round(dump_seconds, 1),
        "dump_cpu_seconds": round(dump_cpu, 1),
        "restore_seconds": round(restore_seconds, 1),
        "restore_cpu_seconds": round(restore_cpu, 1),
        "archive_mb": round(size, 1),
    }
    if compare:
        again = target / "again.tar.gz"
        manage(target, "site_dump", str(again), "--no-progress")
        same = contents(again) == contents(archive)
        print(f"  dump of the restored site: {'same files' if same else 'DIFFERENT'}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--compare", action="store_true", help="dump the restored site again")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        generate(args.workdir, args.generate)
        return
    results = [run(size, args.compare) for size in args.sizes]
    print("\n== Summary (seconds, wall time)")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
