"""The durable queue of index changes, and the documents table of the PostgreSQL engine."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexTask(models.Model):
    """One document the index must update or drop, coalesced by (source, key).

    Services enqueue a task inside their transaction, so a committed change always has its task
    and a rolled-back one never has. One writer (``manage.py search_worker``, or the request
    right after commit when no worker runs) applies tasks in batches, then deletes each task
    only if it was not enqueued again meanwhile (same ``created``). A crash between the index
    commit and the deletion only means a task is applied twice, which is harmless.
    """

    class Kind(models.TextChoices):
        UPSERT = "upsert", _("mise à jour")
        DELETE = "delete", _("suppression")

    source = models.CharField(_("source"), max_length=50)
    key = models.CharField(_("clé"), max_length=255)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.UPSERT)
    created = models.DateTimeField(_("demandée le"), default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    # After a failed attempt, the task waits before the next one (longer each time).
    retry_after = models.DateTimeField(_("nouvel essai après"), null=True, blank=True)

    class Meta:
        verbose_name = _("mise à jour d’index en attente")
        verbose_name_plural = _("mises à jour d’index en attente")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="search_indextask_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source}:{self.key}"


class IndexedDocument(models.Model):
    """One searchable document of the PostgreSQL engine (``KER_SEARCH_BACKEND=postgres``).

    The same fields as the Whoosh index, in the site's database, so that every app server
    searches the same index. ``vector`` holds the French full-text vector, weighted title (A) >
    summary, tags, commune and authors (B) > body (C); it and the GIN and trigram indexes exist
    only on PostgreSQL (see the migration). On SQLite the table exists but stays empty.
    """

    id = models.CharField(_("identifiant"), primary_key=True, max_length=320)
    source = models.CharField(_("source"), max_length=50)
    key = models.CharField(_("clé"), max_length=255)
    type = models.CharField(_("type"), max_length=50, db_index=True)
    title = models.TextField(_("titre"))
    # Lowercase title without accents, between spaces: autocomplete by word prefixes.
    title_folded = models.TextField(_("titre sans accents"))
    summary = models.TextField(_("résumé"), blank=True)
    context = models.TextField(_("contexte"), blank=True)
    body = models.TextField(_("texte"), blank=True)
    tags = models.JSONField(_("mots-clés"), default=list)
    portals = models.JSONField(_("portails"), default=list)
    commune = models.CharField(_("commune"), max_length=200, blank=True, db_index=True)
    latitude = models.FloatField(_("latitude"), null=True)
    longitude = models.FloatField(_("longitude"), null=True)
    created = models.DateTimeField(_("créé le"), null=True)
    updated = models.DateTimeField(_("mis à jour le"), null=True, db_index=True)
    url = models.CharField(_("adresse"), max_length=500)
    authors = models.JSONField(_("auteurs"), default=list)
    vector = SearchVectorField(_("vecteur de recherche"), null=True)

    class Meta:
        verbose_name = _("document indexé")
        verbose_name_plural = _("documents indexés")

    def __str__(self) -> str:
        return self.id


class IndexedWord(models.Model):
    """A word of the indexed texts, as written (lowercase, accents kept): "did you mean".

    ``folded`` (without accents) carries a trigram index on PostgreSQL, so that a typed word
    finds its closest indexed words. Words are added as documents are indexed and recomputed
    by a rebuild; a word left by a deleted document only costs a suggestion that finds little.
    """

    word = models.CharField(_("mot"), primary_key=True, max_length=60)
    folded = models.CharField(_("mot sans accents"), max_length=60)

    class Meta:
        verbose_name = _("mot indexé")
        verbose_name_plural = _("mots indexés")

    def __str__(self) -> str:
        return self.word
