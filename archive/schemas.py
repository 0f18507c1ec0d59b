"""JSON Schemas (draft 2020-12) describing every JSON file of the archive.

A table's schema is derived from its model, so it always matches what the dump writes: one
object per line, ``{"model": ..., "pk": ..., "fields": {...}}``.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from .tables import Table, natural_key_models

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_STRING_TYPES = (
    models.CharField,
    models.TextField,
    models.FileField,
    models.GenericIPAddressField,
    models.DurationField,
    models.BinaryField,
)


def _nullable(schema: dict[str, Any], null: bool) -> dict[str, Any]:
    if not null:
        return schema
    if "enum" in schema:
        schema = {**schema, "enum": [*schema["enum"], None]}
    if "type" in schema:
        kind = schema["type"]
        schema = {**schema, "type": [*kind, "null"] if isinstance(kind, list) else [kind, "null"]}
    return schema


def field_schema(field: models.Field) -> dict[str, Any]:
    """The JSON Schema of one serialized field value."""
    schema: dict[str, Any]
    if field.is_relation:
        related = field.remote_field.model
        if related in natural_key_models():
            schema = {
                "type": "array",
                "items": {"type": "string"},
                "description": f"clé naturelle de {related._meta.label_lower}",
            }
        else:
            schema = field_schema(related._meta.pk)
            schema["description"] = f"identifiant d'une ligne de {related._meta.label_lower}"
        return _nullable(schema, field.null)
    if isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, models.IntegerField):
        schema = {"type": "integer"}
    elif isinstance(field, models.FloatField):
        schema = {"type": "number"}
    elif isinstance(field, models.DecimalField):
        schema = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.TimeField):
        schema = {"type": "string", "format": "time"}
    elif isinstance(field, models.UUIDField):
        schema = {"type": "string", "format": "uuid"}
    elif isinstance(field, models.JSONField):
        schema = {}
    elif isinstance(field, _STRING_TYPES):
        schema = {"type": "string"}
        if getattr(field, "max_length", None) and not isinstance(field, models.FileField):
            schema["maxLength"] = field.max_length
    else:
        schema = {}
    if field.choices and schema.get("type") in ("string", "integer"):
        schema["enum"] = [value for value, _label in field.flatchoices]
        if field.blank and schema["type"] == "string" and "" not in schema["enum"]:
            schema["enum"].append("")
    if field.verbose_name:
        schema["description"] = str(field.verbose_name)
    return _nullable(schema, field.null)


def table_schema(table: Table) -> dict[str, Any]:
    meta = table.model._meta
    properties = {}
    for field in meta.local_fields:
        if field.serialize:
            properties[field.name] = field_schema(field)
    return {
        "$schema": DRAFT,
        "$id": table.schema_path,
        "title": f"{table.label} ({meta.verbose_name})",
        "description": (
            f"Une ligne de la table {meta.db_table} par ligne du fichier {table.data_path}."
        ),
        "type": "object",
        "required": ["model", "fields"] if table.is_reference else ["model", "pk", "fields"],
        "additionalProperties": False,
        "properties": {
            "model": {"const": table.label},
            **({} if table.is_reference else {"pk": field_schema(meta.pk)}),
            "fields": {
                "type": "object",
                "properties": properties,
                "required": sorted(properties),
                "additionalProperties": False,
            },
        },
    }


MANIFEST_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": "schemas/manifest.schema.json",
    "title": "manifest.json",
    "description": "Ce que contient l'archive, avec l'empreinte SHA-256 de chaque fichier.",
    "type": "object",
    "required": ["format", "format_version", "created_at", "site", "options", "files", "tables"],
    "properties": {
        "format": {"const": "ker-site-archive"},
        "format_version": {"type": "integer", "minimum": 1},
        "created_at": {"type": "string", "format": "date-time"},
        "site": {"type": "object"},
        "software": {"type": "object", "additionalProperties": {"type": "string"}},
        "migrations": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "options": {
            "type": "object",
            "properties": {
                "with_passwords": {"type": "boolean"},
                "with_emails": {"type": "boolean"},
            },
        },
        "references": {"$ref": "#/properties/tables"},
        "tables": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["model", "file", "schema", "rows"],
                "properties": {
                    "model": {"type": "string"},
                    "file": {"type": "string"},
                    "schema": {"type": "string"},
                    "rows": {"type": "integer", "minimum": 0},
                },
            },
        },
        "files": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["sha256", "bytes"],
                "properties": {
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "bytes": {"type": "integer", "minimum": 0},
                },
            },
        },
    },
}

REVISION_FRONT_MATTER_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": "schemas/article-revision.front-matter.schema.json",
    "title": "En-tête d'une version d'article (articles/<slug>/versions/<id>.md)",
    "description": "L'en-tête YAML entre deux lignes --- avant le texte Markdown de la version.",
    "type": "object",
    "required": [
        "revision",
        "article",
        "title",
        "date",
        "author",
        "status",
        "hidden",
        "minor",
        "edit_summary",
    ],
    "properties": {
        "revision": {"type": "integer"},
        "article": {"type": "integer"},
        "url": {"type": "string"},
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "place": {"type": "string"},
        "latitude": {"type": ["number", "null"]},
        "longitude": {"type": ["number", "null"]},
        "date": {"type": "string", "format": "date-time"},
        "author": {"type": "string"},
        "edit_summary": {"type": "string"},
        "minor": {"type": "boolean"},
        "status": {"enum": ["approved", "pending", "rejected"]},
        "hidden": {"type": "boolean"},
        "live": {"type": "boolean"},
        "origin": {"type": "string"},
    },
}

TALK_FRONT_MATTER_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": "schemas/talk-message.front-matter.schema.json",
    "title": "En-tête d'un message de discussion (articles/<slug>/discussion.md)",
    "type": "object",
    "required": ["message", "author", "date", "status", "hidden"],
    "properties": {
        "message": {"type": "integer"},
        "reply_to": {"type": ["integer", "null"]},
        "author": {"type": "string"},
        "date": {"type": "string", "format": "date-time"},
        "status": {"enum": ["approved", "pending", "rejected"]},
        "hidden": {"type": "boolean"},
    },
}

COMMONS_FRONT_MATTER_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": "schemas/commons-record.front-matter.schema.json",
    "title": "En-tête d'une fiche de commun (communs/<slug>.md)",
    "type": "object",
    "required": ["commons", "name", "url", "summary", "status", "tags", "created_at"],
    "properties": {
        "commons": {"type": "integer"},
        "name": {"type": "string"},
        "url": {"type": "string"},
        "summary": {"type": "string"},
        "status": {"enum": ["pending", "published", "rejected", "unpublished"]},
        "stage": {"type": "string"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "needs": {"type": "array", "items": {"type": "string"}},
        "website": {"type": "string"},
        "licence": {"type": "string"},
        "street_address": {"type": "string"},
        "postal_code": {"type": "string"},
        "commune": {"type": "string"},
        "latitude": {"type": ["number", "null"]},
        "longitude": {"type": ["number", "null"]},
        "start_date": {"type": "string"},
        "related_articles": {"type": "array", "items": {"type": "string"}},
        "created_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string"},
        "published_at": {"type": "string"},
        "versions": {"type": "integer"},
    },
}

TAG_DESCRIPTION_FRONT_MATTER_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": "schemas/tag-description.front-matter.schema.json",
    "title": "En-tête d'une description d'étiquette (etiquettes/<slug>.md)",
    "description": "Le texte Markdown qui suit est la description de la page de l'étiquette.",
    "type": "object",
    "required": ["tag", "name", "url", "updated_at", "updated_by", "origin", "versions"],
    "properties": {
        "tag": {"type": "integer"},
        "name": {"type": "string"},
        "url": {"type": "string"},
        "updated_at": {"type": "string", "format": "date-time"},
        "updated_by": {"type": "string"},
        "origin": {"enum": ["ker", "imported"]},
        "source_wiki": {"type": "string"},
        "source_revision_id": {"type": ["integer", "null"]},
        "versions": {"type": "integer", "minimum": 0},
    },
}

FIXED_SCHEMAS = (
    MANIFEST_SCHEMA,
    REVISION_FRONT_MATTER_SCHEMA,
    TALK_FRONT_MATTER_SCHEMA,
    COMMONS_FRONT_MATTER_SCHEMA,
    TAG_DESCRIPTION_FRONT_MATTER_SCHEMA,
)
