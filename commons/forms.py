"""Forms of the commons pages: thin, the services validate and decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from community.models import LICENCE_CHOICES
from community.registry import apply_theme_choice, themes, themes_for_tags

from .models import Commons, Grid, Need, Stage
from .selectors import SORTS
from .services.fields import SECTIONS_BY_KEY, split_names


def _model_field(name: str):
    return Commons._meta.get_field(name)


def _label(name: str):
    return capfirst(_model_field(name).verbose_name)


def _coordinate_field(name: str) -> forms.CharField:
    return forms.CharField(
        label=_label(name),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-commons-coordinate": name}),
    )


class RecordForm(forms.ModelForm):
    """Some fields of a record (``fields``), typed as the Commons model declares them.

    A ModelForm: the model gives each field its type, maximum length, required flag, label and
    help text, and its own checks run in ``full_clean()``. Declared here are only the fields the
    services read in their own way; the services then validate the change set and decide.
    """

    # The service accepts http(s) addresses and e-mail addresses with its own words.
    website = forms.CharField(
        label=_label("website"),
        required=False,
        max_length=_model_field("website").max_length,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    contact_email = forms.CharField(
        label=_label("contact_email"),
        required=False,
        max_length=_model_field("contact_email").max_length,
        widget=forms.EmailInput,
    )
    # People type "48,39": the service reads a decimal comma as well as a point.
    latitude = _coordinate_field("latitude")
    longitude = _coordinate_field("longitude")
    # A date picker; the service accepts the ISO date it sends (AAAA-MM-JJ) and only that.
    start_date = forms.CharField(
        label=_label("start_date"),
        required=False,
        max_length=10,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Au format AAAA-MM-JJ."),
    )
    # Tags as comma-separated text, kept whole in tags_text.
    tags = forms.CharField(
        label=_("Étiquettes"),
        required=False,
        max_length=_model_field("tags_text").max_length,
        help_text=_("Séparées par des virgules, par exemple : jardin, alimentation."),
    )
    # Needs by name: the existing ones to tick (see SectionForm), new ones typed.
    needs = forms.MultipleChoiceField(
        label=_("Usages existants"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )

    class Meta:
        model = Commons
        fields = (
            "name",
            "summary",
            "description",
            "street_address",
            "postal_code",
            "commune",
            "stage",
            "licence",
            "shared_resources",
            "community",
            "how_to_join",
            "contact_name",
            "contact_phone",
            "contact_public",
            "related_articles_text",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "shared_resources": forms.Textarea(attrs={"rows": 4}),
            "community": forms.Textarea(attrs={"rows": 4}),
            "how_to_join": forms.Textarea(attrs={"rows": 4}),
            "related_articles_text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, fields: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {name: self.fields[name] for name in fields}
        if "stage" in self.fields:
            self.fields["stage"].choices = [("", "—"), *Stage.choices]


class SectionForm(RecordForm):
    """One section of the record (see services.fields.SECTIONS)."""

    def __init__(self, *args, section_key: str, **kwargs):
        self.section = SECTIONS_BY_KEY[section_key]
        super().__init__(*args, fields=self.section.fields, **kwargs)
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
        self.fields["comment"] = forms.CharField(
            label=_("Résumé de la modification"),
            required=False,
            max_length=500,
            help_text=_("Facultatif : expliquez votre modification en quelques mots."),
        )

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


class DeclareForm(RecordForm):
    """Only the name and the summary are required; the rest helps spot duplicates."""

    duplicates_confirmed = forms.BooleanField(
        label=_("Ce n'est pas le même commun : déclarer quand même"), required=False
    )

    def __init__(self, *args, **kwargs):
        fields = ("name", "summary", "website", "commune", "latitude", "longitude")
        super().__init__(*args, fields=(*fields, "duplicates_confirmed"), **kwargs)


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
