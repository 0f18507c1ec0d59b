"""Commons in the review queue: new declarations and suggested changes waiting for a decision.

Registered into ``community.moderation`` from ``CommonsConfig.ready()``; approve and reject call
the commons services, so the queue behaves exactly like the record's own buttons.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.http import parse_id
from community.moderation import PendingItem, decision_form_id

from . import selectors, services
from .history import merge_rows
from .models import Commons, CommonsImage, Status, SuggestedChange, SuggestionStatus
from .profile import build_profile
from .services.suggestions import choices_from, suggestion_merge

DECLARATION = "declaration"
SUGGESTION = "suggestion"
IMAGE = "image"


def _author_name(user) -> str:
    return user.get_username() if user is not None else ""


class CommonsModerationSource:
    name = "commons"
    label = gettext_lazy("Communs")
    approve_uses_form_data = True  # the reviewer's choices for conflicting fields

    def pending_items(self) -> list[PendingItem]:
        items = []
        for commons in selectors.pending_declarations().select_related("declared_by"):
            items.append(
                PendingItem(
                    source=self.name,
                    item_id=f"{DECLARATION}:{commons.pk}",
                    title=commons.name,
                    url=commons.get_absolute_url(),
                    created_at=commons.created_at,
                    author=commons.declared_by,
                    author_name=_author_name(commons.declared_by),
                    kind_label=_("Nouveau commun"),
                )
            )
        for suggestion in selectors.pending_suggestions():
            items.append(
                PendingItem(
                    source=self.name,
                    item_id=f"{SUGGESTION}:{suggestion.pk}",
                    title=suggestion.commons.name,
                    url=suggestion.commons.get_absolute_url(),
                    created_at=suggestion.created_at,
                    author=suggestion.author,
                    author_name=_author_name(suggestion.author),
                    kind_label=_("Modification proposée d'un commun"),
                    extra={"comment": suggestion.comment},
                )
            )
        for link in (
            CommonsImage.objects.pending()
            .select_related("commons", "added_by", "image")
            .order_by("added_at", "pk")
        ):
            items.append(
                PendingItem(
                    source=self.name,
                    item_id=f"{IMAGE}:{link.pk}",
                    title=link.commons.name,
                    url=link.commons.get_absolute_url(),
                    created_at=link.added_at or link.commons.updated_at,
                    author=link.added_by,
                    author_name=_author_name(link.added_by),
                    kind_label=_("Image proposée pour un commun"),
                    extra={"caption": link.caption},
                )
            )
        return items

    def pending_count(self) -> int:
        """How many items pending_items() would give, in three count queries (for the header's
        link on every page a facilitator sees, where building the items cost a third of it)."""
        return (
            selectors.pending_declarations().count()
            + selectors.pending_suggestions().count()
            + CommonsImage.objects.pending().count()
        )

    def _resolve(self, item_id: str):
        kind, _separator, raw_pk = str(item_id).partition(":")
        pk = parse_id(raw_pk)
        if pk is None:
            raise ValidationError(_("Élément de relecture inconnu."))
        if kind == DECLARATION:
            commons = Commons.objects.filter(pk=pk).first()
            if commons is not None:
                return kind, commons
        elif kind == SUGGESTION:
            suggestion = SuggestedChange.objects.filter(pk=pk).first()
            if suggestion is not None:
                return kind, suggestion
        elif kind == IMAGE:
            link = CommonsImage.objects.select_related("commons", "image").filter(pk=pk).first()
            if link is not None:
                return kind, link
        raise ValidationError(_("Élément de relecture inconnu."))

    def render_detail(self, item: PendingItem, request) -> str:
        kind, obj = self._resolve(item.item_id)
        context = {"kind": kind}
        if kind == DECLARATION:
            context.update(
                commons=obj,
                profile=build_profile(
                    assessment=selectors.latest_assessment(obj), grid=selectors.current_grid()
                ),
            )
        elif kind == IMAGE:
            context.update(link=obj, commons=obj.commons)
        else:
            context.update(
                suggestion=obj,
                commons=obj.commons,
                rows=merge_rows(suggestion_merge(obj)),
                form_id=decision_form_id(item),
            )
        return render_to_string("commons/moderation_detail.html", context, request=request)

    def approve(self, item_id: str, *, user, reason: str = "", data=None) -> None:
        """``data``: the decision form, with the reviewer's choices for conflicting fields."""
        kind, obj = self._resolve(item_id)
        if kind == DECLARATION:
            if obj.status != Status.PENDING:
                raise ValidationError(_("Cette déclaration a déjà été traitée."))
            services.commons_publish(commons=obj, user=user, reason=reason)
        elif kind == IMAGE:
            services.commons_image_approve(link=obj, user=user, reason=reason)
        else:
            services.suggestion_approve(
                suggestion=obj, user=user, reason=reason, choices=choices_from(data)
            )

    def reject(self, item_id: str, *, user, reason: str = "") -> None:
        kind, obj = self._resolve(item_id)
        if kind == DECLARATION:
            services.commons_reject(commons=obj, user=user, reason=reason)
        elif kind == IMAGE:
            services.commons_image_reject(link=obj, user=user, reason=reason)
        else:
            if obj.status != SuggestionStatus.PENDING:
                raise ValidationError(_("Cette proposition a déjà été traitée."))
            services.suggestion_reject(suggestion=obj, user=user, reason=reason)
