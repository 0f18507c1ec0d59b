"""Writes to the shared needs vocabulary ("usages"), which facilitators keep in the admin.

A need belongs to many records: renaming it changes what their search documents say, and
deleting it takes it out of every record. Both go through here so that each record keeps a
django-reversion version of the change and the search index follows, as with any other edit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from community import policy

from ..indexing import schedule_index
from ..models import Commons, Need, Status
from .records import save_version


def _require(decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def need_update(*, need: Need, user, name: str, slug: str, description: str = "") -> Need:
    """Rename or describe a need; the published records using it are reindexed (their search
    document holds the names of their needs). Records keep their history as it is: a version
    names needs as they are called today."""
    _require(policy.can_moderate(user))
    with transaction.atomic():
        need.name, need.slug, need.description = name, slug, description
        need.full_clean()
        need.save()
        log(instance=need, action="wagtail.edit", user=user)
        for commons in Commons.objects.filter(needs=need, status=Status.PUBLISHED):
            schedule_index(commons)
    return need


def need_delete(*, need: Need, user) -> int:
    """Take a need out of the vocabulary: every record using it loses it in a new version of
    its history (by this user, saying which need went), and is reindexed. Returns how many
    records changed."""
    _require(policy.can_moderate(user))
    comment = _("Usage « %(need)s » retiré du vocabulaire") % {"need": need.name}
    with transaction.atomic():
        records = list(Commons.objects.filter(needs=need).order_by("pk"))
        for commons in records:
            commons.needs.remove(need)
            commons.save(update_fields=["updated_at"])
            save_version(commons, user=user, comment=comment)
            log(instance=commons, action="commons.edit", user=user, data={"fields": ["needs"]})
            schedule_index(commons)
        log(instance=need, action="wagtail.delete", user=user, deleted=True)
        need.delete()
    return len(records)
