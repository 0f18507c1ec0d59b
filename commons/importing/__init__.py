"""Importing commons from CSV, JSON (GoGoCarto elements or our export) and GeoJSON.

Every row is validated first and reported with its position; valid rows are then written one
transaction each (a row is imported whole or not at all). Re-importing a file updates the same
records, found by their source id, or else by their website: imports are idempotent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..indexing import batched_indexing, schedule_index
from ..models import Commons, CommonsOwner, Stage, Status
from ..selectors import normalise_website
from ..services.fields import apply_changes, changed_only, clean_changes, field_label
from ..services.records import save_version, unique_slug
from .readers import FORMATS, ImportFileError, RawRow, read_rows

__all__ = ["FORMATS", "ImportFileError", "ImportReport", "import_commons", "DEFAULT_MAX_ROWS"]

DEFAULT_MAX_ROWS = 5000
# Column aliases: the first one present wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "nom"),
    "summary": ("summary", "resume", "résumé"),
    "description": ("description",),
    "website": ("website", "site", "site_web", "url_site"),
    "street_address": ("street_address", "streetaddress", "adresse"),
    "postal_code": ("postal_code", "postalcode", "code_postal"),
    "commune": ("commune", "addresslocality", "ville"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng"),
    "tags": ("tags", "etiquettes", "étiquettes"),
    "needs": ("needs", "usages"),
    "stage": ("stage", "etape", "étape"),
    "licence": ("licence", "license"),
    "start_date": ("start_date", "startdate", "date_de_demarrage"),
    "shared_resources": ("shared_resources", "ressources"),
    "community": ("community", "communaute", "communauté"),
    "how_to_join": ("how_to_join", "rejoindre"),
}
SOURCE_ID_COLUMNS = ("source_id", "sourceid", "id")
STAGE_BY_LABEL = {str(label).lower(): value for value, label in Stage.choices}
STAGE_BY_LABEL.update({value: value for value in Stage.values})


@dataclass
class ImportRow:
    position: str
    source_id: str
    changes: dict[str, Any]


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def valid(self) -> int:
        return self.total - len(self.errors)


def _lower_keys(values: dict[str, Any]) -> dict[str, Any]:
    return {str(key).strip().lower(): value for key, value in values.items()}


def _csv_unescape(value):
    """Undo the export's protection against spreadsheet formulas ("'=..." -> "=...")."""
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


def _first(values: dict[str, Any], names: Iterable[str]):
    for name in names:
        if name in values:
            return True, values[name]
    return False, None


def map_row(raw: RawRow, *, file_format: str) -> ImportRow:
    """Raw values -> a change set for the services, with GoGoCarto's names understood."""
    if "__error__" in raw.values:
        raise ValidationError(raw.values["__error__"])
    values = _lower_keys(raw.values)
    if file_format == "json":
        # GoGoCarto: "description" is the short text, "descriptionMore" the long one; our own
        # export adds "summary" and "descriptionMarkdown" so a round trip loses nothing.
        short = values.pop("description", None)
        long_text = values.pop("descriptionmarkdown", values.pop("descriptionmore", None))
        values.pop("descriptionmore", None)
        if "summary" not in values and short is not None:
            values["summary"] = short
        if long_text is not None:
            values["description"] = long_text
        if "tags" not in values and "categories" in values:
            values["tags"] = values["categories"]
    if file_format == "csv":
        values = {key: _csv_unescape(value) for key, value in values.items()}
    changes: dict[str, Any] = {}
    for target, names in ALIASES.items():
        present, value = _first(values, names)
        if present:
            changes[target] = (
                "" if value is None and target not in ("latitude", "longitude") else value
            )
    if isinstance(changes.get("stage"), str):
        stage = changes["stage"].strip().lower()
        if stage and stage not in STAGE_BY_LABEL:
            raise ValidationError(
                {"stage": [_("Étape inconnue « %(value)s ».") % {"value": changes["stage"]}]}
            )
        changes["stage"] = STAGE_BY_LABEL.get(stage, "")
    if not str(changes.get("summary") or "").strip():
        # A summary is required: derive one from the description, else from the name.
        text = " ".join(str(changes.get("description") or "").split())
        changes["summary"] = text.split(". ")[0][:300] if text else str(changes.get("name") or "")
    _present, source_id = _first(values, SOURCE_ID_COLUMNS)
    source_id = " ".join(str(source_id or "").split())[:200]
    return ImportRow(position=raw.position, source_id=source_id, changes=clean_changes(changes))


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        parts = []
        for name, messages in error.message_dict.items():
            label = field_label(name) if name in ALIASES else name
            parts.append(f"{label} : {' '.join(messages)}")
        return " ; ".join(parts)
    return " ".join(error.messages)


def _existing(row: ImportRow) -> Commons | None:
    if row.source_id:
        found = Commons.objects.filter(import_source_id=row.source_id).first()
        if found is not None:
            return found
    website = normalise_website(row.changes.get("website", ""))
    if website:
        for commons in Commons.objects.exclude(website="").only("pk", "website"):
            if normalise_website(commons.website) == website:
                return Commons.objects.get(pk=commons.pk)
    return None


def _write(row: ImportRow, *, user, label: str, publish: bool) -> str:
    """Create or update one record in its own transaction; returns created/updated/unchanged."""
    with transaction.atomic():
        commons = _existing(row)
        if commons is None:
            commons = Commons(
                slug=unique_slug(row.changes["name"]),
                import_source_id=row.source_id,
                declared_by=user,
                status=Status.PUBLISHED if publish else Status.PENDING,
                published_at=timezone.now() if publish else None,
            )
            apply_changes(commons, row.changes)
            if user is not None:
                CommonsOwner.objects.create(commons=commons, user=user, added_by=user)
            outcome = "created"
        else:
            changes = changed_only(commons, row.changes)
            if row.source_id and not commons.import_source_id:
                commons.import_source_id = row.source_id
                commons.save(update_fields=["import_source_id"])
            if not changes:
                return "unchanged"
            apply_changes(commons, changes)
            outcome = "updated"
        save_version(commons, user=user, comment=_("Import depuis %(file)s") % {"file": label})
        log(instance=commons, action="commons.import", user=user, data={"file": label})
        schedule_index(commons)
    return outcome


def import_commons(
    *,
    content: bytes,
    file_format: str,
    label: str,
    user=None,
    dry_run: bool = False,
    publish: bool = True,
    encoding: str = "utf-8",
    max_rows: int = DEFAULT_MAX_ROWS,
    progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
) -> ImportReport:
    """Validate every row, then import the valid ones (unless ``dry_run``).

    Raises ImportFileError when the file as a whole is unusable (encoding, syntax, missing
    name column, too many rows); row problems are collected in the report instead.
    """
    raw_rows = list(read_rows(content, file_format=file_format, encoding=encoding))
    report = ImportReport(total=len(raw_rows), dry_run=dry_run)
    if report.total > max_rows:
        raise ImportFileError(
            _(
                "Le fichier contient %(count)s lignes, au-delà de la limite de %(limit)s : "
                "découpez-le, ou relancez avec --max-rows %(count)s."
            )
            % {"count": report.total, "limit": max_rows}
        )
    valid: list[ImportRow] = []
    seen_ids: dict[str, str] = {}
    for raw in raw_rows:
        try:
            row = map_row(raw, file_format=file_format)
        except ValidationError as error:
            report.errors.append((raw.position, _messages(error)))
            continue
        if row.source_id and row.source_id in seen_ids:
            report.errors.append(
                (
                    raw.position,
                    _("identifiant « %(id)s » déjà utilisé à la %(position)s")
                    % {"id": row.source_id, "position": seen_ids[row.source_id]},
                )
            )
            continue
        if row.source_id:
            seen_ids[row.source_id] = raw.position
        valid.append(row)
    if dry_run:
        return report
    with batched_indexing():
        for row in progress(valid, len(valid)):
            try:
                outcome = _write(row, user=user, label=label, publish=publish)
            except (ValidationError, DatabaseError) as error:
                message = _messages(error) if isinstance(error, ValidationError) else str(error)
                report.errors.append((row.position, message))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report
