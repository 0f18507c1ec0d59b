"""Publishing a revision an edit has just saved, with Wagtail's own action and less work.

Wagtail's `PublishPageRevisionAction` starts by rebuilding the page from the revision's JSON
(`Revision.as_object()`: the page, its parent, locale, owner and comments read again, the
content decoded). When the revision was saved a moment ago from a page object in this
transaction (`Page.save_revision`), that object already holds exactly this content and the
page's current tree position, so the action is given it. Everything else (the checks,
`page.save()` with its validation, `page_published`, workflows, aliases) is Wagtail's code,
unchanged.

The log entries of an edit published at once are Wagtail's too (`wagtail.edit`, then
`wagtail.rename` when the title changed, then `wagtail.publish`, with Wagtail's fields and
data), but written in one statement by `log_published_edit`: Wagtail's `BaseLogEntry.save()`
runs `full_clean()` on each entry, four queries each checking that the page, revision, user and
content type exist, all of which this transaction has just written or locked.
"""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision


class PublishSavedPageRevisionAction(PublishPageRevisionAction):
    """`PublishPageRevisionAction` for a revision just saved from ``page`` (see the module)."""

    def __init__(self, revision: Revision, *, page: Page, user=None, log_action: bool = True):
        if page.pk != int(revision.object_id) or page.latest_revision_id != revision.pk:
            raise ValueError("`page` must be the object the revision was just saved from.")
        # Wagtail's __init__ runs as it is; only its `revision.as_object()` call gets `page`.
        revision.as_object = lambda: page
        try:
            super().__init__(revision, user=user, log_action=log_action)
        finally:
            del revision.as_object


def log_published_edit(
    page: Page, *, revision: Revision, user, old_title: str, edited_at: datetime.datetime
) -> list[PageLogEntry]:
    """The log entries Wagtail writes when ``revision`` is saved from ``page`` (at
    ``edited_at``) then published, both with ``log_action`` off, in one INSERT.

    As `Page.save_revision` and `PublishPageRevisionAction` write them through Wagtail's log
    registry: the page's admin title as label, its specific content type, the user (else the
    active log context's) and the log context's uuid; ``old_title`` is the live title before
    publishing, and a different one adds `wagtail.rename` with the titles in its data and in
    the publication's. `tests/wiki/test_save_cost.py` compares them with Wagtail's own.
    """
    context = get_active_log_context()
    now = timezone.now()
    shared = {
        "page": page,
        "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
        "label": page.get_admin_display_title(),
        "user": user or context.user,
        "uuid": context.uuid,
        "revision": revision,
    }
    entries = [
        PageLogEntry(
            **shared, action="wagtail.edit", timestamp=edited_at, data={}, content_changed=True
        )
    ]
    data = {}
    if str(page) != old_title:
        data = {"title": {"old": old_title, "new": str(page)}}
        entries.append(PageLogEntry(**shared, action="wagtail.rename", timestamp=now, data=data))
    entries.append(
        PageLogEntry(
            **shared, action="wagtail.publish", timestamp=now, data=data, content_changed=True
        )
    )
    return PageLogEntry.objects.bulk_create(entries)
