"""Where `make test` spends its CPU: CPU seconds by kind of process, wall time by step.

    .venv/bin/python bench/suite_cpu.py [make target ...]        # default: test

Runs ``make <targets>`` in this checkout and, every 0.2 s, reads the CPU time of every process
of the machine from ``/proc`` (each process counted once, by its pid and start time), grouped by
what it is: pytest workers, Chromium, gunicorn, ``manage.py`` subcommands, PostgreSQL, the HTML
validator... Processes that start and end between two readings are missed: the exact total of
what ``make`` waited for comes from ``getrusage`` (it leaves out PostgreSQL, which ``pg_ctl``
detaches). Each step's wall time is when its pytest line ("N passed in ...") appeared.

The machine is shared and its speed varies by a factor of two from one hour to the next, so
the same fixed pure-Python loop is timed before and after the run (CPU seconds): compare runs
by their CPU totals divided by that loop's time, not by their wall times.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")
RESULT_LINE = re.compile(r"\d+ (passed|failed)|All checks passed|No changes detected")


def reference_loop() -> float:
    """CPU seconds of a fixed loop (30 million additions): the machine's speed right now."""
    started = time.process_time()
    total = 0
    for number in range(30_000_000):
        total += number
    return time.process_time() - started


def kind_of(command: str) -> str:
    words = command.split()
    if not words:
        return "?"
    if "chrom" in words[0]:
        return "chromium"
    if words[0].startswith("postgres") or "/postgres" in words[0]:
        return "postgresql"
    if "java" in words[0]:
        return "java (HTML validator)"
    if "redis" in words[0]:
        return "redis"
    if "playwright" in command:
        return "playwright driver"
    if "gunicorn" in command:
        return "gunicorn"
    if "manage.py" in command:
        after = command.split("manage.py", 1)[1].split()
        return "manage.py " + (after[0] if after else "")
    if "exec(eval(sys.stdin.readline()))" in command:
        return "pytest-xdist worker"
    if "pytest" in command:
        return "pytest (main process)"
    if "pip" in command:
        return "pip"
    if "ruff" in command:
        return "ruff"
    if "python" in words[0]:
        return "python (other)"
    return Path(words[0]).name


class Sampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.seen: dict[tuple[str, str], list] = {}
        self.running = True
        self.own = str(os.getpid())

    def run(self) -> None:
        while self.running:
            self.sample()
            time.sleep(0.2)
        self.sample()

    def sample(self) -> None:
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or pid == self.own:
                continue
            try:
                with open(f"/proc/{pid}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                ticks, start = int(fields[11]) + int(fields[12]), fields[19]
                key = (pid, start)
                if key not in self.seen:
                    with open(f"/proc/{pid}/cmdline", "rb") as handle:
                        command = handle.read().replace(b"\0", b" ").decode(errors="replace")
                    if not command:
                        continue
                    self.seen[key] = [kind_of(command), 0]
                self.seen[key][1] = ticks
            except (OSError, IndexError, ValueError):
                continue

    def by_kind(self, since: dict) -> Counter:
        totals: Counter = Counter()
        for key, (kind, ticks) in self.seen.items():
            totals[kind] += (ticks - since.get(key, 0)) / TICKS
        return totals

    def counts(self, since: dict) -> Counter:
        """How many processes of each kind started during the run (those seen at least once)."""
        return Counter(kind for key, (kind, _ticks) in self.seen.items() if key not in since)


def main() -> None:
    targets = sys.argv[1:] or ["test"]
    before_loop = reference_loop()
    print(f"reference loop before: {before_loop:.2f} CPU s", flush=True)
    sampler = Sampler()
    sampler.sample()
    baseline = {key: ticks for key, (_kind, ticks) in sampler.seen.items()}
    sampler.start()
    started = time.monotonic()
    steps = []
    environment = {key: value for key, value in os.environ.items() if key != "MAKEFLAGS"}
    process = subprocess.Popen(
        ["make", "--no-print-directory", *targets],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in process.stdout:
        sys.stdout.write(line)
        if RESULT_LINE.search(line):
            steps.append((time.monotonic() - started, line.strip()))
    returncode = process.wait()
    wall = time.monotonic() - started
    sampler.running = False
    sampler.join()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    after_loop = reference_loop()

    print(f"\nmake {' '.join(targets)}: exit {returncode}, {wall:.0f} s wall")
    print("steps (when their result line appeared):")
    for at, line in steps:
        print(f"  {at:6.0f} s  {line[:100]}")
    totals = sampler.by_kind(baseline)
    counts = sampler.counts(baseline)
    print("CPU seconds by kind of process (sampled every 0.2 s), and how many were seen:")
    for kind, seconds in totals.most_common():
        if seconds >= 0.5:
            print(f"  {seconds:8.1f}  {kind} ({counts[kind]})")
    print(f"  {sum(totals.values()):8.1f}  all sampled processes")
    print(
        f"CPU seconds of what make waited for (getrusage): "
        f"{children.ru_utime + children.ru_stime:.1f}"
    )
    loop = (before_loop + after_loop) / 2
    print(f"reference loop: {before_loop:.2f} s before, {after_loop:.2f} s after")
    print(
        f"sampled CPU / reference loop: {sum(totals.values()) / loop:.0f} "
        "(compare this between runs)"
    )
    sys.exit(returncode)


if __name__ == "__main__":
    main()
