"""Open data exports of published commons: CSV, JSON (GoGoCarto elements) and GeoJSON.

The data are published under the Open Database License (ODbL 1.0): JSON and GeoJSON state it
in a top-level "licence" key; the CSV carries it in an HTTP ``Link: <…>; rel="license"`` header
(a comment row would break spreadsheet imports). Private contact details are only exported
when the owners made them public.

JSON and GeoJSON are lossless: each element (or feature's properties) carries the whole public
record (``public_record``: grid assessment, related articles, portals, public contact, images,
dates, the stable ``id``), so ``commons_import`` of an export changes nothing. The CSV is flat
(one value per column) and escapes spreadsheet formulas, reversibly (see ``csv_escape``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from .markdown import plain_text
from .models import Commons, Stage

LICENCE_NAME = "ODbL-1.0"
LICENCE_TITLE = "Open Database License (ODbL) 1.0"
LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
CSV_COLUMNS = [
    "id",
    "name",
    "summary",
    "description",
    "website",
    "street_address",
    "postal_code",
    "commune",
    "latitude",
    "longitude",
    "tags",
    "needs",
    "stage",
    "licence",
    "start_date",
    "shared_resources",
    "community",
    "how_to_join",
    "contact_name",
    "contact_email",
    "contact_phone",
    "url",
    "updated_at",
]


def licence_statement(base_url: str = "") -> dict:
    territory = getattr(settings, "KER_TERRITORY_NAME", "")
    return {
        "name": LICENCE_NAME,
        "title": LICENCE_TITLE,
        "url": LICENCE_URL,
        "attribution": f"Ker — communs de {territory}".strip(),
        "source": base_url,
    }


def exported_queryset(queryset) -> Iterable[Commons]:
    return queryset.prefetch_related("needs").order_by("name", "pk")


def record_row(commons: Commons, *, base_url: str) -> dict:
    """One record as flat values (the CSV row, and the GeoJSON properties)."""
    public_contact = commons.contact_public
    return {
        "id": commons.slug,
        "name": commons.name,
        "summary": commons.summary,
        "description": commons.description,
        "website": commons.website,
        "street_address": commons.street_address,
        "postal_code": commons.postal_code,
        "commune": commons.commune,
        "latitude": commons.latitude,
        "longitude": commons.longitude,
        "tags": ", ".join(commons.tag_names()),
        "needs": ", ".join(need.name for need in commons.needs.all()),
        "stage": commons.stage,
        "licence": commons.licence,
        "start_date": commons.start_date.isoformat() if commons.start_date else "",
        "shared_resources": commons.shared_resources,
        "community": commons.community,
        "how_to_join": commons.how_to_join,
        "contact_name": commons.contact_name if public_contact else "",
        "contact_email": commons.contact_email if public_contact else "",
        "contact_phone": commons.contact_phone if public_contact else "",
        "url": f"{base_url}{commons.get_absolute_url()}",
        "updated_at": commons.updated_at.isoformat(),
    }


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _absolute(base_url: str, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{base_url}{url}"


def image_record(link, *, base_url: str) -> dict:
    """One image of a commons: where to get it, who made it, under which licence."""
    image = link.image
    return {
        "url": _absolute(base_url, image.file.url),
        "title": image.title,
        "caption": link.caption,
        "author": image.author,
        "licence": image.licence,
        "source": image.source,
    }


def assessment_record(commons: Commons) -> dict | None:
    """The latest self-assessment: grid version, and per criterion its level and answer."""
    assessment = (
        commons.assessments.filter(is_latest=True)
        .select_related("grid")
        .prefetch_related("answers__level", "answers__criterion")
        .first()
    )
    if assessment is None:
        return None
    answers = sorted(assessment.answers.all(), key=lambda a: (a.criterion.sort_order, a.pk))
    return {
        "grid": {
            "slug": assessment.grid.slug,
            "version": assessment.grid.version,
            "title": assessment.grid.title,
        },
        "updated_at": _iso(assessment.updated_at),
        "answers": [
            {
                "criterion": answer.criterion.key,
                "criterion_label": answer.criterion.label,
                "level": answer.level.key if answer.level else None,
                "level_label": answer.level.label if answer.level else None,
                "level_value": answer.level.value if answer.level else None,
                "text": answer.text,
            }
            for answer in answers
        ],
    }


def public_record(commons: Commons, *, base_url: str) -> dict:
    """Every public field of a published commons, nested (JSON export, GeoJSON, read API).

    ``id`` is the slug, which never changes once the record exists: importers match on it.
    """
    from community.registry import themes_for_tags

    contact = None
    if commons.contact_public:
        contact = {
            "name": commons.contact_name,
            "email": commons.contact_email,
            "phone": commons.contact_phone,
        }
    url = f"{base_url}{commons.get_absolute_url()}"
    return {
        "id": commons.slug,
        "url": url,
        "name": commons.name,
        "summary": commons.summary,
        "description": commons.description,
        "website": commons.website,
        "address": {
            "street_address": commons.street_address,
            "postal_code": commons.postal_code,
            "commune": commons.commune,
        },
        "latitude": commons.latitude,
        "longitude": commons.longitude,
        "tags": commons.tag_names(),
        "needs": [need.name for need in commons.needs.all()],
        "stage": commons.stage,
        "stage_label": str(dict(Stage.choices).get(commons.stage, "")),
        "licence": commons.licence,
        "start_date": _iso(commons.start_date),
        "shared_resources": commons.shared_resources,
        "community": commons.community,
        "how_to_join": commons.how_to_join,
        "contact": contact,
        "related_articles": [
            {"title": title, "url": f"{base_url}/wiki/{slugify(title)}/"}
            for title in commons.related_article_titles()
        ],
        "portals": themes_for_tags(commons.tag_names()),
        "images": [
            image_record(link, base_url=base_url)
            for link in commons.images.approved().select_related("image")
        ],
        "assessment": assessment_record(commons),
        "created_at": _iso(commons.created_at),
        "published_at": _iso(commons.published_at),
        "updated_at": _iso(commons.updated_at),
    }


# A cell starting with one of these is prefixed with an apostrophe (CSV/formula injection):
# spreadsheets would run "=…", "+…", "-…", "@…"; the apostrophe itself is in the list so that a
# value really starting with "'" survives the round trip. ``csv_unescape`` removes exactly one.
CSV_ESCAPED_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_escape(value) -> str:
    """Prefix "'" to cells a spreadsheet would run as a formula (numbers and "- " lists pass)."""
    text = "" if value is None else str(value)
    if _is_number(text) or text[:2] in ("- ", "+ "):  # numbers and Markdown list items
        return text
    if text[:1] in CSV_ESCAPED_STARTS:
        return "'" + text
    return text


def csv_unescape(text: str) -> str:
    """Exactly undo ``csv_escape``: csv_unescape(csv_escape(x)) == x for every text."""
    if text[:1] == "'" and text[1:2] in CSV_ESCAPED_STARTS and text[1:2] != "":
        return text[1:]
    return text


_csv_safe = csv_escape


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_csv(queryset, *, base_url: str) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for commons in exported_queryset(queryset):
        row = record_row(commons, base_url=base_url)
        writer.writerow({key: _csv_safe(row[key]) for key in CSV_COLUMNS})
    return buffer.getvalue()


def gogocarto_element(commons: Commons, *, base_url: str) -> dict:
    """GoGoCarto's element fields (flat and nested ``geo``/``address``), plus the whole public
    record under ``ker`` for a lossless re-import."""
    needs = [need.name for need in commons.needs.all()]
    tags = commons.tag_names()
    element = {
        "id": commons.slug,
        "name": commons.name,
        "streetAddress": commons.street_address,
        "addressLocality": commons.commune,
        "postalCode": commons.postal_code,
        "latitude": commons.latitude,
        "longitude": commons.longitude,
        "categories": list(dict.fromkeys(needs + tags)),
        "description": commons.summary,
        "descriptionMore": plain_text(commons.description),
        "summary": commons.summary,
        "descriptionMarkdown": commons.description,
        "website": commons.website,
        "source": f"{base_url}{commons.get_absolute_url()}",
        "tags": tags,
        "needs": needs,
        "stage": commons.stage,
        "stageLabel": str(dict(Stage.choices).get(commons.stage, "")),
        "licence": commons.licence,
        "startDate": commons.start_date.isoformat() if commons.start_date else None,
        "updatedAt": commons.updated_at.isoformat(),
    }
    element["geo"] = (
        {"latitude": commons.latitude, "longitude": commons.longitude}
        if commons.has_location
        else None
    )
    element["address"] = {
        "streetAddress": commons.street_address,
        "postalCode": commons.postal_code,
        "addressLocality": commons.commune,
    }
    if commons.contact_public:
        element["email"] = commons.contact_email
        element["telephone"] = commons.contact_phone
    element["ker"] = public_record(commons, base_url=base_url)
    element["images"] = [image["url"] for image in element["ker"]["images"]]
    return element


def to_json(queryset, *, base_url: str) -> dict:
    return {
        "licence": licence_statement(base_url),
        "generated_at": timezone.now().isoformat(),
        "data": [gogocarto_element(c, base_url=base_url) for c in exported_queryset(queryset)],
    }


def to_geojson(queryset, *, base_url: str, located_only: bool = False) -> dict:
    features = []
    for commons in exported_queryset(queryset):
        if located_only and not commons.has_location:
            continue
        geometry = None
        if commons.has_location:
            geometry = {"type": "Point", "coordinates": [commons.longitude, commons.latitude]}
        properties = public_record(commons, base_url=base_url)
        properties.pop("latitude")
        properties.pop("longitude")
        # Flat conveniences for map popups and simple tools (same values as in "address").
        properties["commune"] = commons.commune
        features.append(
            {"type": "Feature", "id": commons.slug, "geometry": geometry, "properties": properties}
        )
    return {
        "type": "FeatureCollection",
        "licence": licence_statement(base_url),
        "features": features,
    }


# Frictionless Table Schema types of the CSV columns (anything not listed is a string).
CSV_TYPES = {
    "latitude": ("number", {"minimum": -90, "maximum": 90}),
    "longitude": ("number", {"minimum": -180, "maximum": 180}),
    "start_date": ("date", {}),
    "updated_at": ("datetime", {}),
}
CSV_DESCRIPTIONS = {
    "id": "Identifiant stable de la fiche (ne change jamais).",
    "name": "Nom du commun.",
    "tags": "Étiquettes, séparées par des virgules.",
    "needs": "Usages, séparés par des virgules.",
    "stage": "Étape : idea, starting, active, paused, ended (vide si non renseignée).",
    "contact_email": "Vide si les porteurs n'ont pas rendu le contact public.",
    "url": "Adresse de la fiche sur le site.",
}


def datapackage(*, base_url: str, csv_url: str) -> dict:
    """A Frictionless Data Package describing the CSV export (Table Schema, licence, escape)."""
    fields = []
    for name in CSV_COLUMNS:
        field_type, constraints = CSV_TYPES.get(name, ("string", {}))
        field = {"name": name, "type": field_type}
        if name == "name":
            constraints = {"required": True}
        if name == "id":
            constraints = {"required": True, "unique": True}
        if constraints:
            field["constraints"] = constraints
        if name in CSV_DESCRIPTIONS:
            field["description"] = CSV_DESCRIPTIONS[name]
        fields.append(field)
    territory = getattr(settings, "KER_TERRITORY_NAME", "")
    return {
        "profile": "tabular-data-package",
        "name": "ker-communs",
        "title": f"Communs de {territory}".strip(),
        "homepage": f"{base_url}/communs/",
        "licenses": [{"name": LICENCE_NAME, "title": LICENCE_TITLE, "path": LICENCE_URL}],
        "created": timezone.now().isoformat(),
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "communs",
                "path": csv_url,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True},
                "description": (
                    "Une ligne par commun publié. Les cellules qui commencent par = + - @, "
                    "une tabulation, un retour chariot ou une apostrophe (hors nombres et "
                    "listes « - ») sont précédées d'une apostrophe, pour qu'un tableur ne les "
                    "exécute pas : retirez exactement une apostrophe initiale devant ces "
                    "caractères pour retrouver la valeur."
                ),
                "schema": {"fields": fields, "primaryKey": "id", "missingValues": [""]},
            }
        ],
    }
