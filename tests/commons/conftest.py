"""Commons fixtures: ready-made records (the search index is isolated by tests/conftest.py)."""

from __future__ import annotations

import pytest

from commons.models import Grid
from commons.services import assessment_save, commons_declare, commons_publish


@pytest.fixture
def grid(db) -> Grid:
    """The seed grid loaded by the data migration (version 1, published)."""
    return Grid.objects.current()


@pytest.fixture
def declare(db):
    def make(
        user, name="Jardin partagé du Moulin", summary="Un potager cultivé ensemble.", **extra
    ):
        extra.setdefault("duplicates_confirmed", True)
        return commons_declare(user=user, name=name, summary=summary, **extra)

    return make


@pytest.fixture
def published(declare, resident, facilitator):
    """A published commons owned by the confirmed resident."""
    commons = declare(resident, commune="Port-Kerlann", latitude=48.383, longitude=-4.495)
    return commons_publish(commons=commons, user=facilitator)


@pytest.fixture
def assess():
    def run(commons, user, levels: dict[str, str], texts: dict[str, str] | None = None):
        texts = texts or {}
        answers = {
            key: {"level": level, "text": texts.get(key, "")} for key, level in levels.items()
        }
        return assessment_save(commons=commons, user=user, answers=answers)

    return run
