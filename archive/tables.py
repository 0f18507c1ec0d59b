"""Which tables go into the archive, which stay out and why, and which fields are private.

Every table of every installed app is archived (so a model added later is carried without a
change here), except the ones below, which hold nothing a site needs to be identical: rows
that ``migrate`` creates (content types and permissions, referred to by natural keys instead
of ids), caches and derived data rebuilt after a restore, and short-lived state.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models

EXCLUDED = {
    "contenttypes.contenttype": "créés par migrate ; désignés par (application, modèle)",
    "auth.permission": "créées par migrate ; désignées par (code, application, modèle)",
    "sessions.session": "connexions en cours",
    "community.licensedrendition": "miniatures, recalculées à la demande",
    "wagtailimages.rendition": "miniatures, recalculées à la demande",
    "wagtailsearch.indexentry": "index de recherche de l'administration, reconstruit",
    "wagtailsearch.sqliteftsindexentry": "index de recherche de l'administration, reconstruit",
    "wagtailembeds.embed": "cache des contenus intégrés",
    "wagtailadmin.editingsession": "sessions d'édition en cours",
    "wagtailcore.uploadedfile": "téléversements temporaires",
    "wagtailadmin.formstate": "brouillons de formulaires de l'administration en cours",
    "search.indextask": "file d'attente de l'index de recherche, reconstruit",
    "search.indexeddocument": "index de recherche (moteur PostgreSQL), reconstruit",
}

# Foreign keys to these models are written as natural keys, because their ids are given by
# ``migrate`` and differ from one database to another. Their rows are archived too, without
# ids ("reference tables"), so a restore creates the few that migrate would not (permissions
# added by data migrations, content types of removed models).
NATURAL_KEY_MODELS = ("contenttypes.contenttype", "auth.permission")
NATURAL_ORDER = {
    "contenttypes.contenttype": ("app_label", "model"),
    "auth.permission": ("content_type__app_label", "content_type__model", "codename"),
}

# Private fields: emptied unless the matching option is given.
PASSWORD_FIELDS = {"community.user": ("password", "feed_token")}
# Tables of credentials, written only with the passwords option (otherwise left empty).
PASSWORD_TABLES = ("wagtailcore.apitoken",)
EMAIL_FIELDS = {"community.user": ("email",), "commons.commons": ("contact_email",)}
# E-mail keys inside JSON values (commons versions, suggested changes).
EMAIL_KEYS = ("contact_email", "email")


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


@dataclass(frozen=True)
class Table:
    """One archived table: its model and the file holding its rows."""

    model: type[models.Model]

    @property
    def label(self) -> str:
        return label(self.model)

    @property
    def data_path(self) -> str:
        return f"data/{self.label}.jsonl"

    @property
    def schema_path(self) -> str:
        return f"schemas/{self.label}.schema.json"

    @property
    def is_reference(self) -> bool:
        """Rows identified by their natural key, not by their id."""
        return self.label in NATURAL_KEY_MODELS


def archived_tables() -> list[Table]:
    """Every concrete table of the site except the excluded ones, in a stable order.

    Many-to-many tables are tables of their own (``commons.commons_needs``...), so each file
    holds plain rows and the restore needs no special case.
    """
    tables = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or label(model) in EXCLUDED:
            continue
        tables.append(Table(model))
    return sorted(tables, key=lambda table: table.label)


def natural_key_models() -> tuple[type[models.Model], ...]:
    return tuple(apps.get_model(name) for name in NATURAL_KEY_MODELS)


def excluded_models() -> list[type[models.Model]]:
    found = []
    for model in apps.get_models(include_auto_created=True):
        if label(model) in EXCLUDED and model._meta.managed and not model._meta.proxy:
            found.append(model)
    return found


def reference_tables() -> list[Table]:
    return [Table(model) for model in natural_key_models()]
