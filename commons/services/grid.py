"""Writes to the evaluation grid and to assessments.

Published grid versions are frozen; a new version is a copy that facilitators edit, then
publish. Assessments answer the current version and keep pointing at it afterwards.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from community import policy

from .. import permissions
from ..models import Answer, Assessment, Commons, Criterion, Grid, Level
from .records import save_version

MAX_ANSWER_LENGTH = 5000


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def grid_new_version(*, grid: Grid, user) -> Grid:
    """A draft copy of ``grid`` with the next version number, ready to edit in the admin."""
    _require(policy.can_moderate(user))
    with transaction.atomic():
        number = (
            (Grid.objects.filter(slug=grid.slug).aggregate(Max("version"))["version__max"]) or 0
        )
        draft = Grid.objects.create(
            slug=grid.slug, version=number + 1, title=grid.title, intro=grid.intro
        )
        for level in grid.levels.all():
            Level.objects.create(
                grid=draft,
                key=level.key,
                label=level.label,
                counts=level.counts,
                value=level.value,
                sort_order=level.sort_order,
            )
        for criterion in grid.criteria.all():
            Criterion.objects.create(
                grid=draft,
                key=criterion.key,
                label=criterion.label,
                question=criterion.question,
                help=criterion.help,
                sort_order=criterion.sort_order,
            )
        log(instance=draft, action="wagtail.create", user=user)
    return draft


def grid_publish(*, grid: Grid, user) -> Grid:
    """Make a draft version the one new assessments answer; it is frozen from now on."""
    _require(policy.can_moderate(user))
    if grid.is_published:
        raise ValidationError(_("Cette version est déjà publiée."))
    if not grid.criteria.exists():
        raise ValidationError(_("Une grille sans critère ne peut pas être publiée."))
    if not grid.levels.filter(counts=True).exists():
        raise ValidationError(_("Une grille doit avoir au moins un niveau qui compte."))
    with transaction.atomic():
        grid.published_at = timezone.now()
        grid.save(update_fields=["published_at"])
        log(instance=grid, action="wagtail.publish", user=user)
    return grid


def grid_delete(*, grid: Grid, user) -> None:
    """Delete a draft version. A published one stays: assessments answered it, or may answer
    it, and their history must keep saying what the questions were."""
    _require(policy.can_moderate(user))
    if grid.is_published or grid.assessments.exists():
        raise ValidationError(
            _(
                "« %(grid)s » est publiée : elle ne se supprime pas, les auto-évaluations y "
                "renvoient."
            )
            % {"grid": grid}
        )
    with transaction.atomic():
        log(instance=grid, action="wagtail.delete", user=user, deleted=True)
        grid.delete()


def assessment_save(
    *, commons: Commons, user, answers: dict[str, dict[str, Any]], comment: str = ""
) -> Assessment:
    """Save the owners' answers to the current grid: per criterion a level key and a text.

    ``answers`` maps criterion keys to ``{"level": key or "", "text": str}``; criteria left out
    keep their answer. Each save is one version of the record, with the answers.
    """
    _require(permissions.can_assess(user, commons))
    grid = Grid.objects.current()
    if grid is None:
        raise ValidationError(_("Aucune grille d'évaluation n'est publiée."))
    criteria = {criterion.key: criterion for criterion in grid.criteria.all()}
    levels = {level.key: level for level in grid.levels.all()}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, tuple[Level | None, str]] = {}
    for key, answer in answers.items():
        if key not in criteria:
            errors.setdefault("__all__", []).append(_("Critère inconnu : %(key)s") % {"key": key})
            continue
        level_key = str((answer or {}).get("level") or "")
        text = str((answer or {}).get("text") or "").replace("\x00", "").strip()
        if level_key and level_key not in levels:
            errors.setdefault(key, []).append(_("Choisissez un niveau dans la liste."))
        if len(text) > MAX_ANSWER_LENGTH:
            errors.setdefault(key, []).append(
                _("%(limit)s caractères au plus.") % {"limit": MAX_ANSWER_LENGTH}
            )
        cleaned[key] = (levels.get(level_key), text)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment, created = Assessment.objects.get_or_create(
            commons=commons, grid=grid, defaults={"updated_by": user}
        )
        if created:
            commons.assessments.exclude(pk=assessment.pk).update(is_latest=False)
        changed = created
        for key, (level, text) in cleaned.items():
            answer, answer_created = Answer.objects.get_or_create(
                assessment=assessment,
                criterion=criteria[key],
                defaults={"level": level, "text": text},
            )
            if answer_created:
                changed = changed or level is not None or bool(text)
            elif answer.level_id != (level.pk if level else None) or answer.text != text:
                answer.level, answer.text = level, text
                answer.save()
                changed = True
        if not changed:
            return assessment
        assessment.is_latest = True
        assessment.updated_by = user
        assessment.save()
        commons.save(update_fields=["updated_at"])
        save_version(commons, user=user, comment=comment or _("Auto-évaluation mise à jour"))
        log(instance=commons, action="commons.assess", user=user, data={"grid": grid.pk})
    return assessment
