"""Forms of the front-end editor: plain fields, plain words."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import LICENCE_CHOICES
from community.registry import apply_theme_choice, themes, themes_for_tags

from .services import ArticleFields, parse_tags


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=300)
    summary = forms.CharField(
        label=_("Résumé en une phrase"),
        required=False,
        max_length=1000,
        help_text=_("Il apparaît sous le titre et dans les listes."),
    )
    body = forms.CharField(
        label=_("Texte de l'article"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        help_text=_(
            "Mise en forme simple : ## Intertitre, **gras**, *italique*, - liste. "
            "Lien vers un autre article : [[Titre de l'article]] ou [[Titre|texte affiché]]. "
            "Image : [[Image:12|légende]]."
        ),
    )
    tags = forms.CharField(
        label=_("Mots-clés"),
        required=False,
        max_length=2000,
        help_text=_("Séparés par des virgules, par exemple : port, pêche, années 1950."),
    )
    portals = forms.MultipleChoiceField(
        label=_("Portails"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cochez les portails thématiques où cet article doit apparaître."),
    )
    place_name = forms.CharField(label=_("Lieu"), required=False, max_length=200)
    latitude = forms.FloatField(label=_("Latitude"), required=False, localize=True)
    longitude = forms.FloatField(label=_("Longitude"), required=False, localize=True)
    edit_summary = forms.CharField(
        label=_("Résumé de la modification"),
        required=False,
        max_length=500,
        help_text=_("Dites en quelques mots ce que vous avez changé."),
    )
    minor = forms.BooleanField(
        label=_("Modification mineure (orthographe, mise en page)"), required=False
    )
    base_revision_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # The tags the form showed: unticking a portal removes only tags that were shown.
    tags_shown = forms.CharField(required=False, max_length=5000, widget=forms.HiddenInput)

    image_file = forms.FileField(label=_("Ajouter une image"), required=False)
    image_title = forms.CharField(label=_("Titre de l'image"), required=False, max_length=255)
    image_author = forms.CharField(
        label=_("Auteur ou autrice de l'image"), required=False, max_length=255
    )
    image_licence = forms.ChoiceField(
        label=_("Licence de l'image"),
        choices=LICENCE_CHOICES,
        required=False,
        initial="CC BY-SA 4.0",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["portals"].choices = [(theme.slug, theme.title) for theme in themes()]
        if not self.fields["portals"].choices:
            del self.fields["portals"]

    def article_fields(self) -> ArticleFields:
        data = self.cleaned_data
        tags = parse_tags(data["tags"])
        if "portals" in self.fields:
            tags = apply_theme_choice(
                tags, data.get("portals") or [], shown_tags=parse_tags(data.get("tags_shown"))
            )
        return ArticleFields(
            title=data["title"],
            body=data["body"],
            summary=data["summary"],
            tags=tags,
            place_name=data["place_name"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            cover_image_id=self.initial.get("cover_image_id"),
        )

    @classmethod
    def initial_from(cls, fields: ArticleFields, *, base_revision_id=None) -> dict:
        return {
            "title": fields.title,
            "summary": fields.summary,
            "body": fields.body,
            "tags": ", ".join(fields.tags),
            "tags_shown": ", ".join(fields.tags),
            "portals": themes_for_tags(fields.tags),
            "place_name": fields.place_name,
            "latitude": fields.latitude,
            "longitude": fields.longitude,
            "base_revision_id": base_revision_id,
            "cover_image_id": fields.cover_image_id,
        }


class ImageUploadForm(forms.Form):
    image_file = forms.FileField(label=_("Fichier image (JPEG, PNG, WebP ou GIF)"))
    image_title = forms.CharField(label=_("Titre de l'image"), max_length=255)
    image_author = forms.CharField(label=_("Auteur ou autrice"), max_length=255)
    image_licence = forms.ChoiceField(
        label=_("Licence"), choices=LICENCE_CHOICES, initial="CC BY-SA 4.0"
    )


class RecentChangesFilterForm(forms.Form):
    masquer_mineures = forms.BooleanField(
        label=_("Masquer les modifications mineures"), required=False
    )
    utilisateur = forms.CharField(
        label=_("Contributeur ou contributrice"), required=False, max_length=150
    )
    nouvelles = forms.BooleanField(label=_("Nouvelles pages seulement"), required=False)
    non_verifiees = forms.BooleanField(label=_("Non vérifiées seulement"), required=False)
    importees = forms.BooleanField(
        label=_("Afficher les révisions importées d'un autre wiki"), required=False
    )


class ProtectForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Qui peut modifier ?"),
        required=False,
        choices=[
            ("", _("Tout le monde (pas de protection)")),
            ("confirmed", _("Les contributeurs confirmés seulement")),
            ("facilitators", _("Les animateurs seulement")),
        ],
    )
    expires_at = forms.DateTimeField(
        label=_("Jusqu'au (facultatif)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"],
    )
    reason = forms.CharField(label=_("Motif"), required=False, max_length=500)
    under_review = forms.BooleanField(
        label=_("Relire chaque modification avant publication"), required=False
    )


class TalkForm(forms.Form):
    body = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        help_text=_(
            "Mise en forme simple (Markdown). Votre nom d'utilisateur signe le message "
            "automatiquement."
        ),
    )
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
