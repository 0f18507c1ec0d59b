"""A tqdm progress bar that writes through the command's ``self.stdout``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tqdm import tqdm


def progress_bar(stdout: Any, *, disable: bool = False) -> Callable[..., Iterable[Any]]:
    def wrap(iterable: Iterable[Any], total: int, description: str) -> Iterable[Any]:
        return tqdm(
            iterable,
            total=total or None,
            desc=description,
            file=stdout,
            disable=disable,
            mininterval=0.5,
        )

    return wrap
