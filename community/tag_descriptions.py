"""Writes and reads of tag descriptions (the text of a tag's page, a MediaWiki category's).

Facilitators write them, from the tag page or the Wagtail admin, through
:func:`tag_description_save`; the MediaWiki import writes them through
:func:`tag_description_import`. Each change is one django-reversion version and one audit-log
entry, so the two ways behave the same and nothing is lost.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.log_actions import log

from . import policy
from .models import TagDescription, TagOrigin

MAX_BODY_LENGTH = 20_000
MAX_TAG_NAME_LENGTH = 100


def _require_facilitator(user) -> None:
    decision = policy.can_moderate(user)
    if not decision:
        raise PermissionDenied(decision.reason)


def _clean_body(body: str) -> str:
    body = (body or "").replace("\r\n", "\n").strip()
    if len(body) > MAX_BODY_LENGTH:
        raise ValidationError(
            {
                "body": [
                    _("La description dépasse %(count)s caractères.") % {"count": MAX_BODY_LENGTH}
                ]
            }
        )
    return body + "\n" if body else ""


def _save_version(description: TagDescription, *, user, comment: str) -> None:
    with reversion.create_revision(atomic=False):
        reversion.set_user(user if policy.is_authenticated(user) else None)
        reversion.set_comment(comment[:255])
        reversion.add_to_revision(description)


def tag_description_save(*, user, tag: Tag, body: str, comment: str = "") -> TagDescription:
    """A facilitator writes (or rewrites) the description of a tag; an unchanged text adds
    no version."""
    _require_facilitator(user)
    body = _clean_body(body)
    with transaction.atomic():
        description = TagDescription.objects.select_for_update().filter(tag=tag).first()
        created = description is None
        if created:
            description = TagDescription(tag=tag)
        elif description.body == body:
            return description
        description.body = body
        description.updated_at = timezone.now()
        description.updated_by = user
        description.updated_by_name = user.username
        description.origin = TagOrigin.KER
        description.full_clean()
        description.save()
        _save_version(description, user=user, comment=comment or _("Description modifiée"))
        log(
            instance=description,
            action="wagtail.create" if created else "wagtail.edit",
            user=user,
            data={"tag": tag.name},
        )
    return description


def tag_description_delete(*, user, description: TagDescription) -> None:
    """Remove a description (the tag stays); its versions stay in the history."""
    _require_facilitator(user)
    with transaction.atomic():
        log(instance=description, action="wagtail.delete", user=user, deleted=True)
        description.delete()


@dataclass(frozen=True)
class ImportedDescription:
    """The last revision of a MediaWiki category page, converted to Markdown."""

    tag_name: str
    markdown: str
    source_wiki: str
    source_revision_id: int
    author_name: str = ""
    timestamp: datetime.datetime | None = None


def tag_for_name(name: str, *, create: bool = False) -> Tag | None:
    """The tag of this name (case does not matter, as for articles' tags)."""
    name = " ".join((name or "").split())[:MAX_TAG_NAME_LENGTH]
    if not name:
        return None
    tag = Tag.objects.filter(name__iexact=name).order_by("pk").first()
    if tag is None and create:
        tag = Tag.objects.create(name=name)
    return tag


def tag_description_import(*, imported: ImportedDescription, user=None) -> str:
    """Make an imported category page the description of the tag of the same name.

    Returns ``created``, ``empty`` (a category page without text: the tag only),
    ``updated`` (a newer revision of the same wiki), ``unchanged``
    (already imported: re-running a dump adds nothing) or ``kept`` (the description was
    written in Ker since, or comes from elsewhere: it is not overwritten, the caller reports
    it). The tag is created when no article carries it yet. The command line is trusted;
    a user given must be a facilitator.
    """
    if user is not None:
        _require_facilitator(user)
    body = _clean_body(imported.markdown)
    with transaction.atomic():
        tag = tag_for_name(imported.tag_name, create=True)
        if tag is None:
            raise ValidationError(_("Nom de catégorie vide."))
        description = TagDescription.objects.select_for_update().filter(tag=tag).first()
        if description is None and not body:
            return "empty"
        if description is not None:
            same_source = (
                description.origin == TagOrigin.IMPORTED
                and description.source_wiki == imported.source_wiki
            )
            if same_source and description.source_revision_id == imported.source_revision_id:
                return "unchanged"
            if description.body == body:
                return "unchanged"
            if description.body and not same_source:
                return "kept"
            if (
                same_source
                and description.source_revision_id is not None
                and description.source_revision_id > imported.source_revision_id
            ):
                return "unchanged"
        created = description is None
        if created:
            description = TagDescription(tag=tag)
        description.body = body
        description.updated_at = imported.timestamp or timezone.now()
        description.updated_by = None
        description.updated_by_name = imported.author_name[:255]
        description.origin = TagOrigin.IMPORTED
        description.source_wiki = imported.source_wiki[:255]
        description.source_revision_id = imported.source_revision_id
        description.save()
        comment = _("Import MediaWiki (%(wiki)s, révision %(revision)s)") % {
            "wiki": imported.source_wiki,
            "revision": imported.source_revision_id,
        }
        _save_version(description, user=user, comment=comment)
        log(
            instance=description,
            action="community.tag_description_import",
            user=user,
            data={
                "tag": tag.name,
                "source_wiki": imported.source_wiki,
                "source_revision_id": imported.source_revision_id,
            },
        )
    return "created" if created else "updated"


# --- reads ---------------------------------------------------------------------------------


def description_of(tag: Tag) -> TagDescription | None:
    return TagDescription.objects.filter(tag=tag).select_related("updated_by").first()


def described_tag_ids() -> set[int]:
    """Tags with a non-empty description (their page is public even when no content uses
    them yet, like a MediaWiki category page)."""
    return set(TagDescription.objects.exclude(body="").values_list("tag_id", flat=True))


def description_history(description: TagDescription):
    """The versions of a description, newest first."""
    from reversion.models import Version

    return (
        Version.objects.get_for_object(description)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
