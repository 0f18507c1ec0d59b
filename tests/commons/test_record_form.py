"""The record's forms take their fields from the Commons model; the services still decide."""

from __future__ import annotations

import re

import pytest
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from commons.models import Commons
from commons.services.fields import SECTIONS

pytestmark = pytest.mark.django_db

# A section field and its model field, for the fields typed as the model types them.
MODEL_TEXT_FIELDS = [
    (section.key, name)
    for section in SECTIONS
    for name in section.fields
    if isinstance(Commons._meta.get_field(name), (models.CharField, models.TextField))
    and not Commons._meta.get_field(name).choices
]


def _field_group(html: str, name: str) -> str:
    start = html.index(f'<label for="id_{name}">')
    return html[start : html.index("</div>", start)]


@pytest.mark.parametrize(("section", "name"), MODEL_TEXT_FIELDS)
def test_section_field_takes_its_limit_label_and_help_text_from_the_model(
    client, published, resident, section, name
):
    model_field = Commons._meta.get_field(name)
    client.force_login(resident)
    html = client.get(reverse("commons:edit", args=[published.slug, section])).content.decode()
    group = _field_group(html, name)
    assert str(capfirst(model_field.verbose_name)) in group
    widget = re.search(rf'<(input|textarea)[^>]* name="{name}"[^>]*>', group).group(0)
    if model_field.max_length:
        assert f'maxlength="{model_field.max_length}"' in widget
    else:
        assert "maxlength" not in widget and widget.startswith("<textarea")
    assert (" required" in widget) is (not model_field.blank)
    if model_field.help_text:
        assert f'id="id_{name}_helptext">{escape(model_field.help_text)}</p>' in group


def test_a_name_longer_than_the_model_allows_gets_a_french_error_and_changes_nothing(
    client, published, resident
):
    limit = Commons._meta.get_field("name").max_length
    client.force_login(resident)
    response = client.post(
        reverse("commons:edit", args=[published.slug, "essentiel"]),
        {"name": "n" * (limit + 1), "summary": published.summary},
    )
    assert response.status_code == 200
    assert (
        f"Assurez-vous que cette valeur comporte au plus {limit} caractères "
        f"(actuellement {limit + 1})." in response.content.decode()
    )
    published.refresh_from_db()
    assert published.name == "Jardin partagé du Moulin"
    assert not published.suggestions.exists()


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        ("site", {"website": "jardin.example.org"}, "elle doit commencer par https://"),
        ("etat", {"start_date": "25/12/2020"}, "Date invalide : utilisez le format AAAA-MM-JJ."),
        ("lieu", {"latitude": "100", "longitude": "3"}, "comprise entre -90 et 90"),
        ("contact", {"contact_email": "pas-un-courriel"}, "Adresse de courriel invalide."),
    ],
)
def test_special_fields_are_judged_by_the_service_with_its_words(
    client, published, resident, section, data, message
):
    client.force_login(resident)
    response = client.post(reverse("commons:edit", args=[published.slug, section]), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_coordinates_typed_with_a_decimal_comma_are_accepted(client, published, resident):
    client.force_login(resident)
    response = client.post(
        reverse("commons:edit", args=[published.slug, "lieu"]),
        {"latitude": "48,39", "longitude": "-4,5", "commune": "Port-Kerlann"},
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.latitude, published.longitude) == (48.39, -4.5)


def test_declare_form_fields_follow_the_model_and_coordinates_accept_a_comma(client, resident):
    client.force_login(resident)
    html = client.get(reverse("commons:declare")).content.decode()
    for name in ("name", "summary", "website", "commune"):
        limit = Commons._meta.get_field(name).max_length
        assert re.search(rf'<input[^>]* name="{name}"[^>]* maxlength="{limit}"', html), name
    response = client.post(
        reverse("commons:declare"),
        {"name": "Atelier vélo", "summary": "Réparer ensemble.", "latitude": "48,4",
         "longitude": "-4,49", "duplicates_confirmed": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    declared = Commons.objects.get(name="Atelier vélo")
    assert (declared.latitude, declared.longitude) == (48.4, -4.49)


@pytest.mark.parametrize("name", ["name", "summary", "postal_code", "commune", "contact_phone"])
def test_the_service_refuses_a_single_line_value_longer_than_the_model_allows(
    published, resident, name
):
    from django.core.exceptions import ValidationError

    from commons.services import commons_update

    limit = Commons._meta.get_field(name).max_length
    commons_update(commons=published, user=resident, changes={name: "a" * limit})
    with pytest.raises(ValidationError) as refused:
        commons_update(commons=published, user=resident, changes={name: "a" * (limit + 1)})
    assert f"{limit} caractères au plus." in refused.value.message_dict[name]
