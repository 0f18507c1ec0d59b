"""What the wiki puts in the review queue: pending article revisions and talk messages."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from community.moderation import PendingItem

from .diff import diff_texts
from .models import ArticlePage, RevisionMeta, RevisionStatus, TalkMessage


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
                    url=f"/wiki/{page.slug}/historique/{last.revision_id}/",
                    created_at=first.created_at,
                    author=last.user,
                    author_name=last.author_name,
                    authors=tuple({meta.user for meta in page_metas if meta.user is not None}),
                    kind_label=str(_("Nouvel article") if not page.live else _("Modification")),
                    extra={"metas": page_metas, "page": page},
                )
            )
        return items

    def render_detail(self, item: PendingItem, request) -> str:
        """The diff between the live text and what approving would publish (or the conflict)."""
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
                "diff": diff_texts(plan.live.body, result.body),
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
                url=f"/wiki/{message.page.slug}/discussion/#message-{message.pk}",
                created_at=message.created_at,
                author=message.author,
                author_name=message.author_name,
                kind_label=str(_("Message de discussion")),
                extra={"message": message},
            )
            for message in messages
        ]

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
