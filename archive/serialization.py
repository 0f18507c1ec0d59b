"""Django's JSON Lines serialization, adjusted for a whole-site archive.

- Many-to-many values are not written inline: their tables are archived as tables of their own.
- Foreign keys to content types and permissions are natural keys (``["wiki", "articlepage"]``),
  resolved through an in-memory map (one query per table, not one per row).
- Date-times keep their microseconds (Django's encoder cuts them to milliseconds), so a restored
  site has exactly the same timestamps and orderings.
- Private fields (password hashes, e-mail addresses) are emptied unless asked for.
- Keys of JSON values are sorted (PostgreSQL's jsonb does not keep their order).
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.core.serializers import base
from django.core.serializers import jsonl as django_jsonl
from django.core.serializers.json import DjangoJSONEncoder

from .tables import EMAIL_FIELDS, EMAIL_KEYS, PASSWORD_FIELDS, label, natural_key_models


class ArchiveJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def natural_keys_by_id() -> dict[type, dict[Any, list]]:
    """For each natural-key model, ``{id: natural key}`` of the current database."""
    found = {}
    for model in natural_key_models():
        manager = model._base_manager
        if model._meta.label_lower == "auth.permission":
            rows = manager.select_related("content_type")
        else:
            rows = manager.all()
        found[model] = {row.pk: list(row.natural_key()) for row in rows}
    return found


def ids_by_natural_key() -> dict[type, dict[tuple, Any]]:
    return {
        model: {tuple(key): pk for pk, key in keys.items()}
        for model, keys in natural_keys_by_id().items()
    }


def scrub_emails(value: Any) -> tuple[Any, bool]:
    """Empty the e-mail keys inside a JSON value; returns (value, changed)."""
    changed = False
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key in EMAIL_KEYS and isinstance(item, str) and item:
                result[key] = ""
                changed = True
            else:
                result[key], item_changed = scrub_emails(item)
                changed = changed or item_changed
        return result, changed
    if isinstance(value, list):
        result = []
        for item in value:
            item, item_changed = scrub_emails(item)
            result.append(item)
            changed = changed or item_changed
        return result, changed
    return value, False


def sorted_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [sorted_keys(item) for item in value]
    return value


class Serializer(django_jsonl.Serializer):
    """One table to JSON Lines. Options: ``natural_keys``, ``with_passwords``, ``with_emails``."""

    def _init_options(self):
        super()._init_options()
        self.natural_keys = self.json_kwargs.pop("natural_keys")
        self.with_passwords = self.json_kwargs.pop("with_passwords", False)
        self.with_emails = self.json_kwargs.pop("with_emails", False)
        self.json_kwargs["cls"] = ArchiveJSONEncoder
        self.json_kwargs["separators"] = (",", ":")
        self._private_cache: dict[str, set[str]] = {}

    def _private_fields(self, model_label: str) -> set[str]:
        if model_label not in self._private_cache:
            private = set()
            if not self.with_passwords:
                private.update(PASSWORD_FIELDS.get(model_label, ()))
            if not self.with_emails:
                private.update(EMAIL_FIELDS.get(model_label, ()))
            self._private_cache[model_label] = private
        return self._private_cache[model_label]

    def handle_field(self, obj, field):
        model_label = label(type(obj))
        if field.name in self._private_fields(model_label):
            self._current[field.name] = "" if not field.null else None
            return
        value = self._value_from_field(obj, field)
        if not self.with_emails:
            value = self._scrub_json(model_label, field, value)
        if isinstance(value, dict | list) and field.get_internal_type() == "JSONField":
            # PostgreSQL's jsonb reorders keys: sorted keys make dumps independent of the database.
            value = sorted_keys(value)
        self._current[field.name] = value

    def _scrub_json(self, model_label: str, field, value):
        if model_label == "reversion.version" and field.name == "serialized_data" and value:
            try:
                data = json.loads(value)
            except ValueError:
                return value
            data, changed = scrub_emails(data)
            return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False) if changed else value
        if field.get_internal_type() == "JSONField" and isinstance(value, dict | list):
            return scrub_emails(value)[0]
        return value

    def handle_fk_field(self, obj, field):
        related_model = field.remote_field.model
        value = getattr(obj, field.attname)
        if related_model in self.natural_keys and value is not None:
            self._current[field.name] = self.natural_keys[related_model][value]
        else:
            self._current[field.name] = self._value_from_field(obj, field)

    def handle_m2m_field(self, obj, field):
        """Many-to-many tables are archived as tables of their own."""


class Deserializer(django_jsonl.Deserializer):
    """JSON Lines back to unsaved model instances; natural keys resolved from a map."""

    def __init__(self, stream_or_string, *, natural_ids, **options):
        super().__init__(stream_or_string, **options)
        self.natural_ids = natural_ids

    def _handle_fk_field_node(self, field, field_value):
        related_model = field.remote_field.model
        if related_model in self.natural_ids and isinstance(field_value, list):
            try:
                return self.natural_ids[related_model][tuple(field_value)]
            except KeyError:
                raise base.DeserializationError(
                    f"{related_model._meta.verbose_name} inconnu dans cette base : {field_value}"
                ) from None
        return super()._handle_fk_field_node(field, field_value)
