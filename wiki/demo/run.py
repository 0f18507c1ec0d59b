"""What the steps of ``wiki_demo`` share: the accounts, the images and what was created."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .content import DemoContent
from .timeline import DoneSave


@dataclass
class DemoRun:
    """State passed from one step of the demo loader to the next."""

    password: str
    content: DemoContent
    progress: Any = None  # a callable(iterable, total, description) -> iterable
    users: dict[str, Any] = field(default_factory=dict)  # username -> User
    images: dict[str, Any] = field(default_factory=dict)  # DemoImage.key -> LicensedImage
    saves: list[DoneSave] = field(default_factory=list)
    created: Counter = field(default_factory=Counter)  # "users", "images", "articles"...
    existing_users: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
