"""Ker side by side with MediaWiki on this machine (issue 10): the same corpus, the same client,
alternating rounds, one table of ratios. Not part of `make test`.

    sudo .venv/bin/python bench/compare_mediawiki.py [--pages 500] [--rounds 3] [--requests 100]

1. Installs Debian's `mediawiki` package with PHP's SQLite, APCu and OPcache modules when
   missing (`apt-get`, needs root), then `maintenance/install.php` into a scratch directory
   (SQLite database, APCu as main and parser cache; the package's own configuration is not
   touched: the scratch LocalSettings.php is passed with MW_CONFIG_FILE / --conf).
2. Generates one corpus (bench/bench_scale.py's: French titles, ~2 KB bodies with sections and
   three [[links]]), imports it into MediaWiki as an XML dump (`importDump.php`, then
   `rebuildrecentchanges.php`, `rebuildtextindex.php`, `initSiteStats.php`) and into Ker
   (bench/fastgen.py, search index rebuild).
3. Serves MediaWiki with PHP's built-in server (`php -S`, PHP_CLI_SERVER_WORKERS=9) and Ker with
   gunicorn as in production (gunicorn.conf.py: 3 workers, production settings, SQLite, file
   cache), both on 127.0.0.1.
4. Warms both (one view of each sampled page), then for each round measures MediaWiki then Ker
   (the order alternates each round): article view with 1 and 4 clients, history, recent
   changes and search with 4 clients, edit save with 1 and 4 clients (MediaWiki: action=edit of
   the API, logged in as the wiki's administrator, a bot-less account with `noratelimit`; Ker:
   the edit form, logged in). Prints the table (medians and p95 over every round) and the
   memory (PSS) of each side's processes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlencode
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import QUERIES, corpus  # noqa: E402
from common import ROOT, Session, free_port  # noqa: E402
from load import (  # noqa: E402
    Result,
    collect_static,
    get_ok,
    memory_report,
    migrated_database,
    production_environment,
    production_server,
    pss_megabytes,
    run_clients,
    save_edit,
)

MEDIAWIKI = Path("/usr/share/mediawiki")
PACKAGES = [
    "mediawiki",
    "php-cli",
    "php-sqlite3",
    "php-apcu",
    "php-intl",
    "php-mbstring",
    "php-xml",
]
ADMIN_PASSWORD = "bench-admin-password-42"
CLIENTS = 4


def install_packages() -> None:
    if (MEDIAWIKI / "maintenance" / "install.php").exists() and shutil.which("php"):
        return
    print("installing Debian's mediawiki (apt-get)...", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES],
        check=True,
        env=env,
    )


def php(scratch: Path, script: str, *args: str, stdin=None) -> None:
    subprocess.run(
        [
            "php",
            str(MEDIAWIKI / "maintenance" / script),
            "--conf",
            str(scratch / "LocalSettings.php"),
            *args,
        ],
        check=True,
        stdin=stdin,
        stdout=subprocess.DEVNULL,
        env=dict(os.environ, MW_CONFIG_FILE=str(scratch / "LocalSettings.php")),
    )


def install_mediawiki(scratch: Path, port: int) -> None:
    (scratch / "data").mkdir(parents=True)
    subprocess.run(
        [
            "php",
            str(MEDIAWIKI / "maintenance" / "install.php"),
            "--dbtype=sqlite",
            f"--dbpath={scratch / 'data'}",
            "--dbname=benchwiki",
            f"--server=http://127.0.0.1:{port}",
            "--scriptpath=",
            "--lang=fr",
            f"--pass={ADMIN_PASSWORD}",
            f"--confpath={scratch}",
            "Bench",
            "Admin",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    with open(scratch / "LocalSettings.php", "a") as settings:
        settings.write(
            "\n# compare_mediawiki.py\n"
            "$wgMainCacheType = CACHE_ACCEL;\n"
            "$wgParserCacheType = CACHE_ACCEL;\n"
            "$wgSessionCacheType = CACHE_DB;\n"
            f'$wgUploadDirectory = "{scratch}/images";\n'
            f'$wgCacheDirectory = "{scratch}/cache";\n'
            "$wgShowExceptionDetails = true;\n"
            "$wgJobRunRate = 0;\n"
        )


def mediawiki_dump(pages: list[tuple[str, str]]) -> str:
    """The corpus as a MediaWiki XML export (Markdown headings become == headings ==)."""
    parts = [
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" '
        'xml:lang="fr"><siteinfo><sitename>Bench</sitename><dbname>benchwiki</dbname>'
        "<base>http://127.0.0.1/</base><generator>compare_mediawiki</generator>"
        '<case>first-letter</case><namespaces><namespace key="0" case="first-letter" />'
        "</namespaces></siteinfo>"
    ]
    # Recent enough for recent changes (MediaWiki keeps $wgRCMaxAge, 90 days; shows 7).
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)
    for number, (title, body) in enumerate(pages, start=1):
        stamp = (start + datetime.timedelta(seconds=number)).strftime("%Y-%m-%dT%H:%M:%SZ")
        text = "\n".join(
            f"== {line[3:]} ==" if line.startswith("## ") else line for line in body.splitlines()
        )
        parts.append(
            f"<page><title>{escape(title)}</title><ns>0</ns><id>{number}</id>"
            f"<revision><id>{number}</id><timestamp>{stamp}</timestamp>"
            "<contributor><username>Admin</username><id>1</id></contributor>"
            "<comment>import</comment><model>wikitext</model><format>text/x-wiki</format>"
            f'<text bytes="{len(text.encode())}" xml:space="preserve">{escape(text)}</text>'
            "</revision></page>"
        )
    parts.append("</mediawiki>")
    return "".join(parts)


class MediaWikiServer:
    def __init__(self, scratch: Path, port: int):
        self.scratch = scratch
        self.port = port
        self.process = None

    def __enter__(self):
        env = dict(
            os.environ,
            MW_CONFIG_FILE=str(self.scratch / "LocalSettings.php"),
            PHP_CLI_SERVER_WORKERS="9",
        )
        self.process = subprocess.Popen(
            [
                "php",
                "-d",
                "apc.enable_cli=1",
                "-d",
                "opcache.enable_cli=1",
                "-d",
                "memory_limit=256M",
                "-S",
                f"127.0.0.1:{self.port}",
                "-t",
                str(MEDIAWIKI),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its workers are stopped with it (process group)
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if Session(self.port).request("GET", "/index.php")[0] in (200, 301, 302):
                    break
            except OSError:
                time.sleep(0.3)
        return self

    def __exit__(self, *exc):
        import signal

        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)

    def memory(self) -> str:
        pids = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids += [int(pid) for pid in children.read_text().split()]
        total = sum(pss_megabytes(pid) for pid in pids)
        return f"memory: {len(pids)} PHP processes {total:.0f} MB PSS in all"


def mediawiki_login(port: int) -> Session:
    session = Session(port)
    _, body = session.request("GET", "/api.php?action=query&meta=tokens&type=login&format=json")
    token = json.loads(body)["query"]["tokens"]["logintoken"]
    _, body = session.request(
        "POST",
        "/api.php",
        {
            "action": "login",
            "lgname": "Admin",
            "lgpassword": ADMIN_PASSWORD,
            "lgtoken": token,
            "format": "json",
        },
    )
    if json.loads(body)["login"]["result"] != "Success":
        raise RuntimeError(f"MediaWiki log-in failed: {body[:300]}")
    _, body = session.request("GET", "/api.php?action=query&meta=tokens&format=json")
    session.csrf = json.loads(body)["query"]["tokens"]["csrftoken"]
    return session


def mediawiki_save(session: Session, title: str, number: int, timings: list[float]) -> bool:
    started = time.perf_counter()
    status, body = session.request(
        "POST",
        "/api.php",
        {
            "action": "edit",
            "title": title,
            "appendtext": f"\n\nAjout {number}.",
            "summary": "bench",
            "token": session.csrf,
            "format": "json",
        },
    )
    timings.append((time.perf_counter() - started) * 1000)
    return status == 200 and '"result":"Success"' in body


def mediawiki_path(title: str) -> str:
    return "/index.php?title=" + quote(title.replace(" ", "_"))


OPERATIONS = [
    "article view, 1 client",
    "article view, 4 clients",
    "history, 4 clients",
    "recent changes, 4 clients",
    "search, 4 clients",
    "edit save, 1 client",
    "edit save, 4 clients",
]


def measure_round(system: str, port: int, titles, slugs, requests: int, editors) -> dict:
    import random

    rng = random.Random(len(titles) + requests)
    indexes = [rng.randrange(len(titles)) for _ in range(requests)]
    if system == "mediawiki":
        view = [mediawiki_path(titles[i]) for i in indexes]
        history = [mediawiki_path(titles[i]) + "&action=history" for i in indexes]
        recent = ["/index.php?title=Sp%C3%A9cial:Modifications_r%C3%A9centes"] * requests
        search = [
            "/index.php?" + urlencode({"search": QUERIES[n % len(QUERIES)], "fulltext": "1"})
            for n in range(requests)
        ]
    else:
        view = [f"/wiki/{slugs[i]}/" for i in indexes]
        history = [f"/wiki/{slugs[i]}/historique/" for i in indexes]
        recent = ["/modifications-recentes/"] * requests
        search = [
            "/recherche/?" + urlencode({"q": QUERIES[n % len(QUERIES)]}) for n in range(requests)
        ]
    visitors = [Session(port) for _ in range(CLIENTS)]
    results = {}
    for label, clients, paths in (
        ("article view, 1 client", visitors[:1], view),
        ("article view, 4 clients", visitors, view),
        ("history, 4 clients", visitors, history),
        ("recent changes, 4 clients", visitors, recent),
        ("search, 4 clients", visitors, search),
    ):
        results[label] = run_clients(
            label, clients, len(paths), lambda s, n, paths=paths: get_ok(s, paths[n])
        )
    saves = max(8, requests // 2)
    for label, clients in (
        ("edit save, 1 client", editors[:1]),
        ("edit save, 4 clients", editors),
    ):
        timings: list[float] = []
        if system == "mediawiki":

            def action(s, n, timings=timings):
                return mediawiki_save(s, titles[rng.randrange(len(titles))], n, timings)
        else:

            def action(s, n, timings=timings):
                return save_edit(s, slugs[rng.randrange(len(slugs))], n, timings)

        result = run_clients(label, clients, saves, action)
        result.samples = timings
        results[label] = result
    return results


def merge(rounds: list[dict]) -> dict[str, Result]:
    merged = {}
    for label in OPERATIONS:
        parts = [r[label] for r in rounds]
        merged[label] = Result(
            label,
            [sample for part in parts for sample in part.samples],
            sum(part.seconds for part in parts),
            sum(part.errors for part in parts),
        )
    return merged


def ker_slugs(directory: Path) -> dict[str, str]:
    script = (
        "import django, json; django.setup(); from wiki.models import ArticlePage as A; "
        "print(json.dumps(dict(A.objects.live().values_list('title', 'slug'))))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_environment(directory),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=100, help="per operation and round")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    arguments = parser.parse_args()

    install_packages()
    scratch = Path(tempfile.mkdtemp(prefix="ker-vs-mediawiki-"))
    print(f"scratch directory: {scratch}", flush=True)
    pages = corpus(arguments.pages)
    titles = [title for title, _ in pages]

    started = time.perf_counter()
    mw_port = free_port()
    install_mediawiki(scratch / "mediawiki", mw_port)
    dump = scratch / "corpus.xml"
    dump.write_text(mediawiki_dump(pages), encoding="utf-8")
    mw = scratch / "mediawiki"
    php(mw, "importDump.php", str(dump))
    php(mw, "rebuildrecentchanges.php")
    php(mw, "rebuildtextindex.php")
    php(mw, "initSiteStats.php", "--update")
    print(f"MediaWiki: installed and imported in {time.perf_counter() - started:.0f} s")

    started = time.perf_counter()
    ker = scratch / "ker"
    ker.mkdir()
    migrated_database(ker)
    collect_static(ker)
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_scale.py"),
            "--generate",
            str(arguments.pages),
            "--workdir",
            str(ker),
        ],
        check=True,
    )
    by_title = ker_slugs(ker)
    slugs = [by_title[title] for title in titles]
    print(f"Ker: migrated and generated in {time.perf_counter() - started:.0f} s", flush=True)

    collect_static(ker)  # again: the manifest must list every file the templates name
    load = open("/proc/loadavg").read().split()[:3]
    print(f"load average before: {load} (other work on the machine shares its 2 cores)")
    rounds = {"mediawiki": [], "ker": []}
    memory = {}
    with MediaWikiServer(mw, mw_port) as mediawiki, production_server(ker) as (ker_port, master):
        mw_editors = [mediawiki_login(mw_port) for _ in range(CLIENTS)]
        ker_editors = [Session(ker_port) for _ in range(CLIENTS)]
        for editor in ker_editors:
            editor.login("bench", "bench-password")
        warm = Session(mw_port), Session(ker_port)
        for title, slug in zip(titles, slugs, strict=True):
            warm[0].request("GET", mediawiki_path(title))
            warm[1].request("GET", f"/wiki/{slug}/")
        for number in range(arguments.rounds):
            order = ["mediawiki", "ker"] if number % 2 == 0 else ["ker", "mediawiki"]
            for system in order:
                port = mw_port if system == "mediawiki" else ker_port
                editors = mw_editors if system == "mediawiki" else ker_editors
                rounds[system].append(
                    measure_round(system, port, titles, slugs, arguments.requests, editors)
                )
            print(f"round {number + 1}/{arguments.rounds} done", flush=True)
        memory["mediawiki"] = mediawiki.memory()
        memory["ker"] = memory_report(master)

    mw_results, ker_results = merge(rounds["mediawiki"]), merge(rounds["ker"])
    print(f"\n{arguments.pages} pages, {arguments.rounds} rounds x {arguments.requests} requests")
    print("| operation | MediaWiki median / p95 | Ker median / p95 | Ker throughput / MediaWiki |")
    print("|---|---|---|---|")
    for label in OPERATIONS:
        m, k = mw_results[label], ker_results[label]
        ratio = k.per_second / m.per_second if m.per_second else float("nan")
        errors = ""
        if m.errors or k.errors:
            errors = f" (errors: MediaWiki {m.errors}, Ker {k.errors})"
        print(
            f"| {label} | {m.median:.0f} / {m.p95:.0f} ms | {k.median:.0f} / {k.p95:.0f} ms "
            f"| {ratio:.1f}x{errors} |"
        )
    print("\nreq/s (MediaWiki / Ker):")
    for label in OPERATIONS:
        mw_rate, ker_rate = mw_results[label].per_second, ker_results[label].per_second
        print(f"  {label}: {mw_rate:.0f} / {ker_rate:.0f}")
    print(f"MediaWiki {memory['mediawiki']}; Ker {memory['ker']}")
    print(f"load average after: {open('/proc/loadavg').read().split()[:3]}")
    if not arguments.keep:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
