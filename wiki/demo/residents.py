"""The people of the demo territory, as listed under ``comptes`` in ``demo/chronologie.yaml``."""

from __future__ import annotations

from dataclasses import dataclass

# What each account does in the demo: residents write the articles, the administrator confirms
# them, the facilitator reviews, the newcomer's edits wait for review, the vandal gets reverted.
ROLES = ("habitant", "administration", "animation", "nouveau", "vandale")


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    bio: str
    is_admin: bool = False
    role: str = "habitant"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def email(self) -> str:
        # .example is reserved (RFC 2606): demo mail can never reach anyone.
        return f"{self.username}@kerlann.example"
