"""The editable fields of a record: their sections, validation and JSON-safe values.

Every write (form, suggestion, restore, import) expresses a change as ``{field: value}`` in the
JSON-safe form used here, so suggestions can be stored, diffed and applied later unchanged.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Commons, Need, RelatedArticle, Stage

MAX_TAGS = 30
MAX_NEEDS = 20
MAX_RELATED_ARTICLES = 30
SINGLE_LINE = {
    "name",
    "summary",
    "website",
    "street_address",
    "postal_code",
    "commune",
    "licence",
    "contact_name",
    "contact_email",
    "contact_phone",
}
# Single-line fields: the model's max_length (the forms show the same limit); long texts have
# no limit in the database, only these.
TEXT_LIMITS = {name: Commons._meta.get_field(name).max_length for name in SINGLE_LINE} | {
    "description": 50_000,
    "shared_resources": 10_000,
    "community": 10_000,
    "how_to_join": 10_000,
    "related_articles_text": 10_000,
}


@dataclass(frozen=True)
class Section:
    """A part of the record the declarant completes on its own (one small form each)."""

    key: str
    label: str
    fields: tuple[str, ...]


SECTIONS = [
    Section("essentiel", gettext_lazy("Nom et résumé"), ("name", "summary")),
    Section("description", gettext_lazy("Description"), ("description",)),
    Section("site", gettext_lazy("Site web"), ("website",)),
    Section("etiquettes", gettext_lazy("Étiquettes"), ("tags",)),
    Section(
        "lieu",
        gettext_lazy("Lieu"),
        ("street_address", "postal_code", "commune", "latitude", "longitude"),
    ),
    Section(
        "etat", gettext_lazy("Démarrage, étape et licence"), ("start_date", "stage", "licence")
    ),
    Section("ressources", gettext_lazy("Ressources partagées"), ("shared_resources",)),
    Section("communaute", gettext_lazy("Communauté"), ("community", "how_to_join")),
    Section(
        "contact",
        gettext_lazy("Contact"),
        ("contact_name", "contact_email", "contact_phone", "contact_public"),
    ),
    Section("articles", gettext_lazy("Articles du wiki liés"), ("related_articles_text",)),
    Section("usages", gettext_lazy("Usages (besoins auxquels le commun répond)"), ("needs",)),
]
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
EDITABLE_FIELDS = tuple(field for section in SECTIONS for field in section.fields)
# Sections only owners and facilitators see and change (private details).
PRIVATE_SECTIONS = {"contact"}
PRIVATE_FIELDS = {"contact_name", "contact_email", "contact_phone", "contact_public"}

FIELD_LABELS = {
    "tags": gettext_lazy("Étiquettes"),
    "needs": gettext_lazy("Usages"),
}


def field_label(name: str) -> str:
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    return str(Commons._meta.get_field(name).verbose_name).capitalize()


def split_names(raw: Any, *, limit: int) -> list[str]:
    """'port, Pêche ,port' -> ['port', 'Pêche']: trimmed, deduplicated case-insensitively."""
    if raw is None:
        return []
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    seen: dict[str, str] = {}
    for item in items:
        name = " ".join(str(item).split())[:100]
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())[:limit]


def _clean_text(name: str, value: Any, errors: dict[str, list[str]]) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\x00", "").replace("\r\n", "\n")
    text = " ".join(text.split()) if name in SINGLE_LINE else text.strip()
    if len(text) > TEXT_LIMITS[name]:
        errors.setdefault(name, []).append(
            _("%(limit)s caractères au plus.") % {"limit": TEXT_LIMITS[name]}
        )
    return text


def _clean_coordinate(name: str, value: Any, errors: dict[str, list[str]]) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        errors.setdefault(name, []).append(_("Saisissez un nombre, par exemple 48.38."))
        return None
    limit = 90 if name == "latitude" else 180
    if not math.isfinite(number) or not -limit <= number <= limit:
        errors.setdefault(name, []).append(
            _("La valeur doit être comprise entre -%(limit)s et %(limit)s.") % {"limit": limit}
        )
        return None
    return round(number, 6)


def _clean_date(value: Any, errors: dict[str, list[str]]) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return datetime.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        errors.setdefault("start_date", []).append(
            _("Date invalide : utilisez le format AAAA-MM-JJ.")
        )
        return None


def clean_changes(changes: dict[str, Any], *, base: Commons | None = None) -> dict[str, Any]:
    """Validate a change set; returns JSON-safe values or raises ValidationError per field."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Champs inconnus : %(names)s") % {"names": ", ".join(unknown)})
    for name, value in changes.items():
        if name in TEXT_LIMITS:
            cleaned[name] = _clean_text(name, value, errors)
        elif name in ("latitude", "longitude"):
            cleaned[name] = _clean_coordinate(name, value, errors)
        elif name == "start_date":
            cleaned[name] = _clean_date(value, errors)
        elif name == "stage":
            stage = str(value or "")
            if stage and stage not in Stage.values:
                errors.setdefault(name, []).append(_("Choisissez une étape dans la liste."))
            cleaned[name] = stage
        elif name == "contact_public":
            cleaned[name] = bool(value)
        elif name == "tags":
            cleaned[name] = split_names(value, limit=MAX_TAGS)
        elif name == "needs":
            cleaned[name] = split_names(value, limit=MAX_NEEDS)
    for required in ("name", "summary"):
        if required in cleaned and not cleaned[required]:
            errors.setdefault(required, []).append(_("Ce champ est obligatoire."))
    website = cleaned.get("website")
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors.setdefault("website", []).append(
                _("Adresse web invalide : elle doit commencer par https:// ou http://.")
            )
    email = cleaned.get("contact_email")
    if email:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors.setdefault("contact_email", []).append(_("Adresse de courriel invalide."))
    if "latitude" in cleaned or "longitude" in cleaned:
        latitude = cleaned.get("latitude", getattr(base, "latitude", None))
        longitude = cleaned.get("longitude", getattr(base, "longitude", None))
        if (latitude is None) != (longitude is None) and not (
            errors.get("latitude") or errors.get("longitude")
        ):
            errors.setdefault("longitude" if longitude is None else "latitude", []).append(
                _("Indiquez la latitude et la longitude ensemble, ou aucune des deux.")
            )
    if errors:
        raise ValidationError(errors)
    return cleaned


def current_values(commons: Commons, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The record's present values, in the same JSON-safe form as a change set."""
    values: dict[str, Any] = {}
    for name in fields or EDITABLE_FIELDS:
        if name == "tags":
            values[name] = commons.tag_names()
        elif name == "needs":
            values[name] = [need.name for need in commons.needs.all()] if commons.pk else []
        elif name == "start_date":
            values[name] = commons.start_date.isoformat() if commons.start_date else None
        else:
            values[name] = getattr(commons, name)
    return values


def changed_only(commons: Commons, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Drop the values that equal the record's present ones (an unchanged save is no version)."""
    present = current_values(commons, tuple(cleaned))
    return {name: value for name, value in cleaned.items() if present.get(name) != value}


def need_for_name(name: str) -> Need:
    """An existing need matched by its slug, or a new one (the shared vocabulary grows)."""
    slug = slugify(name)[:140] or "usage"
    need = Need.objects.filter(slug=slug).first()
    if need is None:
        need = Need.objects.create(name=name[:120], slug=slug)
    return need


def apply_changes(commons: Commons, changes: dict[str, Any]) -> None:
    """Write validated changes, then keep tags, needs and article links in step."""
    for name, value in changes.items():
        if name in ("tags", "needs"):
            continue
        if name == "start_date":
            value = datetime.date.fromisoformat(value) if value else None
        setattr(commons, name, value)
    if "tags" in changes:
        commons.tags_text = ", ".join(changes["tags"])
    if commons.pk is None:
        commons.save()
    else:
        # Only what changed: a stale instance must not write back an old status.
        fields = {name for name in changes if name not in ("tags", "needs")} | {"updated_at"}
        if "tags" in changes:
            fields.add("tags_text")
        commons.save(update_fields=sorted(fields))
    if "tags" in changes:
        commons.tags.set(changes["tags"], clear=True)
    if "needs" in changes:
        commons.needs.set([need_for_name(name) for name in changes["needs"]])
    if "related_articles_text" in changes:
        sync_related_articles(commons)


def sync_related_articles(commons: Commons) -> None:
    """One row per linked title, so the wiki can ask which commons point at an article."""
    wanted: dict[str, str] = {}
    for title in commons.related_article_titles()[:MAX_RELATED_ARTICLES]:
        slug = slugify(title)[:255]
        if slug and slug not in wanted:
            wanted[slug] = title[:255]
    commons.related_articles.exclude(slug__in=wanted).delete()
    existing = {link.slug: link for link in commons.related_articles.all()}
    for slug, title in wanted.items():
        link = existing.get(slug)
        if link is None:
            RelatedArticle.objects.create(commons=commons, slug=slug, title=title)
        elif link.title != title:
            link.title = title
            link.save(update_fields=["title"])
