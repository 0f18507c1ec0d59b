"""Community health, computed from revision history (what researchers did by hand for
Wiki-Brest): contributors of the last 12 months in three circles, creations per month, and
the most edited pages.

Circles (settings, see README): core = at least KER_HEALTH_CORE_MIN_EDITS edits in the period,
active = at least KER_HEALTH_ACTIVE_MIN_EDITS, occasional = at least one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from commons import selectors as commons_selectors
from wiki import selectors as wiki_selectors


@dataclass
class Circles:
    core: list[tuple[str, int]] = field(default_factory=list)
    active: list[tuple[str, int]] = field(default_factory=list)
    occasional: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.core) + len(self.active) + len(self.occasional)


@dataclass
class MonthCount:
    month: str  # YYYY-MM
    articles: int
    commons: int

    @property
    def first_day(self) -> date:
        year, month = self.month.split("-")
        return date(int(year), int(month), 1)

    @property
    def label(self) -> str:
        """The month as a reader says it, with its year: "nov. 2026"."""
        return date_format(self.first_day, "N Y")

    @property
    def short_label(self) -> str:
        """The month alone ("nov."), for the chart's axis."""
        return date_format(self.first_day, "N")


@dataclass
class Health:
    since: datetime
    circles: Circles
    months: list[MonthCount]
    most_edited: list


def circles_from_counts(counts: dict[str, int]) -> Circles:
    """Sort contributors into circles by their number of edits."""
    core_min = settings.KER_HEALTH_CORE_MIN_EDITS
    active_min = settings.KER_HEALTH_ACTIVE_MIN_EDITS
    circles = Circles()
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0].lower())):
        if count >= core_min:
            circles.core.append((name, count))
        elif count >= active_min:
            circles.active.append((name, count))
        elif count >= 1:
            circles.occasional.append((name, count))
    return circles


def blocked_usernames(names) -> set[str]:
    """The names among these whose account is blocked now."""
    from community.models import Block

    now = timezone.now()
    blocks = Block.objects.filter(user__username__in=list(names), lifted_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )
    return set(blocks.values_list("user__username", flat=True))


def last_months(since: datetime, *, now: datetime | None = None) -> list[str]:
    now = timezone.localtime(now or timezone.now())
    current = timezone.localtime(since).replace(day=1)
    months = []
    while (current.year, current.month) <= (now.year, now.month):
        months.append(f"{current.year:04d}-{current.month:02d}")
        year, month = (
            (current.year + 1, 1) if current.month == 12 else (current.year, current.month + 1)
        )
        current = current.replace(year=year, month=month)
    return months


def community_health(*, since: datetime, article_ids=None, commons_ids=None) -> Health:
    counts = wiki_selectors.edit_counts(since=since, article_ids=article_ids)
    for name, count in commons_selectors.edit_counts(since=since, commons_ids=commons_ids).items():
        counts[name] = counts.get(name, 0) + count
    # Blocked accounts are not part of the community's circles.
    for name in blocked_usernames(counts):
        counts.pop(name, None)
    articles = wiki_selectors.articles_created_per_month(since=since, article_ids=article_ids)
    commons = commons_selectors.created_per_month(since=since, commons_ids=commons_ids)
    months = [
        MonthCount(month=month, articles=articles.get(month, 0), commons=commons.get(month, 0))
        for month in last_months(since)
    ]
    return Health(
        since=since,
        circles=circles_from_counts(counts),
        months=months,
        most_edited=wiki_selectors.most_edited_articles(since=since, article_ids=article_ids),
    )
