"""The form renderer: every field group of the site is drawn by one template.

``{{ form.name.as_field_group }}`` (Django 5) renders ``templates/includes/field.html``: the
label with the required marker, the help text (``<id>_helptext``, which Django's widgets point
at with ``aria-describedby``), the widget and the error list (``<id>_error``).
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property


class KerFormRenderer(DjangoTemplates):
    """Django's renderer, plus the project's ``templates/`` folder and our field template.

    Like Django's own, it finds the widget templates (Django's, then the apps' ones, Wagtail's
    admin widgets included), so "django.forms" need not be an installed app.
    """

    field_template_name = "includes/field.html"

    @cached_property
    def engine(self):
        project_dirs = [
            directory
            for backend in settings.TEMPLATES
            if backend["BACKEND"] == "django.template.backends.django.DjangoTemplates"
            for directory in backend.get("DIRS", [])
        ]
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [Path(django.forms.__file__).parent / "templates", *project_dirs],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
