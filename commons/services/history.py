"""Restoring an old version: its values are saved again, as a new version."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import permissions
from ..indexing import schedule_index
from ..models import Answer, Assessment, Commons, Criterion, Level
from .fields import apply_changes, changed_only, clean_changes
from .records import save_version


def commons_restore(*, commons: Commons, user, version_id: int) -> Commons:
    """Bring back the record and answers of ``version_id``; history only ever grows."""
    from ..history import answer_versions, record_values, versions_for

    decision = permissions.can_restore(user, commons)
    if not decision:
        raise PermissionDenied(decision.reason)
    version = versions_for(commons).filter(pk=version_id).first()
    if version is None:
        raise ValidationError(_("Cette version n'appartient pas à ce commun."))
    changes = clean_changes(record_values(version), base=commons)
    with transaction.atomic():
        apply_changes(commons, changed_only(commons, changes))
        for stored in answer_versions(version):
            assessment = Assessment.objects.filter(pk=stored["assessment"], commons=commons).first()
            criterion = Criterion.objects.filter(pk=stored["criterion"]).first()
            if assessment is None or criterion is None:
                continue
            level = Level.objects.filter(pk=stored.get("level")).first()
            Answer.objects.update_or_create(
                assessment=assessment,
                criterion=criterion,
                defaults={"level": level, "text": stored.get("text") or ""},
            )
        when = formats.date_format(
            timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"
        )
        save_version(
            commons,
            user=user,
            comment=_("Restauration de la version du %(date)s") % {"date": when},
        )
        log(instance=commons, action="commons.restore", user=user, data={"version": version.pk})
        schedule_index(commons)
    return commons
