"""Forms of the commons pages: thin, the services validate and decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.models import LICENCE_CHOICES
from community.registry import apply_theme_choice, themes, themes_for_tags

from .models import Commons, Grid, Need, Stage
from .selectors import SORTS
from .services.fields import SECTIONS_BY_KEY, field_label, split_names


def _text(name: str, *, required: bool = False, rows: int | None = None, **widget_attrs):
    max_length = Commons._meta.get_field(name).max_length
    widget = forms.Textarea(attrs={"rows": rows, **widget_attrs}) if rows else None
    if widget is None:
        widget = forms.TextInput(attrs=widget_attrs)
    return forms.CharField(
        label=field_label(name),
        required=required,
        max_length=max_length,
        widget=widget,
        help_text=Commons._meta.get_field(name).help_text,
        strip=True,
    )


def _coordinate(name: str):
    return forms.CharField(
        label=field_label(name),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-commons-coordinate": name}),
    )


def build_field(name: str) -> forms.Field:
    """The form field of one editable record field (values are checked again by the service)."""
    if name in ("name", "summary"):
        return _text(name, required=True)
    if name in ("description", "shared_resources", "community", "how_to_join"):
        return _text(name, rows=8 if name == "description" else 4)
    if name == "related_articles_text":
        return _text(name, rows=4)
    if name == "website":
        return forms.CharField(
            label=field_label(name),
            required=False,
            max_length=500,
            widget=forms.URLInput(attrs={"placeholder": "https://"}),
        )
    if name in ("latitude", "longitude"):
        return _coordinate(name)
    if name == "start_date":
        return forms.CharField(
            label=field_label(name),
            required=False,
            max_length=10,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=_("Au format AAAA-MM-JJ."),
        )
    if name == "stage":
        return forms.ChoiceField(
            label=field_label(name), required=False, choices=[("", "—"), *Stage.choices]
        )
    if name == "contact_public":
        return forms.BooleanField(
            label=field_label(name),
            required=False,
            help_text=Commons._meta.get_field(name).help_text,
        )
    if name == "contact_email":
        return forms.CharField(
            label=field_label(name), required=False, max_length=254, widget=forms.EmailInput
        )
    if name == "tags":
        return forms.CharField(
            label=field_label(name),
            required=False,
            max_length=2000,
            help_text=_("Séparées par des virgules, par exemple : jardin, alimentation."),
        )
    if name == "needs":
        return forms.MultipleChoiceField(
            label=_("Usages existants"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[],
        )
    return _text(name)


class SectionForm(forms.Form):
    """One section of the record (see services.fields.SECTIONS)."""

    comment = forms.CharField(
        label=_("Résumé de la modification"),
        required=False,
        max_length=500,
        help_text=_("Facultatif : expliquez votre modification en quelques mots."),
    )

    def __init__(self, *args, section_key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = SECTIONS_BY_KEY[section_key]
        comment = self.fields.pop("comment")
        for name in self.section.fields:
            self.fields[name] = build_field(name)
        if "needs" in self.fields:
            self.fields["needs"].choices = [
                (n, n) for n in Need.objects.values_list("name", flat=True)
            ]
            self.fields["new_needs"] = forms.CharField(
                label=_("Autres usages"),
                required=False,
                max_length=1000,
                help_text=_("Séparés par des virgules ; vérifiez d'abord la liste ci-dessus."),
            )
        if "tags" in self.fields and themes():
            self.fields["portals"] = forms.MultipleChoiceField(
                label=_("Portails"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(theme.slug, theme.title) for theme in themes()],
                help_text=_("Cochez les portails thématiques où ce commun doit apparaître."),
            )
            current = split_names(self.initial.get("tags") or "", limit=100)
            self.initial.setdefault("portals", themes_for_tags(current))
            # What the form shows: unticking a portal removes only tags shown here.
            self.fields["tags_shown"] = forms.CharField(
                required=False, max_length=5000, widget=forms.HiddenInput
            )
            self.initial.setdefault("tags_shown", ", ".join(current))
        self.fields["comment"] = comment

    def changes(self) -> dict:
        """The submitted values as a change set for the services."""
        data = {name: self.cleaned_data.get(name) for name in self.section.fields}
        if "portals" in self.fields:
            tags = split_names(data.get("tags") or "", limit=100)
            shown = split_names(self.cleaned_data.get("tags_shown") or "", limit=100)
            data["tags"] = ", ".join(
                apply_theme_choice(tags, self.cleaned_data.get("portals") or [], shown_tags=shown)
            )
        if "needs" in data:
            extra = (self.cleaned_data.get("new_needs") or "").split(",")
            data["needs"] = list(data["needs"] or []) + [name for name in extra if name.strip()]
        return data


def initial_for_section(values: dict) -> dict:
    initial = dict(values)
    if isinstance(initial.get("tags"), list):
        initial["tags"] = ", ".join(initial["tags"])
    for name in ("latitude", "longitude"):
        if initial.get(name) is not None:
            initial[name] = str(initial[name])
    return initial


class DeclareForm(forms.Form):
    """Only the name and the summary are required; the rest helps spot duplicates."""

    name = build_field("name")
    summary = build_field("summary")
    website = build_field("website")
    commune = _text("commune")
    latitude = _coordinate("latitude")
    longitude = _coordinate("longitude")
    duplicates_confirmed = forms.BooleanField(
        label=_("Ce n'est pas le même commun : déclarer quand même"), required=False
    )


class AssessmentForm(forms.Form):
    """One level and one free-text answer per criterion of the current grid."""

    comment = forms.CharField(label=_("Résumé de la modification"), required=False, max_length=500)

    def __init__(self, *args, grid: Grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = grid
        comment = self.fields.pop("comment")
        level_choices = [("", _("— pas encore renseigné —"))] + [
            (level.key, level.label) for level in grid.levels.all()
        ]
        self.criteria = list(grid.criteria.all())
        for criterion in self.criteria:
            self.fields[f"level_{criterion.key}"] = forms.ChoiceField(
                label=_("Niveau atteint"), required=False, choices=level_choices
            )
            self.fields[f"text_{criterion.key}"] = forms.CharField(
                label=_("Votre réponse"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["comment"] = comment

    def groups(self):
        for criterion in self.criteria:
            yield criterion, self[f"level_{criterion.key}"], self[f"text_{criterion.key}"]

    def answers(self) -> dict:
        return {
            criterion.key: {
                "level": self.cleaned_data.get(f"level_{criterion.key}") or "",
                "text": self.cleaned_data.get(f"text_{criterion.key}") or "",
            }
            for criterion in self.criteria
        }


class OwnerForm(forms.Form):
    username = forms.CharField(label=_("Nom d'utilisateur à ajouter"), max_length=150)


class ImageForm(forms.Form):
    image_file = forms.FileField(label=_("Image (JPEG, PNG, WebP ou GIF)"))
    image_title = forms.CharField(label=_("Titre (sert de texte alternatif)"), max_length=255)
    image_author = forms.CharField(label=_("Auteur ou autrice"), max_length=255)
    image_licence = forms.ChoiceField(label=_("Licence"), choices=LICENCE_CHOICES)
    caption = forms.CharField(label=_("Légende"), max_length=255, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motif"), max_length=500, required=False)


class DirectoryFilterForm(forms.Form):
    """GET filters of the directory; an unknown value is ignored, never an error page."""

    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    etiquette = forms.ChoiceField(label=_("Étiquette"), required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    usage = forms.ChoiceField(label=_("Usage"), required=False)
    etape = forms.ChoiceField(
        label=_("Étape"), required=False, choices=[("", _("Toutes")), *Stage.choices]
    )
    critere = forms.ChoiceField(label=_("Critère de la grille"), required=False)
    niveau = forms.ChoiceField(label=_("Niveau atteint au moins"), required=False)
    tri = forms.ChoiceField(
        label=_("Trier par"),
        required=False,
        choices=[
            ("nom", _("Nom")),
            ("recents", _("Les plus récents")),
            ("mis-a-jour", _("Mis à jour récemment")),
        ],
    )

    def __init__(self, *args, tags, communes, needs, grid, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Toutes"))]
        self.fields["etiquette"].choices = everything + list(tags)
        self.fields["commune"].choices = everything + [(name, name) for name in communes]
        self.fields["usage"].choices = [("", _("Tous"))] + [(n.slug, n.name) for n in needs]
        criteria = list(grid.criteria.all()) if grid else []
        levels = grid.counted_levels() if grid else []
        self.fields["critere"].choices = [("", _("Tous"))] + [(c.key, c.label) for c in criteria]
        self.fields["niveau"].choices = [("", _("Tous"))] + [(lv.key, lv.label) for lv in levels]

    def value(self, name: str) -> str:
        """The valid value of a filter, or '' (invalid filters are dropped, not reported)."""
        if not self.is_bound:
            return ""
        field = self.fields[name]
        raw = self.data.get(name, "")
        try:
            return field.clean(raw) or ""
        except ValidationError:
            return ""

    def sort(self) -> str:
        value = self.value("tri")
        return value if value in SORTS else "nom"
