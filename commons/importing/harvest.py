"""Harvesting declared sources (``manage.py commons_harvest``): fetch, import, withdraw.

Each source is fetched with a timeout and a size limit, then imported like a file, its records
tagged with their provenance. Another Ker site is read through its read API (``/api/v1/commons/``
and one detail per record, following the ``next`` links); its old ``/communs/export.json`` file
still works. Records that left the source are unpublished here; a source that cannot be fetched
or read keeps its last good records and its error is kept for facilitators.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..indexing import batched_indexing, schedule_index
from ..models import Commons, HarvestedRecord, HarvestFormat, HarvestSource, Status
from . import DEFAULT_MAX_ROWS, ImportFileError, ImportReport, import_commons, import_records

TIMEOUT_SECONDS = 20
MAX_BYTES = 20 * 1024 * 1024
FILE_FORMATS = {
    HarvestFormat.KER: "json",
    HarvestFormat.JSON: "json",
    HarvestFormat.GEOJSON: "geojson",
    HarvestFormat.CSV: "csv",
}
# Another Ker's read API: records per list page (the API's ``limit``, 200 at most there; a
# ``limit`` in the declared URL wins), list pages followed at most, bytes read in all.
API_PATH = "/api/v1/commons/"  # literal path: on another site, not one of our routes
API_PAGE_SIZE = 100
API_MAX_PAGES = 100
API_MAX_BYTES = 50 * 1024 * 1024


class HarvestError(Exception):
    """The source could not be fetched or read; its previous records are kept."""


class SourceStatusError(HarvestError):
    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


class SourceTooLargeError(HarvestError):
    pass


@dataclass
class HarvestResult:
    source: HarvestSource
    report: ImportReport | None
    withdrawn: int = 0
    error: str = ""


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> bytes:
    request = urllib.request.Request(
        url, headers={"User-Agent": "Ker-moissonneur/1.0", "Accept": "application/json, */*"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            content = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        if error.code == 429:
            message = _(
                "la source limite le nombre de requêtes (429, réessayer dans %(seconds)s s)"
            ) % {"seconds": error.headers.get("Retry-After") or "?"}
        else:
            message = _("la source répond %(code)s") % {"code": error.code}
        raise SourceStatusError(message, error.code) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise HarvestError(_("source injoignable (%(reason)s)") % {"reason": reason}) from None
    if len(content) > max_bytes:
        raise SourceTooLargeError(_("la source dépasse %(size)s octets") % {"size": max_bytes})
    return content


def ker_api_url(address: str) -> str | None:
    """The API list URL behind a Ker source's declared address; None for an export file.

    The site's address (only its origin counts) gives ``<origin>/api/v1/commons/``; an API URL is
    kept with its filters; a ``….json`` file (``/communs/export.json``) is the old way.
    """
    parts = urlsplit(address.strip())
    path = parts.path or "/"
    if path.lower().endswith(".json"):
        return None
    marker = API_PATH.rstrip("/")
    path = path[: path.index(marker)] + API_PATH if marker in path else API_PATH
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "cursor"]
    if not any(key == "limit" for key, _value in query):
        query.append(("limit", str(API_PAGE_SIZE)))
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def _on_origin(origin: str, base: str, link: str) -> str:
    """A link the API gave (``next``, ``api_url``), on the declared site's origin: a source
    behind a proxy may write another host, and a source never sends the harvester elsewhere."""
    parts = urlsplit(urljoin(base, link))
    path = "/" + parts.path.lstrip("/")  # "//host/…" would name another host
    return urljoin(origin, urlunsplit(("", "", path, parts.query, "")))


def _malformed(what: str) -> HarvestError:
    return HarvestError(_("%(what)s n'a pas la forme attendue de l'API Ker") % {"what": what})


class ApiReader:
    """Reads every published record of another Ker through its API, within the limits."""

    def __init__(self, list_url: str, *, timeout: float):
        parts = urlsplit(list_url)
        self.list_url = list_url
        self.origin = urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
        self.timeout = timeout
        self.remaining = API_MAX_BYTES
        self.pages = 0

    def get_json(self, url: str, what: str):
        try:
            content = fetch(url, timeout=self.timeout, max_bytes=self.remaining)
        except SourceTooLargeError:
            raise HarvestError(
                _("l'API de la source dépasse %(size)s octets au total") % {"size": API_MAX_BYTES}
            ) from None
        self.remaining -= len(content)
        try:
            return json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise HarvestError(_("%(what)s n'est pas du JSON") % {"what": what}) from None

    def records(self) -> list[dict]:
        records: list[dict] = []
        seen: set[str] = set()
        url: str | None = self.list_url
        while url:
            if self.pages >= API_MAX_PAGES:
                raise HarvestError(
                    _("l'API de la source a plus de %(pages)s pages : moissonnage arrêté")
                    % {"pages": API_MAX_PAGES}
                )
            if url in seen:
                raise HarvestError(_("les pages de l'API de la source tournent en rond"))
            seen.add(url)
            self.pages += 1
            what = _("la page %(number)s de l'API") % {"number": self.pages}
            page = self.get_json(url, what)
            if (
                not isinstance(page, dict)
                or not isinstance(page.get("results"), list)
                or not isinstance(page.get("next"), str | None)
            ):
                raise _malformed(what)
            for item in page["results"]:
                record = self.detail(item, base=url, what=what)
                if record is not None:
                    records.append(record)
                if len(records) > DEFAULT_MAX_ROWS:
                    raise HarvestError(
                        _("la source a plus de %(count)s fiches") % {"count": DEFAULT_MAX_ROWS}
                    )
            url = _on_origin(self.origin, url, page["next"]) if page["next"] else None
        return records

    def detail(self, item, *, base: str, what: str) -> dict | None:
        """A record's detail (the list lacks most fields); None if it left in the meantime."""
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise _malformed(what)
        link = item.get("api_url")
        if not isinstance(link, str) or not link:
            link = urljoin(urlsplit(base).path, quote(item["id"]) + "/")
        what = _("la fiche « %(id)s » de l'API") % {"id": item["id"]}
        try:
            record = self.get_json(_on_origin(self.origin, base, link), what)
        except SourceStatusError as error:
            if error.code in (404, 410):
                return None
            raise
        if not isinstance(record, dict) or not isinstance(record.get("url"), str):
            raise _malformed(what)
        return record


def _withdraw_missing(source: HarvestSource, keys: set[str]) -> int:
    """Unpublish this source's copies that its data no longer lists (and unindex them)."""
    gone = list(
        Commons.objects.filter(harvested__source=source, status=Status.PUBLISHED)
        .exclude(import_source_id__in=keys)
        .only("pk")
    )
    with batched_indexing(), transaction.atomic():
        Commons.objects.filter(pk__in=[commons.pk for commons in gone]).update(
            status=Status.UNPUBLISHED
        )
        HarvestedRecord.objects.filter(commons__in=gone).update(withdrawn=True)
        for commons in gone:
            reason = _("Retirée de sa source « %(source)s ».") % {"source": source.name}
            log(instance=commons, action="commons.unpublish", data={"reason": reason})
            schedule_index(commons)
    return len(gone)


def _read_source(source: HarvestSource, *, timeout: float) -> tuple[ImportReport, str]:
    """Fetch everything first (nothing is written if any page fails), then import."""
    api_url = ker_api_url(source.url) if source.format == HarvestFormat.KER else None
    if api_url is None:
        content = fetch(source.url, timeout=timeout)
        report = import_commons(
            content=content,
            file_format=FILE_FORMATS[source.format],
            label=source.name,
            harvest_source=source,
        )
        return report, ""
    reader = ApiReader(api_url, timeout=timeout)
    records = reader.records()
    report = import_records(records=records, label=source.name, harvest_source=source)
    read = _("Lu par l'API (%(url)s) : %(pages)s page(s), %(records)s fiche(s).") % {
        "url": api_url,
        "pages": reader.pages,
        "records": len(records),
    }
    return report, read


def harvest(source: HarvestSource, *, timeout: float = TIMEOUT_SECONDS) -> HarvestResult:
    """Fetch and import one source, recording the outcome on it."""
    now = timezone.now()
    source.last_run_at = now
    try:
        report, read = _read_source(source, timeout=timeout)
    except (HarvestError, ImportFileError) as error:
        source.last_status = _("Échec : %(error)s. Les fiches déjà moissonnées sont gardées.") % {
            "error": error
        }
        source.save(update_fields=["last_run_at", "last_status"])
        return HarvestResult(source=source, report=None, error=str(error))
    withdrawn = _withdraw_missing(source, report.keys)
    lines = [read] if read else []
    lines.append(
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
    )
    lines += [f"{position} : {message}" for position, message in report.errors[:20]]
    lines += [_("Doublon possible avec une fiche locale : %(pair)s") % {"pair": pair}
              for pair in report.duplicates[:20]]  # fmt: skip
    source.last_success_at = now
    source.last_status = "\n".join(lines)
    source.save(update_fields=["last_run_at", "last_success_at", "last_status"])
    return HarvestResult(source=source, report=report, withdrawn=withdrawn)
