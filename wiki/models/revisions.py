"""History is Wagtail's `Revision`; `RevisionMeta` is its one-to-one companion holding what a wiki
needs (edit summary, minor flag, size, author name for imports, IP hash, review status)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from .articles import ArticlePage


class RevisionStatus(models.TextChoices):
    APPROVED = "approved", _("publiée")
    PENDING = "pending", _("en attente de relecture")
    REJECTED = "rejected", _("refusée")


class RevisionOrigin(models.TextChoices):
    LOCAL = "local", _("écrite sur ce wiki")
    IMPORTED = "imported", _("importée")


class RevisionMeta(models.Model):
    """What a wiki needs to know about a Wagtail revision of an article."""

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, primary_key=True, related_name="wiki_meta"
    )
    page = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="revision_metas")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wiki_revisions",
    )
    # Kept even without a user: imported revisions keep their original author's name.
    author_name = models.CharField(_("auteur"), max_length=255)
    created_at = models.DateTimeField(_("date"), db_index=True)
    edit_summary = models.CharField(_("résumé de modification"), max_length=500, blank=True)
    minor = models.BooleanField(_("modification mineure"), default=False)
    is_creation = models.BooleanField(_("création de la page"), default=False)
    title = models.CharField(_("titre"), max_length=255)
    size = models.PositiveIntegerField(_("taille (octets)"), default=0)
    size_delta = models.IntegerField(_("variation de taille"), default=0)
    ip_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        max_length=10, choices=RevisionStatus.choices, default=RevisionStatus.APPROVED
    )
    previous_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reverted_to = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    patrolled = models.BooleanField(_("vérifiée"), default=False, db_index=True)
    patrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.CharField(_("motif de la décision"), max_length=500, blank=True)
    hidden = models.BooleanField(_("contenu masqué"), default=False)
    hidden_reason = models.CharField(_("motif du masquage"), max_length=500, blank=True)
    # Imported revisions (MediaWiki): where they come from and their original text, so a
    # better converter can run again later without the dump.
    origin = models.CharField(
        _("origine"),
        max_length=10,
        choices=RevisionOrigin.choices,
        default=RevisionOrigin.LOCAL,
        db_index=True,
    )
    source_wiki = models.CharField(_("wiki d'origine"), max_length=255, blank=True)
    source_revision_id = models.BigIntegerField(_("numéro de révision d'origine"), null=True)
    source_text = models.TextField(_("texte d'origine (wikitexte)"), blank=True)

    class Meta:
        verbose_name = _("métadonnées de révision")
        ordering = ["-created_at", "-revision_id"]
        indexes = [
            models.Index(fields=["page", "-created_at"]),
            models.Index(fields=["user", "-created_at"]),
            # Recent changes (local edits, newest first): read in index order and stopped after
            # a page, instead of sorting every revision (12 ms at 10,400 revisions, then 1 ms).
            models.Index(
                fields=["origin", "-created_at", "-revision_id"], name="wiki_revmeta_recent"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_wiki", "source_revision_id"],
                condition=models.Q(source_revision_id__isnull=False),
                name="unique_imported_revision",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"
