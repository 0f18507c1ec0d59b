"""Importing commons from CSV, JSON (GoGoCarto elements or our export) and GeoJSON.

Every row is validated first and reported with its position; valid rows are then written one
transaction each (a row is imported whole or not at all). Re-importing a file updates the same
records: imports are idempotent. A row is matched, in this order, with
1. the local record its ``url`` points to, when that URL is this site's own (our own export);
2. the record imported earlier from the same source URL or source id;
3. the record with the same website.
A full Ker record (``ker`` in JSON elements, the properties of our GeoJSON) also brings the grid
assessment (when this site has that grid version), related articles, public contact and dates.
Images are not downloaded: a record keeps the images it has. Empty contact values never erase a
contact (an export leaves private contacts empty).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
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

__all__ = [
    "DEFAULT_MAX_ROWS",
    "FORMATS",
    "ImportFileError",
    "ImportReport",
    "import_commons",
    "import_records",
]

DEFAULT_MAX_ROWS = 5000
# Column aliases: the first one present wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "nom", "title", "titre"),
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
    "contact_name": ("contact_name", "contact"),
    "contact_email": ("contact_email", "email", "courriel"),
    "contact_phone": ("contact_phone", "telephone", "téléphone", "phone"),
    "related_articles_text": ("related_articles",),
}
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
SOURCE_ID_COLUMNS = ("source_id", "sourceid", "id")
SOURCE_URL_COLUMNS = ("url", "source")
RECORD_DATES = ("created_at", "published_at", "updated_at")
STAGE_BY_LABEL = {str(label).lower(): value for value, label in Stage.choices}
STAGE_BY_LABEL.update({value: value for value in Stage.values})


@dataclass
class ImportRow:
    position: str
    source_id: str
    changes: dict[str, Any]
    source_url: str = ""
    assessment: dict | None = None
    dates: dict[str, datetime.datetime] = field(default_factory=dict)

    @property
    def import_key(self) -> str:
        """What identifies the record in its source: its URL when known (unique across sites)."""
        return self.source_url or self.source_id


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    dry_run: bool = False
    keys: set[str] = field(default_factory=set)
    duplicates: list[str] = field(default_factory=list)

    @property
    def valid(self) -> int:
        return self.total - len(self.errors)


def _lower_keys(values: dict[str, Any]) -> dict[str, Any]:
    return {str(key).strip().lower(): value for key, value in values.items()}


def _csv_unescape(value):
    """Undo the export's protection against spreadsheet formulas exactly ("'=..." -> "=...")."""
    from ..exports import csv_unescape

    return csv_unescape(value) if isinstance(value, str) else value


def _moment(value) -> datetime.datetime | None:
    from django.utils.dateparse import parse_datetime

    try:
        return parse_datetime(str(value)) if value else None
    except ValueError:
        return None


def record_values(record: dict) -> dict[str, Any]:
    """A full Ker record (``exports.public_record``) -> raw values under our column names."""
    values = {
        name: record[name]
        for name in (
            "name", "summary", "description", "website", "latitude", "longitude", "tags",
            "needs", "stage", "licence", "start_date", "shared_resources", "community",
            "how_to_join",
        )
        if name in record
    }  # fmt: skip
    address = record.get("address")
    if isinstance(address, dict):
        for name in ("street_address", "postal_code", "commune"):
            if name in address:
                values[name] = address[name]
    contact = record.get("contact")
    if isinstance(contact, dict):
        values["contact_name"] = contact.get("name") or ""
        values["contact_email"] = contact.get("email") or ""
        values["contact_phone"] = contact.get("phone") or ""
    articles = record.get("related_articles")
    if isinstance(articles, list):
        values["related_articles"] = "\n".join(
            str(item.get("title") or "") for item in articles if isinstance(item, dict)
        )
    return values


def _full_record(values: dict[str, Any], file_format: str) -> dict | None:
    if file_format == "json" and isinstance(values.get("ker"), dict):
        return values["ker"]
    if file_format == "geojson" and isinstance(values.get("address"), dict) and "id" in values:
        return values
    return None


def _first(values: dict[str, Any], names: Iterable[str]):
    for name in names:
        if name in values:
            return True, values[name]
    return False, None


def map_row(raw: RawRow, *, file_format: str) -> ImportRow:
    """Raw values -> a change set for the services, with GoGoCarto's names understood."""
    if "__error__" in raw.values:
        raise ValidationError(raw.values["__error__"])
    record = _full_record(raw.values, file_format)
    if record is not None:
        values = _lower_keys(record_values(record))
        if file_format == "geojson":  # coordinates come from the geometry
            values["latitude"] = raw.values.get("latitude")
            values["longitude"] = raw.values.get("longitude")
        values["id"], values["url"] = record.get("id"), record.get("url")
        file_format = "ker"
    else:
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
    for name in CONTACT_FIELDS:
        if name in changes and not str(changes[name] or "").strip():
            del changes[name]  # an empty contact cell never erases a contact
    if any(name in changes for name in CONTACT_FIELDS):
        changes["contact_public"] = True  # a contact published in a source is public
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
    _present, source_url = _first(values, SOURCE_URL_COLUMNS)
    source_url = str(source_url or "").strip()
    if not re.match(r"^https?://", source_url) or len(source_url) > 200:
        source_url = ""
    row = ImportRow(
        position=raw.position,
        source_id=source_id,
        changes=clean_changes(changes),
        source_url=source_url,
    )
    if record is not None:
        assessment = record.get("assessment")
        row.assessment = assessment if isinstance(assessment, dict) else None
        row.dates = {name: _moment(record.get(name)) for name in RECORD_DATES}
        row.dates = {name: moment for name, moment in row.dates.items() if moment}
    return row


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        parts = []
        for name, messages in error.message_dict.items():
            label = field_label(name) if name in ALIASES else name
            parts.append(f"{label} : {' '.join(messages)}")
        return " ; ".join(parts)
    return " ".join(error.messages)


def _own_hosts() -> set[str]:
    hosts = {host.lstrip(".").lower() for host in settings.ALLOWED_HOSTS if host != "*"}
    base = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname
    if base:
        hosts.add(base.lower())
    return hosts


def own_record(url: str) -> Commons | None:
    """The local record behind one of this site's own record URLs (``…/communs/<slug>/``)."""
    parts = urlsplit(url)
    match = re.fullmatch(r"/communs/([-\w]+)/", parts.path or "")
    if not match or (parts.hostname or "").lower() not in _own_hosts():
        return None
    return Commons.objects.filter(slug=match.group(1)).first()


def _existing(row: ImportRow, harvest_source=None) -> tuple[Commons | None, bool]:
    """(the record this row describes, whether it is one of ours rather than an import).

    When harvesting, only that source's own copies match: local records are never merged.
    """
    if harvest_source is not None:
        keys = [key for key in (row.source_url, row.source_id) if key]
        found = Commons.objects.filter(
            import_source_id__in=keys, harvested__source=harvest_source
        ).first()
        return found, False
    if row.source_url:
        found = own_record(row.source_url)
        if found is not None:
            return found, True
    keys = [key for key in (row.source_url, row.source_id) if key]
    if keys:
        found = Commons.objects.filter(import_source_id__in=keys).first()
        if found is not None:
            return found, False
    website = normalise_website(row.changes.get("website", ""))
    if website:
        for commons in Commons.objects.exclude(website="").only("pk", "website"):
            if normalise_website(commons.website) == website:
                return Commons.objects.get(pk=commons.pk), False
    return None, False


def _assessment_changed(commons: Commons, wanted: dict | None) -> bool:
    """Write a record's grid answers when this site has that grid version; True if changed."""
    from ..models import Answer, Assessment, Grid

    if not wanted or not isinstance(wanted.get("grid"), dict):
        return False
    grid_info = wanted["grid"]
    grid = (
        Grid.objects.published()
        .filter(slug=grid_info.get("slug"), version=grid_info.get("version"))
        .first()
    )
    if grid is None:
        return False
    criteria = {criterion.key: criterion for criterion in grid.criteria.all()}
    levels = {level.key: level for level in grid.levels.all()}
    answers = {}
    for item in wanted.get("answers") or []:
        if isinstance(item, dict) and item.get("criterion") in criteria:
            level = levels.get(item.get("level") or "")
            answers[item["criterion"]] = (level, str(item.get("text") or "")[:10_000])
    assessment = Assessment.objects.filter(commons=commons, grid=grid).first()
    present = {}
    if assessment is not None:
        for answer in assessment.answers.select_related("criterion"):
            present[answer.criterion.key] = (answer.level_id, answer.text)
    wanted_plain = {
        key: (level.pk if level else None, text) for key, (level, text) in answers.items()
    }
    if assessment is not None and assessment.is_latest and present == wanted_plain:
        return False
    if assessment is None:
        assessment = Assessment.objects.create(commons=commons, grid=grid)
    commons.assessments.exclude(pk=assessment.pk).update(is_latest=False)
    assessment.is_latest = True
    assessment.save()
    assessment.answers.exclude(criterion__key__in=list(answers)).delete()
    for key, (level, text) in answers.items():
        Answer.objects.update_or_create(
            assessment=assessment, criterion=criteria[key], defaults={"level": level, "text": text}
        )
    return True


def _flag_local_duplicates(row: ImportRow, report: ImportReport) -> None:
    """A harvested record that looks like a local one is reported, never merged."""
    from ..selectors import possible_duplicates

    found = possible_duplicates(
        name=row.changes.get("name", ""),
        website=row.changes.get("website", ""),
        latitude=row.changes.get("latitude"),
        longitude=row.changes.get("longitude"),
    )
    for duplicate in found:
        if not hasattr(duplicate.commons, "harvested"):
            report.duplicates.append(f"{row.changes.get('name')} ≈ {duplicate.commons.name}")


def _same_articles(commons: Commons, changes: dict[str, Any]) -> bool:
    wanted = [line.strip() for line in changes["related_articles_text"].splitlines()]
    return [title for title in wanted if title] == commons.related_article_titles()


def _refuse_taken_key(row: ImportRow) -> None:
    """A record another source (or a file import) already brought here is not copied twice."""
    taken = (
        Commons.objects.filter(import_source_id=row.import_key[:200])
        .select_related("harvested__source")
        .first()
    )
    if taken is None:
        return
    harvested = getattr(taken, "harvested", None)
    if harvested is not None:
        raise ValidationError(
            _("déjà moissonnée depuis la source « %(source)s »") % {"source": harvested.source.name}
        )
    raise ValidationError(_("déjà importée ici : %(name)s") % {"name": taken.name})


def _back_at_source(commons: Commons) -> bool:
    """A copy withdrawn because it had left its source is published again (not one that a
    facilitator unpublished here)."""
    from ..models import HarvestedRecord

    if not HarvestedRecord.objects.filter(commons=commons, withdrawn=True).update(withdrawn=False):
        return False
    commons.status = Status.PUBLISHED
    commons.save(update_fields=["status", "updated_at"])
    log(instance=commons, action="commons.publish", data={"reason": ""})
    return True


def _write(row: ImportRow, *, user, label: str, publish: bool, harvest_source=None) -> str:
    """Create or update one record in its own transaction; returns created/updated/unchanged."""
    with transaction.atomic():
        commons, own = _existing(row, harvest_source)
        if commons is None and harvest_source is not None:
            _refuse_taken_key(row)
        if commons is None:
            commons = Commons(
                slug=unique_slug(row.changes["name"]),
                import_source_id=row.import_key[:200],
                declared_by=user,
                status=Status.PUBLISHED if publish else Status.PENDING,
                published_at=(row.dates.get("published_at") or timezone.now()) if publish else None,
            )
            apply_changes(commons, row.changes)
            if user is not None:
                CommonsOwner.objects.create(commons=commons, user=user, added_by=user)
            if harvest_source is not None:
                from ..models import HarvestedRecord

                HarvestedRecord.objects.create(
                    commons=commons, source=harvest_source, original_url=row.source_url
                )
            _assessment_changed(commons, row.assessment)
            outcome = "created"
        else:
            changes = changed_only(commons, row.changes)
            if "related_articles_text" in changes and _same_articles(commons, changes):
                del changes["related_articles_text"]
            if row.import_key and not own and not commons.import_source_id:
                commons.import_source_id = row.import_key[:200]
                commons.save(update_fields=["import_source_id"])
            assessed = _assessment_changed(commons, row.assessment)
            back = harvest_source is not None and _back_at_source(commons)
            if not changes and not assessed and not back:
                return "unchanged"
            if changes:
                apply_changes(commons, changes)
            outcome = "updated"
        save_version(commons, user=user, comment=_("Import depuis %(file)s") % {"file": label})
        if outcome == "created" and row.dates:
            # The source's dates: when the record was declared and last changed there.
            dates = {
                name: row.dates[name] for name in ("created_at", "updated_at") if name in row.dates
            }
            Commons.objects.filter(pk=commons.pk).update(**dates)
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
    harvest_source=None,
) -> ImportReport:
    """Validate every row, then import the valid ones (unless ``dry_run``).

    Raises ImportFileError when the file as a whole is unusable (encoding, syntax, missing
    name column, too many rows); row problems are collected in the report instead.
    """
    raw_rows = list(read_rows(content, file_format=file_format, encoding=encoding))
    return _import_rows(
        raw_rows,
        file_format=file_format,
        label=label,
        user=user,
        dry_run=dry_run,
        publish=publish,
        max_rows=max_rows,
        progress=progress,
        harvest_source=harvest_source,
    )


def import_records(
    *, records: list[dict], label: str, harvest_source=None, user=None, publish: bool = True
) -> ImportReport:
    """Import full Ker records (the read API's commons detail, ``exports.public_record``),
    exactly as the ``ker`` element of a JSON export would be imported."""
    raw_rows = [
        RawRow(_("fiche « %(id)s »") % {"id": record.get("id") or index}, {"ker": record})
        for index, record in enumerate(records, start=1)
    ]
    return _import_rows(
        raw_rows,
        file_format="json",
        label=label,
        user=user,
        publish=publish,
        harvest_source=harvest_source,
    )


def _import_rows(
    raw_rows: list[RawRow],
    *,
    file_format: str,
    label: str,
    user=None,
    dry_run: bool = False,
    publish: bool = True,
    max_rows: int = DEFAULT_MAX_ROWS,
    progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
    harvest_source=None,
) -> ImportReport:
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
        if row.import_key:
            report.keys.add(row.import_key[:200])
        valid.append(row)
    if dry_run:
        return report
    with batched_indexing():
        for row in progress(valid, len(valid)):
            if harvest_source is not None:
                _flag_local_duplicates(row, report)
            try:
                outcome = _write(
                    row, user=user, label=label, publish=publish, harvest_source=harvest_source
                )
            except (ValidationError, DatabaseError) as error:
                message = _messages(error) if isinstance(error, ValidationError) else str(error)
                report.errors.append((row.position, message))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
    return report
