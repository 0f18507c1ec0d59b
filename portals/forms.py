"""The front-end form of a tag's description (facilitators)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.tag_descriptions import MAX_BODY_LENGTH


class TagDescriptionForm(forms.Form):
    body = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "En Markdown, comme les articles : ce que l'étiquette rassemble, pour qui, et les "
            "pages à lire d'abord."
        ),
    )
    comment = forms.CharField(label=_("Résumé de la modification"), required=False, max_length=200)
