"""What the wiki puts in the review queue: pending article revisions and talk messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.diff import diff_texts
from community.moderation import PendingItem

from .models import ArticlePage, RevisionMeta, RevisionStatus, TalkMessage

# Paragraphs are separated by blank lines; one unchanged paragraph is kept on each side of a
# change, the others are folded in a <details> element.
_BLANK_LINES_RE = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")
CONTEXT_PARAGRAPHS = 1
# Above this many paragraph comparisons (after the common head and tail), the changed middle is
# shown as one block: difflib is quadratic on repetitive input.
MAX_PARAGRAPH_COMPARISONS = 250_000


@dataclass
class ParagraphBlock:
    """A run of paragraphs in the review diff: ``changed`` (word diff), ``context`` or
    ``folded`` (unchanged, shown on demand)."""

    kind: str
    paragraphs: list[str] = field(default_factory=list)
    diff_html: str = ""


def _paragraphs(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [part.strip("\n") for part in _BLANK_LINES_RE.split(text) if part.strip()]


def _paragraph_opcodes(old: list[str], new: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes on paragraphs, the common head and tail cut first (edits are local)."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_end, new_end = len(old) - suffix, len(new) - suffix
    opcodes: list[tuple[str, int, int, int, int]] = []
    if prefix:
        opcodes.append(("equal", 0, prefix, 0, prefix))
    if (old_end - prefix) * (new_end - prefix) > MAX_PARAGRAPH_COMPARISONS:
        opcodes.append(("replace", prefix, old_end, prefix, new_end))
    elif old_end > prefix or new_end > prefix:
        matcher = SequenceMatcher(None, old[prefix:old_end], new[prefix:new_end])
        for operation, a1, a2, b1, b2 in matcher.get_opcodes():
            opcodes.append((operation, a1 + prefix, a2 + prefix, b1 + prefix, b2 + prefix))
    if suffix:
        opcodes.append(("equal", old_end, len(old), new_end, len(new)))
    return opcodes


def paragraph_blocks(old: str, new: str) -> list[ParagraphBlock]:
    """The changed paragraphs with their word diff, one unchanged paragraph of context around
    each change, and the other unchanged paragraphs folded."""
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    opcodes = _paragraph_opcodes(old_paragraphs, new_paragraphs)
    blocks: list[ParagraphBlock] = []
    for index, (operation, old_start, old_end, new_start, new_end) in enumerate(opcodes):
        if operation != "equal":
            diff = diff_texts(
                "\n\n".join(old_paragraphs[old_start:old_end]),
                "\n\n".join(new_paragraphs[new_start:new_end]),
            )
            blocks.append(ParagraphBlock("changed", diff_html=diff.inline_html))
            continue
        same = new_paragraphs[new_start:new_end]
        head = 0 if index == 0 else CONTEXT_PARAGRAPHS
        tail = 0 if index == len(opcodes) - 1 else CONTEXT_PARAGRAPHS
        if len(same) <= head + tail:
            blocks.append(ParagraphBlock("context", same))
            continue
        if head:
            blocks.append(ParagraphBlock("context", same[:head]))
        blocks.append(ParagraphBlock("folded", same[head : len(same) - tail]))
        if tail:
            blocks.append(ParagraphBlock("context", same[len(same) - tail :]))
    return blocks


def changed_new_paragraphs(old: str, new: str) -> str:
    """The paragraphs of the new text that are new or changed, for a rendered preview."""
    old_paragraphs, new_paragraphs = _paragraphs(old), _paragraphs(new)
    return "\n\n".join(
        "\n\n".join(new_paragraphs[new_start:new_end])
        for operation, _a, _b, new_start, new_end in _paragraph_opcodes(
            old_paragraphs, new_paragraphs
        )
        if operation in {"replace", "insert"}
    )


class PendingRevisionsSource:
    """One item per article with pending revisions: the diff from live to newest pending."""

    name = "wiki"
    label = _("Modifications d'articles")

    def pending_items(self) -> list[PendingItem]:
        metas = (
            RevisionMeta.objects.filter(status=RevisionStatus.PENDING)
            .select_related("page", "user")
            .order_by("created_at", "revision_id")
        )
        by_page: dict[int, list[RevisionMeta]] = {}
        for meta in metas:
            by_page.setdefault(meta.page_id, []).append(meta)
        items = []
        for page_metas in by_page.values():
            first, last = page_metas[0], page_metas[-1]
            page = first.page
            items.append(
                PendingItem(
                    source=self.name,
                    item_id=str(page.pk),
                    title=last.title,
                    url=reverse("wiki:revision", args=[page.slug, last.revision_id]),
                    created_at=first.created_at,
                    author=last.user,
                    author_name=last.author_name,
                    authors=tuple({meta.user for meta in page_metas if meta.user is not None}),
                    kind_label=str(_("Nouvel article") if not page.live else _("Modification")),
                    extra={"metas": page_metas, "page": page},
                )
            )
        return items

    def pending_count(self) -> int:
        """How many items pending_items() would give, in one query (for the header's link)."""
        return (
            RevisionMeta.objects.filter(status=RevisionStatus.PENDING)
            .values("page_id")
            .distinct()
            .count()
        )

    def render_detail(self, item: PendingItem, request) -> str:
        """The changed paragraphs between the live text and what approving would publish (or
        the conflict), and that text rendered as the article page renders it."""
        from .selectors import render_body
        from .services import ArticleFields, approval_plan

        page: ArticlePage = item.extra["page"]
        metas = item.extra["metas"]
        plan = approval_plan(page, metas)
        if plan.conflict is not None:
            result = ArticleFields.from_revision(plan.conflict.revision)
        else:
            result = plan.result
        return render_to_string(
            "wiki/review_item.html",
            {
                "page": page,
                "metas": metas,
                "conflict": plan.conflict,
                "merged": not plan.direct,
                "is_identical": plan.live.body == result.body,
                "blocks": paragraph_blocks(plan.live.body, result.body) if page.live else [],
                "changed_html": (
                    render_body(changed_new_paragraphs(plan.live.body, result.body)).html
                    if page.live
                    else ""
                ),
                "preview_html": render_body(result.body).html,
                "title_changed": plan.live.title != result.title,
                "live": plan.live,
                "newest": result,
            },
            request=request,
        )

    def approve(self, item_id: str, *, user, reason: str = "") -> None:
        from .services import revision_approve

        revision_approve(page=ArticlePage.objects.get(pk=int(item_id)), user=user, reason=reason)

    def reject(self, item_id: str, *, user, reason: str = "") -> None:
        from .services import revision_reject

        revision_reject(page=ArticlePage.objects.get(pk=int(item_id)), user=user, reason=reason)


class PendingTalkSource:
    name = "discussion"
    label = _("Messages de discussion")

    def pending_items(self) -> list[PendingItem]:
        messages = TalkMessage.objects.filter(status=RevisionStatus.PENDING).select_related(
            "page", "author"
        )
        return [
            PendingItem(
                source=self.name,
                item_id=str(message.pk),
                title=message.page.title,
                url=reverse("wiki:talk", args=[message.page.slug]) + f"#message-{message.pk}",
                created_at=message.created_at,
                author=message.author,
                author_name=message.author_name,
                kind_label=str(_("Message de discussion")),
                extra={"message": message},
            )
            for message in messages
        ]

    def pending_count(self) -> int:
        return TalkMessage.objects.filter(status=RevisionStatus.PENDING).count()

    def render_detail(self, item: PendingItem, request) -> str:
        from .selectors import render_body

        message = item.extra["message"]
        return render_to_string(
            "wiki/review_talk_item.html",
            {"message": message, "html": render_body(message.body).html},
            request=request,
        )

    def approve(self, item_id: str, *, user, reason: str = "") -> None:
        from .services import talk_decide

        talk_decide(message_id=int(item_id), user=user, approve=True, reason=reason)

    def reject(self, item_id: str, *, user, reason: str = "") -> None:
        from .services import talk_decide

        talk_decide(message_id=int(item_id), user=user, approve=False, reason=reason)
