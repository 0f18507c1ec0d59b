"""Progress bars for management commands: one tqdm set-up, written through ``self.stdout``.

Services that take long (rebuilding the index, dumping the site, importing) accept a
``progress(iterable, total, description)`` callable and know nothing of terminals; commands
give them :func:`progress_callback`, or wrap a loop in :func:`progress_bar` themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tqdm import tqdm


class _CommandOutput:
    """Lets tqdm redraw its bar on a command's stdout (Django's OutputWrapper adds newlines)."""

    def __init__(self, stdout: Any):
        self.stdout = stdout

    def write(self, text: str) -> None:
        self.stdout.write(text, ending="")

    def flush(self) -> None:
        self.stdout.flush()


def progress_bar(
    stdout: Any,
    iterable: Iterable[Any] | None = None,
    *,
    total: int | None,
    description: str,
    unit: str = "it",
    disable: bool = False,
) -> tqdm:
    """A tqdm bar over ``iterable`` (or to ``update()`` by hand) on a command's ``stdout``."""
    return tqdm(
        iterable,
        total=total or None,
        desc=description,
        unit=unit,
        file=_CommandOutput(stdout),
        disable=disable,
        mininterval=0.5,
    )


def progress_callback(
    stdout: Any, *, unit: str = "it", disable: bool = False
) -> Callable[[Iterable[Any], int, str], Iterable[Any]]:
    """The ``progress(iterable, total, description)`` that long services accept."""

    def wrap(iterable: Iterable[Any], total: int, description: str) -> Iterable[Any]:
        return progress_bar(
            stdout, iterable, total=total, description=description, unit=unit, disable=disable
        )

    return wrap
