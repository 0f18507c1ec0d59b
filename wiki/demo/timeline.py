"""When the demo residents wrote: a plausible calendar over the last sixty days.

The demo saves every version through the services (so history, backlinks and logs are real),
in the calendar's order; :func:`backdate_saves` then moves the timestamps of what was just
written to the planned dates. Nothing else about the revisions changes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision

from ..models import RevisionMeta

WINDOW_DAYS = 60
# New articles are created between these many days ago; later edits fill the days after.
FIRST_CREATION_DAYS_AGO = 58
LAST_CREATION_DAYS_AGO = 12


@dataclass(frozen=True)
class PlannedSave:
    """Version ``version_index`` of article ``article_index`` is saved at ``when``."""

    when: datetime
    article_index: int
    version_index: int


@dataclass(frozen=True)
class DoneSave:
    """A save that created a revision, and the date it should carry."""

    when: datetime
    page_id: int
    revision_id: int
    is_creation: bool
    published: bool


def _at_daytime(day: datetime, rng: random.Random) -> datetime:
    """A moment between 8:00 and 22:00 (local time) of that day."""
    moment = time(hour=rng.randrange(8, 22), minute=rng.randrange(60))
    return timezone.make_aware(datetime.combine(day.date(), moment))


def plan_saves(version_counts: list[int], *, now: datetime | None = None) -> list[PlannedSave]:
    """A calendar for articles having these many versions each, sorted by date.

    Article ``i`` is created on a day spread evenly from about two months ago to two weeks
    ago, in order; each later version falls on a later, distinct day, never today, so that
    every article's history is in order and the calendar is the same from one run to the next.
    """
    today = timezone.localtime(now or timezone.now())
    count = len(version_counts)
    span = FIRST_CREATION_DAYS_AGO - LAST_CREATION_DAYS_AGO
    saves = []
    for article_index, versions in enumerate(version_counts):
        rng = random.Random(f"ker-demo-{article_index}")
        created_days_ago = FIRST_CREATION_DAYS_AGO - round(article_index * span / max(1, count - 1))
        later_days = range(1, created_days_ago)
        edit_days = sorted(rng.sample(later_days, min(versions - 1, len(later_days))), reverse=True)
        days_ago = [created_days_ago, *edit_days]
        for version_index, days in enumerate(days_ago):
            when = _at_daytime(today - timedelta(days=days), rng)
            saves.append(PlannedSave(when, article_index, version_index))
    return sorted(saves, key=lambda save: (save.when, save.article_index, save.version_index))


@transaction.atomic
def backdate_saves(saves: list[DoneSave]) -> None:
    """Give the revisions just written (and their pages and log entries) their planned dates.

    Touches only timestamps: ``Revision.created_at`` and ``RevisionMeta.created_at`` (what
    history and recent changes show), the matching Wagtail log entries, and the pages'
    first/last publication dates so "last modified" agrees with the history.
    """
    by_page: dict[int, list[DoneSave]] = {}
    for save in saves:
        Revision.objects.filter(pk=save.revision_id).update(created_at=save.when)
        RevisionMeta.objects.filter(revision_id=save.revision_id).update(created_at=save.when)
        PageLogEntry.objects.filter(revision_id=save.revision_id).update(timestamp=save.when)
        by_page.setdefault(save.page_id, []).append(save)
    for page_id, page_saves in by_page.items():
        page_saves.sort(key=lambda save: save.when)
        dates = {"latest_revision_created_at": page_saves[-1].when}
        published = [save for save in page_saves if save.published]
        if published:
            dates["last_published_at"] = published[-1].when
            if page_saves[0].is_creation:
                dates["first_published_at"] = published[0].when
        if page_saves[0].is_creation:
            PageLogEntry.objects.filter(
                page_id=page_id, revision__isnull=True, action="wagtail.create"
            ).update(timestamp=page_saves[0].when)
        Page.objects.filter(pk=page_id).update(**dates)
