"""Reads of talk pages: messages in threads, as the viewer may see them."""

from __future__ import annotations

from django.db.models import Q

from ..models import ArticlePage, RevisionStatus, TalkMessage
from .rendering import render_body


def talk_threads(page: ArticlePage, *, viewer):
    """Messages grouped in threads (a message and its replies), as the viewer may see them."""
    from community import policy

    messages = TalkMessage.objects.filter(page=page).select_related("author")
    if not policy.can_see_pending(viewer):
        condition = Q(status=RevisionStatus.APPROVED)
        if viewer is not None and viewer.is_authenticated:
            condition |= Q(author=viewer, status=RevisionStatus.PENDING)
        messages = messages.filter(condition)
    messages = list(messages)
    children: dict[int | None, list] = {}
    for message in messages:
        children.setdefault(message.parent_id, []).append(message)
    visible_ids = {message.pk for message in messages}

    def flatten(parent_id, depth):
        rows = []
        for message in children.get(parent_id, []):
            message.html = render_body(message.body).html
            message.depth = min(depth, 6)
            rows.append(message)
            rows.extend(flatten(message.pk, depth + 1))
        return rows

    roots = [m for m in messages if m.parent_id is None or m.parent_id not in visible_ids]
    threads = []
    for root in roots:
        root.html = render_body(root.body).html
        root.depth = 0
        threads.append([root, *flatten(root.pk, 1)])
    return threads
