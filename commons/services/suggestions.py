"""Decisions on suggested changes: an owner or a facilitator accepts or refuses them.

A suggestion is merged field by field against the record as it is *now*: a field nobody
touched since the suggestion takes the suggested value; a field changed since then (by the
owners, another suggestion, a restore) is a conflict that the reviewer settles by choosing,
per field, the suggested or the current value. Nothing is ever silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions
from ..indexing import schedule_index
from ..models import SuggestedChange, SuggestionStatus
from .fields import apply_changes, clean_changes, current_values, field_label
from .records import clean_comment, save_version

KEEP_SUGGESTED = "proposition"
KEEP_CURRENT = "actuel"
CHOICES = (KEEP_SUGGESTED, KEEP_CURRENT)


@dataclass(frozen=True)
class FieldMerge:
    """One suggested field: its value when suggested, now, and as suggested."""

    name: str
    label: str
    previous: Any
    current: Any
    suggested: Any

    @property
    def already_applied(self) -> bool:
        return self.current == self.suggested

    @property
    def conflict(self) -> bool:
        """Changed since the suggestion was made, to something else than what it suggests."""
        return self.current != self.previous and not self.already_applied


class SuggestionConflict(ValidationError):
    """Fields changed since the suggestion: the reviewer must choose for each one."""

    def __init__(self, fields: list[str]):
        self.fields = fields
        labels = ", ".join(field_label(name) for name in fields)
        super().__init__(
            _(
                "Ces champs ont changé depuis la proposition : %(fields)s. Choisissez, pour "
                "chacun, la valeur proposée ou la valeur actuelle."
            )
            % {"fields": labels}
        )


def suggestion_merge(suggestion: SuggestedChange) -> list[FieldMerge]:
    """The suggestion compared with the record as it is now, field by field."""
    names = tuple(suggestion.changes)
    present = current_values(suggestion.commons, names)
    return [
        FieldMerge(
            name=name,
            label=field_label(name),
            previous=suggestion.previous.get(name),
            current=present.get(name),
            suggested=suggestion.changes[name],
        )
        for name in names
    ]


def choices_from(data) -> dict[str, str]:
    """The reviewer's per-field choices from a form (``choix_<field>`` = proposition|actuel)."""
    choices = {}
    for key in data.keys() if data is not None else []:
        if key.startswith("choix_") and data.get(key) in CHOICES:
            choices[key.removeprefix("choix_")] = data.get(key)
    return choices


def _pending(suggestion: SuggestedChange, user) -> SuggestedChange:
    decision = permissions.can_review_suggestion(user, suggestion)
    if not decision:
        raise PermissionDenied(decision.reason)
    locked = (
        SuggestedChange.objects.select_for_update().select_related("commons").get(pk=suggestion.pk)
    )
    if locked.status != SuggestionStatus.PENDING:
        raise ValidationError(_("Cette proposition a déjà été traitée."))
    return locked


def suggestion_approve(
    *,
    suggestion: SuggestedChange,
    user,
    reason: str = "",
    choices: dict[str, str] | None = None,
) -> SuggestedChange:
    """Merge the suggestion into the current record as a new version credited to its author.

    Raises SuggestionConflict (nothing saved) while a field changed since the suggestion has
    no choice in ``choices`` (``{field: "proposition" | "actuel"}``).
    """
    choices = choices or {}
    with transaction.atomic():
        suggestion = _pending(suggestion, user)
        commons = suggestion.commons
        merges = suggestion_merge(suggestion)
        unresolved = [
            merge.name
            for merge in merges
            if merge.conflict and choices.get(merge.name) not in CHOICES
        ]
        if unresolved:
            raise SuggestionConflict(unresolved)
        to_apply = {
            merge.name: merge.suggested
            for merge in merges
            if not merge.already_applied
            and (not merge.conflict or choices.get(merge.name) == KEEP_SUGGESTED)
        }
        kept = sorted(
            merge.name
            for merge in merges
            if merge.conflict and choices.get(merge.name) == KEEP_CURRENT
        )
        if to_apply:
            apply_changes(commons, clean_changes(to_apply, base=commons))
            author_name = suggestion.author.get_username() if suggestion.author else _("anonyme")
            comment = _("Proposition de %(author)s acceptée par %(reviewer)s") % {
                "author": author_name,
                "reviewer": user.get_username(),
            }
            if suggestion.comment:
                comment = f"{comment} : {suggestion.comment}"
            save_version(commons, user=suggestion.author, comment=comment)
        suggestion.status = SuggestionStatus.APPROVED
        suggestion.reviewed_by = user
        suggestion.reviewed_at = timezone.now()
        suggestion.review_reason = clean_comment(reason)
        suggestion.save()
        log(
            instance=commons,
            action="commons.suggestion_approve",
            user=user,
            data={
                "suggestion": suggestion.pk,
                "reason": suggestion.review_reason,
                "applied": sorted(to_apply),
                "kept_current": kept,
            },
        )
        schedule_index(commons)
    return suggestion


def suggestion_reject(*, suggestion: SuggestedChange, user, reason: str = "") -> SuggestedChange:
    """Refuse a suggestion; the record does not change and the reason is kept."""
    with transaction.atomic():
        suggestion = _pending(suggestion, user)
        suggestion.status = SuggestionStatus.REJECTED
        suggestion.reviewed_by = user
        suggestion.reviewed_at = timezone.now()
        suggestion.review_reason = clean_comment(reason)
        suggestion.save()
        log(
            instance=suggestion.commons,
            action="commons.suggestion_reject",
            user=user,
            data={"suggestion": suggestion.pk, "reason": suggestion.review_reason},
        )
    return suggestion
