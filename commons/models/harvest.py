"""Harvesting: other territories' open data gathered into this directory, read-only here."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class HarvestFormat(models.TextChoices):
    KER = "ker", _("Autre site Ker (son API)")
    JSON = "json", _("JSON GoGoCarto")
    GEOJSON = "geojson", _("GeoJSON")
    CSV = "csv", _("CSV")


class HarvestSource(models.Model):
    """A source facilitators declare; ``commons_harvest`` copies its records, with provenance.

    Copies stay read-only here (a correction goes to the source); a failing source keeps its
    last good records and says why in ``last_status``.
    """

    name = models.CharField(_("nom"), max_length=200)
    url = models.URLField(
        _("adresse des données"),
        max_length=500,
        help_text=_(
            "Pour un autre site Ker : son adresse (https://autre-territoire.fr/) ou l'adresse de "
            "son API (https://autre-territoire.fr/api/v1/commons/, filtres et ?limit= permis) ; "
            "l'ancienne adresse …/communs/export.json marche encore. Pour les autres formats : "
            "l'adresse du fichier."
        ),
    )
    format = models.CharField(
        _("format"), max_length=20, choices=HarvestFormat.choices, default=HarvestFormat.KER
    )
    licence = models.CharField(_("licence des données"), max_length=120, default="ODbL-1.0")
    active = models.BooleanField(_("active"), default=True)
    last_run_at = models.DateTimeField(_("dernier moissonnage"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("dernier succès"), null=True, blank=True)
    last_status = models.TextField(_("compte rendu"), blank=True)

    class Meta:
        verbose_name = _("source moissonnée")
        verbose_name_plural = _("sources moissonnées")
        ordering = ["name"]

    def __str__(self):
        return self.name


class HarvestedRecord(models.Model):
    """Where a harvested commons comes from: its source and its address there."""

    commons = models.OneToOneField(
        "commons.Commons", on_delete=models.CASCADE, related_name="harvested"
    )
    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    original_url = models.URLField(_("adresse d'origine"), max_length=500, blank=True)
    # Unpublished because it left its source (not by a facilitator here): published again if
    # it comes back there.
    withdrawn = models.BooleanField(_("retirée de sa source"), default=False)
    harvested_at = models.DateTimeField(_("moissonné le"), auto_now=True)

    class Meta:
        verbose_name = _("fiche moissonnée")

    def __str__(self):
        return f"{self.commons_id} <- {self.source}"

    @property
    def link(self) -> str:
        return self.original_url or self.source.url
