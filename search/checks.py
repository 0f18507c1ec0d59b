"""System check: the configured search engine can work with the configured database."""

from __future__ import annotations

from django.core.checks import Error, register

from .backends import configuration_error


@register()
def search_backend_check(app_configs, **kwargs) -> list[Error]:
    """``KER_SEARCH_BACKEND=postgres`` on SQLite stops ``manage.py check``, migrate, runserver."""
    problem = configuration_error()
    if not problem:
        return []
    return [
        Error(
            problem,
            hint="Voir README, section « Recherche » (moteurs de recherche).",
            id="search.E001",
        )
    ]
