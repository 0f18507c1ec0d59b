"""Publishing a revision an edit has just saved, with Wagtail's own action and one read less.

Wagtail's `PublishPageRevisionAction` starts by rebuilding the page from the revision's JSON
(`Revision.as_object()`: the page, its parent, locale, owner and comments read again, the
content decoded). When the revision was saved a moment ago from a page object in this
transaction (`Page.save_revision`), that object already holds exactly this content and the
page's current tree position, so the action is given it. Everything else (the checks,
`page.save()` with its validation, the log entries, `page_published`, workflows, aliases) is
Wagtail's code, unchanged.
"""

from __future__ import annotations

from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, Revision


class PublishSavedPageRevisionAction(PublishPageRevisionAction):
    """`PublishPageRevisionAction` for a revision just saved from ``page`` (see the module)."""

    def __init__(self, revision: Revision, *, page: Page, user=None):
        if page.pk != int(revision.object_id) or page.latest_revision_id != revision.pk:
            raise ValueError("`page` must be the object the revision was just saved from.")
        # Wagtail's __init__ runs as it is; only its `revision.as_object()` call gets `page`.
        revision.as_object = lambda: page
        try:
            super().__init__(revision, user=user)
        finally:
            del revision.as_object
