"""The durable queue of index changes: written in the same transaction as the change itself."""

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

    class Meta:
        verbose_name = _("mise à jour d’index en attente")
        verbose_name_plural = _("mises à jour d’index en attente")
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="search_indextask_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.source}:{self.key}"
