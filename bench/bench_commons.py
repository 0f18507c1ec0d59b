"""Timing of the commons import and directory on a throw-away database.

    .venv/bin/python bench/bench_commons.py [ROWS]   (default 2,000 rows)

Uses the test settings (in-memory SQLite, temporary search index); touches nothing else.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main(rows: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.KER_SEARCH_INDEX_DIR = tempfile.mkdtemp(prefix="ker-bench-index-")
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, serialize=False)

    from commons.importing import import_commons
    from commons.selectors import DirectoryFilters, directory

    lines = ["source_id,name,summary,commune,latitude,longitude,tags"]
    for number in range(rows):
        lines.append(
            f"b-{number},Commun {number},Résumé {number}.,Port-Kerlann,"
            f"{48.3 + number / 100000:.6f},{-4.5 + number / 100000:.6f},tag{number % 20}"
        )
    content = ("\n".join(lines) + "\n").encode()
    for label, dry_run in (("validation only", True), ("import", False), ("re-import", False)):
        started = time.perf_counter()
        report = import_commons(
            content=content, file_format="csv", label="bench.csv", dry_run=dry_run, max_rows=rows
        )
        elapsed = time.perf_counter() - started
        print(
            f"{label:16} {rows} rows: {elapsed:6.2f} s ({rows / elapsed:7.0f} rows/s) "
            f"created={report.created} updated={report.updated} unchanged={report.unchanged}"
        )
    started = time.perf_counter()
    for _ in range(20):
        list(directory(DirectoryFilters(text="commun 1", tag="tag3", sort="recents"))[:20])
    print(f"directory query: {(time.perf_counter() - started) / 20 * 1000:.1f} ms per page")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
