"""The evaluation grid is data: versions, ordered criteria, a level scale, and the answers.

A published grid is frozen (its ``clean`` refuses changes): facilitators publish a new version
instead, so assessments keep pointing at the exact questions they answered.
"""

from __future__ import annotations

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class GridQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def current(self) -> Grid | None:
        """The latest published version: new assessments answer this one."""
        return self.published().order_by("-version", "-published_at").first()


class Grid(ClusterableModel):
    """One version of the self-assessment grid; a new version never rewrites older answers."""

    slug = models.SlugField(_("identifiant"), max_length=100)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("titre"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GridQuerySet.as_manager()

    class Meta:
        verbose_name = _("grille d'évaluation")
        verbose_name_plural = _("grilles d'évaluation")
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="commons_unique_grid_version")
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self):
        super().clean()
        if self.pk and Grid.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise ValidationError(
                _(
                    "Cette version est publiée : elle ne se modifie plus, pour ne pas changer "
                    "le sens des évaluations existantes. Créez une nouvelle version."
                )
            )

    def counted_levels(self) -> list[Level]:
        return [level for level in self.levels.all() if level.counts]


class Level(Orderable):
    """One step of the scale; ``counts`` is false for levels left out of averages."""

    grid = ParentalKey(Grid, on_delete=models.CASCADE, related_name="levels")
    key = models.SlugField(_("clé"), max_length=50)
    label = models.CharField(_("libellé"), max_length=120)
    counts = models.BooleanField(
        _("compte dans la moyenne"), default=True, help_text=_("Décochez pour « Sans objet ».")
    )
    value = models.PositiveSmallIntegerField(_("valeur"), null=True, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("niveau")
        verbose_name_plural = _("niveaux")
        constraints = [models.UniqueConstraint(fields=["grid", "key"], name="commons_unique_level")]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if self.counts and self.value is None:
            raise ValidationError({"value": _("Un niveau qui compte doit avoir une valeur.")})


class Criterion(Orderable):
    """One question of the grid, identified by a key that stays stable across versions."""

    grid = ParentalKey(Grid, on_delete=models.CASCADE, related_name="criteria")
    key = models.SlugField(_("clé"), max_length=50)
    label = models.CharField(_("libellé"), max_length=120)
    question = models.TextField(_("question"))
    help = models.TextField(_("aide"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        constraints = [
            models.UniqueConstraint(fields=["grid", "key"], name="commons_unique_criterion")
        ]

    def __str__(self):
        return self.label


@reversion.register(follow=("answers",))
class Assessment(models.Model):
    """A commons' answers to one grid version (a self-assessment, not a certification)."""

    commons = models.ForeignKey(
        "commons.Commons", on_delete=models.CASCADE, related_name="assessments"
    )
    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="assessments")
    is_latest = models.BooleanField(default=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("auto-évaluation")
        verbose_name_plural = _("auto-évaluations")
        constraints = [
            models.UniqueConstraint(fields=["commons", "grid"], name="commons_unique_assessment")
        ]

    def __str__(self):
        return f"{self.commons} — {self.grid}"


@reversion.register()
class Answer(models.Model):
    """The level reached and a free-text answer for one criterion."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )
    text = models.TextField(_("réponse"), blank=True)

    class Meta:
        verbose_name = _("réponse")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="commons_unique_answer"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.level or '—'}"
