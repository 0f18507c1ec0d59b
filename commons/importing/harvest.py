"""Harvesting declared sources (``manage.py commons_harvest``): fetch, import, withdraw.

Each source is fetched with a timeout and a size limit, then imported like a file, its records
tagged with their provenance. Records that left the source are unpublished here; a source that
cannot be fetched or read keeps its last good records and its error is kept for facilitators.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Commons, HarvestFormat, HarvestSource, Status
from . import ImportFileError, ImportReport, import_commons

TIMEOUT_SECONDS = 20
MAX_BYTES = 20 * 1024 * 1024
FILE_FORMATS = {
    HarvestFormat.KER: "json",
    HarvestFormat.JSON: "json",
    HarvestFormat.GEOJSON: "geojson",
    HarvestFormat.CSV: "csv",
}


class HarvestError(Exception):
    """The source could not be fetched or read; its previous records are kept."""


@dataclass
class HarvestResult:
    source: HarvestSource
    report: ImportReport | None
    withdrawn: int = 0
    error: str = ""


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Ker-moissonneur/1.0"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            content = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise HarvestError(_("la source répond %(code)s") % {"code": error.code}) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise HarvestError(_("source injoignable (%(reason)s)") % {"reason": reason}) from None
    if len(content) > max_bytes:
        raise HarvestError(_("la source dépasse %(size)s octets") % {"size": max_bytes})
    return content


def _withdraw_missing(source: HarvestSource, keys: set[str]) -> int:
    """Unpublish this source's copies that its data no longer lists."""
    gone = Commons.objects.filter(harvested__source=source, status=Status.PUBLISHED).exclude(
        import_source_id__in=keys
    )
    with transaction.atomic():
        return gone.update(status=Status.UNPUBLISHED)


def harvest(source: HarvestSource, *, timeout: float = TIMEOUT_SECONDS) -> HarvestResult:
    """Fetch and import one source, recording the outcome on it."""
    now = timezone.now()
    source.last_run_at = now
    try:
        content = fetch(source.url, timeout=timeout)
        report = import_commons(
            content=content,
            file_format=FILE_FORMATS[source.format],
            label=source.name,
            harvest_source=source,
        )
    except (HarvestError, ImportFileError) as error:
        source.last_status = _("Échec : %(error)s. Les fiches déjà moissonnées sont gardées.") % {
            "error": error
        }
        source.save(update_fields=["last_run_at", "last_status"])
        return HarvestResult(source=source, report=None, error=str(error))
    withdrawn = _withdraw_missing(source, report.keys)
    lines = [
        _(
            "%(created)s créée(s), %(updated)s mise(s) à jour, %(unchanged)s inchangée(s), "
            "%(withdrawn)s retirée(s), %(errors)s en erreur."
        )
        % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "withdrawn": withdrawn,
            "errors": len(report.errors),
        }
    ]
    lines += [f"{position} : {message}" for position, message in report.errors[:20]]
    lines += [_("Doublon possible avec une fiche locale : %(pair)s") % {"pair": pair}
              for pair in report.duplicates[:20]]  # fmt: skip
    source.last_success_at = now
    source.last_status = "\n".join(lines)
    source.save(update_fields=["last_run_at", "last_success_at", "last_status"])
    return HarvestResult(source=source, report=report, withdrawn=withdrawn)
