"""Rebuild the search index from the database through the registered sources."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from search.backends import get_backend
from search.registry import get_sources
from search.services import index_rebuild

from ._progress import progress_bar


class Command(BaseCommand):
    help = (
        "Reconstruit l’index de recherche à partir de la base de données "
        "(articles publiés, communs publiés, portails)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress", action="store_true", help="N’affiche pas de barre de progression."
        )

    def handle(self, *args, **options):
        if not get_sources():
            self.stderr.write("Aucune source de recherche n’est enregistrée.")
        counts = index_rebuild(progress=progress_bar(self.stdout, disable=options["no_progress"]))
        total = sum(counts.values())
        for name, count in counts.items():
            self.stdout.write(f"  {name} : {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Index reconstruit : {total} documents dans {get_backend().location()}."
            )
        )
