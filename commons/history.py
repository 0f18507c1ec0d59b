"""Reading the django-reversion history of a record: snapshots and word-level differences.

A snapshot is what a version says, as ordered (label, text) pairs: the record's fields (tags
from their snapshot field, needs by name) and the answers saved with it. Everything shown is
HTML-escaped here; only our own ``<del>``/``<ins>`` tags are markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from community.diff import diff_texts

from .models import Answer, Commons, Criterion, Grid, Level, Need, Stage
from .services.fields import EDITABLE_FIELDS, PRIVATE_FIELDS, field_label


def versions_for(commons: Commons):
    """Newest first, with their revision (date, user, comment)."""
    return (
        Version.objects.get_for_object(commons)
        .select_related("revision", "revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def record_values(version: Version) -> dict[str, object]:
    """The editable fields of the record as stored in ``version`` (JSON-safe, like changes)."""
    stored = version.field_dict
    values: dict[str, object] = {}
    for name in EDITABLE_FIELDS:
        if name == "tags":
            raw = stored.get("tags_text") or ""
            values[name] = [part.strip() for part in raw.split(",") if part.strip()]
        elif name == "needs":
            ids = [int(pk) for pk in stored.get("needs") or []]
            names = dict(Need.objects.filter(pk__in=ids).values_list("pk", "name"))
            values[name] = [names[pk] for pk in ids if pk in names]
        elif name == "start_date":
            date = stored.get("start_date")
            values[name] = date.isoformat() if date else None
        else:
            values[name] = stored.get(name)
    return values


def answer_versions(version: Version) -> list[dict]:
    """The answers saved in the same revision as ``version`` (their field dicts)."""
    answer_type = ContentType.objects.get_for_model(Answer)
    answers = []
    for answer in version.revision.version_set.filter(content_type=answer_type):
        stored = answer.field_dict
        answers.append(
            {
                "pk": int(answer.object_id),
                "assessment": stored.get("assessment_id", stored.get("assessment")),
                "criterion": stored.get("criterion_id", stored.get("criterion")),
                "level": stored.get("level_id", stored.get("level")),
                "text": stored.get("text") or "",
            }
        )
    return answers


def _display(name: str, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if name == "stage":
        return str(dict(Stage.choices).get(value, value))
    return str(value)


def snapshot(version: Version, *, show_private: bool) -> list[tuple[str, str]]:
    """(label, text) of everything a version holds, in the record's order."""
    values = record_values(version)
    pairs = [
        (field_label(name), _display(name, values[name]))
        for name in EDITABLE_FIELDS
        if show_private or name not in PRIVATE_FIELDS
    ]
    answers = answer_versions(version)
    criteria = Criterion.objects.in_bulk({answer["criterion"] for answer in answers})
    levels = Level.objects.in_bulk({answer["level"] for answer in answers if answer.get("level")})
    grids = Grid.objects.in_bulk({criterion.grid_id for criterion in criteria.values()})
    for answer in sorted(
        answers,
        key=lambda item: (
            criteria[item["criterion"]].grid_id,
            criteria[item["criterion"]].sort_order or 0,
        ),
    ):
        criterion = criteria[answer["criterion"]]
        grid = grids[criterion.grid_id]
        level = levels.get(answer.get("level"))
        label = f"{criterion.label} (v{grid.version})"
        text = level.label if level else ""
        if answer.get("text"):
            text = f"{text} — {answer['text']}" if text else answer["text"]
        pairs.append((label, text))
    return pairs


@dataclass(frozen=True)
class FieldDiff:
    label: str
    html: SafeString
    changed: bool


def diff_words(old: str, new: str) -> SafeString:
    """Word-level difference, escaped, with <del> and <ins> marks: the wiki's diff (lines
    aligned first, words compared within a budget), so that no text makes it quadratic."""
    return mark_safe(diff_texts(old or "", new or "").inline_html)  # noqa: S308 - escaped


def diff_pairs(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[FieldDiff]:
    """One row per label present in either snapshot; unchanged rows are flagged."""
    old_map, new_map = dict(old), dict(new)
    labels = list(dict.fromkeys([label for label, _ in old] + [label for label, _ in new]))
    rows = []
    for label in labels:
        before, after = old_map.get(label, ""), new_map.get(label, "")
        rows.append(FieldDiff(label=label, html=diff_words(before, after), changed=before != after))
    return rows


def diff_values(previous: dict, changes: dict, *, show_private: bool = True) -> list[FieldDiff]:
    """Difference between a suggestion's previous and proposed values."""
    old = [
        (field_label(name), _display(name, previous.get(name)))
        for name in changes
        if show_private or name not in PRIVATE_FIELDS
    ]
    new = [
        (field_label(name), _display(name, value))
        for name, value in changes.items()
        if show_private or name not in PRIVATE_FIELDS
    ]
    return diff_pairs(old, new)


@dataclass(frozen=True)
class MergeRow:
    """A suggested field for the reviewer: the suggested change, and any conflict with now."""

    name: str
    label: str
    html: SafeString  # value when suggested -> suggested value
    current: str
    conflict: bool
    already_applied: bool


def merge_rows(merges, *, show_private: bool = True) -> list[MergeRow]:
    """Rows of ``services.suggestions.suggestion_merge`` ready for the review templates."""
    return [
        MergeRow(
            name=merge.name,
            label=merge.label,
            html=diff_words(
                _display(merge.name, merge.previous), _display(merge.name, merge.suggested)
            ),
            current=_display(merge.name, merge.current),
            conflict=merge.conflict,
            already_applied=merge.already_applied,
        )
        for merge in merges
        if show_private or merge.name not in PRIVATE_FIELDS
    ]
