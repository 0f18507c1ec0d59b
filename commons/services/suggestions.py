"""Decisions on suggested changes: an owner or a facilitator accepts or refuses them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions
from ..indexing import schedule_index
from ..models import SuggestedChange, SuggestionStatus
from .fields import apply_changes, clean_changes
from .records import _comment, save_version


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


def suggestion_approve(*, suggestion: SuggestedChange, user, reason: str = "") -> SuggestedChange:
    """Apply the suggested values as a new version credited to their author."""
    with transaction.atomic():
        suggestion = _pending(suggestion, user)
        commons = suggestion.commons
        changes = clean_changes(suggestion.changes, base=commons)
        apply_changes(commons, changes)
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
        suggestion.review_reason = _comment(reason)
        suggestion.save()
        log(
            instance=commons,
            action="commons.suggestion_approve",
            user=user,
            data={"suggestion": suggestion.pk, "reason": suggestion.review_reason},
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
        suggestion.review_reason = _comment(reason)
        suggestion.save()
        log(
            instance=suggestion.commons,
            action="commons.suggestion_reject",
            user=user,
            data={"suggestion": suggestion.pk, "reason": suggestion.review_reason},
        )
    return suggestion
