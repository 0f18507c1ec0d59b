"""Reads of commons that views, other apps (wiki, portals) and commands need."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.text import slugify

from community import policy

from .models import Answer, Commons, Grid, Level, Need, Status, SuggestedChange, SuggestionStatus

DUPLICATE_DISTANCE_KM = 1.0
_STOPWORDS = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "the", "a", "au", "aux", "en"}
SORTS = {
    # Slugs are the names without accents or capitals: "École" sorts with E, as in French.
    "nom": ("slug",),
    "recents": ("-published_at", "-created_at"),
    "mis-a-jour": ("-updated_at",),
}


def published_commons() -> QuerySet[Commons]:
    """What visitors, exports, maps and the index see."""
    return Commons.objects.filter(status=Status.PUBLISHED)


def find_commons(slug: str) -> Commons | None:
    return Commons.objects.filter(slug=slug).first()


def current_grid() -> Grid | None:
    """The grid version new assessments answer."""
    return Grid.objects.current()


def latest_assessment(commons: Commons):
    return (
        commons.assessments.filter(is_latest=True)
        .select_related("grid")
        .prefetch_related("answers__level", "answers__criterion", "grid__criteria", "grid__levels")
        .first()
    )


# --- Duplicates ----------------------------------------------------------------------------


def normalise_name(name: str) -> str:
    """'Le Jardin partagé de Kerlann' -> 'jardin partage kerlann' (compared, never shown)."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    words = [word for word in re.split(r"[^a-z0-9]+", text) if word and word not in _STOPWORDS]
    return " ".join(words)


def normalise_website(url: str) -> str:
    """'https://www.Example.org/atelier/' -> 'example.org/atelier'."""
    text = (url or "").strip().lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = re.sub(r"^www\.", "", text)
    return text.split("#")[0].rstrip("/")


def name_similarity(first: str, second: str) -> float:
    a, b = normalise_name(first), normalise_name(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 5 and f" {shorter} " in f" {longer} ":
        return 0.9
    return SequenceMatcher(None, a, b).ratio()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); plenty for "within a kilometre"."""
    radius = 6371.0
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class PossibleDuplicate:
    commons: Commons
    reasons: tuple[str, ...]


def possible_duplicates(
    *,
    name: str,
    website: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    user=None,
    exclude_pk: int | None = None,
) -> list[PossibleDuplicate]:
    """Records that may describe the same initiative, so people converge instead of duplicating.

    Similar name, same website, or within 1 km with a loosely similar name. Pending records
    count only for facilitators (others would learn about unpublished declarations).
    """
    from django.utils.translation import gettext as _

    candidates = Commons.objects.exclude(status=Status.REJECTED)
    if not policy.can_see_pending(user):
        candidates = candidates.filter(status=Status.PUBLISHED)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    wanted_site = normalise_website(website)
    found: list[PossibleDuplicate] = []
    for commons in candidates.only(
        "pk", "name", "slug", "summary", "website", "latitude", "longitude", "commune", "status"
    ):
        reasons = []
        similarity = name_similarity(name, commons.name)
        if similarity >= 0.85:
            reasons.append(_("nom semblable"))
        if wanted_site and normalise_website(commons.website) == wanted_site:
            reasons.append(_("même site web"))
        if (
            similarity >= 0.55
            and similarity < 0.85
            and latitude is not None
            and longitude is not None
            and commons.has_location
            and distance_km(latitude, longitude, commons.latitude, commons.longitude)
            <= DUPLICATE_DISTANCE_KM
        ):
            reasons.append(_("à moins d'un kilomètre, nom proche"))
        if reasons:
            found.append(PossibleDuplicate(commons=commons, reasons=tuple(reasons)))
    return found[:10]


# --- Directory -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilters:
    text: str = ""
    tag: str = ""
    commune: str = ""
    need: str = ""
    stage: str = ""
    criterion: str = ""
    level: str = ""
    sort: str = "nom"


def level_reached_filter(*, criterion_key: str, level_key: str) -> Q | None:
    """Commons whose latest assessment reached at least ``level_key`` on ``criterion_key``.

    Levels are compared by value on the current grid's scale; "not applicable" never counts.
    """
    grid = current_grid()
    if grid is None:
        return None
    threshold = Level.objects.filter(grid=grid, key=level_key, counts=True).first()
    if threshold is None:
        return None
    answers = Answer.objects.filter(
        assessment__commons=OuterRef("pk"),
        assessment__is_latest=True,
        criterion__key=criterion_key,
        level__counts=True,
        level__value__gte=threshold.value,
    )
    return Q(Exists(answers))


def directory(filters: DirectoryFilters) -> QuerySet[Commons]:
    """Published commons matching the directory's filters, in the chosen order."""
    queryset = published_commons()
    text = " ".join(filters.text.split())[:200]
    for word in text.split()[:10]:
        queryset = queryset.filter(
            Q(name__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(tags_text__icontains=word)
            | Q(commune__icontains=word)
        )
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
    if filters.commune:
        queryset = queryset.filter(commune__iexact=filters.commune)
    if filters.need:
        queryset = queryset.filter(needs__slug=filters.need)
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.criterion and filters.level:
        condition = level_reached_filter(criterion_key=filters.criterion, level_key=filters.level)
        if condition is not None:
            queryset = queryset.filter(condition)
    order = SORTS.get(filters.sort, SORTS["nom"])
    return queryset.distinct().order_by(*order, "slug", "pk").prefetch_related("needs")


def communes() -> list[str]:
    values = published_commons().exclude(commune="").values_list("commune", flat=True)
    return sorted(set(values), key=str.lower)


def needs_in_use() -> QuerySet[Need]:
    return Need.objects.filter(commons__status=Status.PUBLISHED).distinct().order_by("slug")


def tags_in_use() -> list[tuple[str, str]]:
    """(slug, name) of the tags of published commons."""
    from taggit.models import Tag

    tags = Tag.objects.filter(commons_taggedcommons_items__content_object__status=Status.PUBLISHED)
    return list(tags.distinct().order_by("slug").values_list("slug", "name"))


# --- For other apps ------------------------------------------------------------------------


def commons_for_article_slug(slug: str) -> QuerySet[Commons]:
    """Published commons that list the wiki article ``slug`` among their related articles.

    The wiki shows them on the article (the other direction of "linking both ways").
    """
    return published_commons().filter(related_articles__slug=slugify(slug)).distinct()


def commons_for_tags(tag_names: list[str], *, limit: int = 12) -> QuerySet[Commons]:
    """Published commons carrying any of these tags, most recently updated first (portals)."""
    return (
        published_commons()
        .filter(tags__name__in=tag_names)
        .distinct()
        .order_by("-updated_at")[:limit]
    )


def pending_declarations() -> QuerySet[Commons]:
    return Commons.objects.filter(status=Status.PENDING).order_by("created_at")


def pending_suggestions(commons: Commons | None = None) -> QuerySet[SuggestedChange]:
    queryset = SuggestedChange.objects.filter(status=SuggestionStatus.PENDING).select_related(
        "commons", "author"
    )
    if commons is not None:
        queryset = queryset.filter(commons=commons)
    return queryset.order_by("created_at")


def contributions(user, limit: int):
    """A person's saves of published commons, for their contributor page."""
    from reversion.models import Version

    from community.registry import Contribution

    published_ids = {str(pk) for pk in published_commons().values_list("pk", flat=True)}
    versions = (
        Version.objects.get_for_model(Commons)
        .filter(revision__user=user, object_id__in=published_ids)
        .select_related("revision")
        .order_by("-revision__date_created")[:limit]
    )
    commons_by_id = {str(c.pk): c for c in published_commons().filter(pk__in=published_ids)}
    items = []
    for version in versions:
        commons = commons_by_id.get(version.object_id)
        if commons is None:
            continue
        items.append(
            Contribution(
                date=version.revision.date_created,
                title=commons.name,
                url=commons.get_absolute_url(),
                summary=version.revision.comment,
                kind="commons",
            )
        )
    return items


# --- Reads for portals and the home page -------------------------------------------------


def _tags_condition(tag_names) -> Q:
    condition = Q()
    for name in tag_names:
        condition |= Q(tags__name__iexact=name)
    return condition


def commons_with_tags(tag_names) -> QuerySet[Commons]:
    """Published commons carrying any of these tags, by name (all of them, for pagination)."""
    if not tag_names:
        return Commons.objects.none()
    ids = published_commons().filter(_tags_condition(tag_names)).values("pk")
    return published_commons().filter(pk__in=ids).order_by("slug", "pk")


def latest_published(limit: int = 8) -> QuerySet[Commons]:
    return published_commons().order_by("-published_at", "-pk")[:limit]


def geolocated(tag_names=None) -> QuerySet[Commons]:
    commons = published_commons().filter(latitude__isnull=False, longitude__isnull=False)
    if tag_names is not None:
        commons = commons.filter(pk__in=commons_with_tags(tag_names).values("pk"))
    return commons.only("name", "slug", "summary", "latitude", "longitude")


def tag_counts(commons_ids) -> dict[str, int]:
    """How many of these commons carry each tag."""
    from django.db.models import Count

    from .models import TaggedCommons

    rows = (
        TaggedCommons.objects.filter(content_object_id__in=commons_ids)
        .values("tag__name")
        .annotate(count=Count("pk"))
    )
    return {row["tag__name"]: row["count"] for row in rows}


def edit_counts(*, since, commons_ids=None) -> dict[str, int]:
    """Saves per person since a date, from django-reversion (community-health circles)."""
    from django.db.models import Count
    from reversion.models import Version

    versions = Version.objects.get_for_model(Commons).filter(
        revision__date_created__gte=since, revision__user__isnull=False
    )
    if commons_ids is not None:
        versions = versions.filter(object_id__in=[str(pk) for pk in commons_ids])
    rows = versions.values("revision__user__username").annotate(count=Count("pk"))
    return {row["revision__user__username"]: row["count"] for row in rows}


def created_per_month(*, since, commons_ids=None) -> dict[str, int]:
    """'YYYY-MM' -> published commons declared that month."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    commons = published_commons().filter(created_at__gte=since)
    if commons_ids is not None:
        commons = commons.filter(pk__in=commons_ids)
    rows = commons.annotate(month=TruncMonth("created_at")).values("month").annotate(n=Count("pk"))
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows if row["month"]}
