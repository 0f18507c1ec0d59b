"""Report drift between the database and the search index, and optionally repair it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from search.services import index_check

from ._progress import progress_bar

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "Compare l’index de recherche à la base de données : documents manquants, périmés "
        "(date de mise à jour différente) et orphelins. --repair corrige les écarts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="Corrige l’index après le rapport."
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="N’affiche pas de barre de progression."
        )
        parser.add_argument(
            "--fail-on-drift",
            action="store_true",
            help="Termine en erreur s’il y a des écarts (pour la supervision).",
        )

    def handle(self, *args, **options):
        report = index_check(
            repair=options["repair"],
            progress=progress_bar(self.stdout, disable=options["no_progress"]),
        )
        self.stdout.write(
            f"Documents attendus : {report.expected} ; documents indexés : {report.indexed}."
        )
        self.stdout.write(f"En attente dans la file : {report.pending}")
        for label, ids in (
            ("Manquants", report.missing),
            ("Périmés", report.stale),
            ("Orphelins", report.orphans),
        ):
            self.stdout.write(f"{label} : {len(ids)}")
            for doc_id in ids[:SHOWN_IDS]:
                self.stdout.write(f"  - {doc_id}")
            if len(ids) > SHOWN_IDS:
                self.stdout.write(f"  … et {len(ids) - SHOWN_IDS} autres")
        if report.is_clean:
            self.stdout.write(self.style.SUCCESS("L’index est à jour."))
        elif report.repaired:
            self.stdout.write(self.style.SUCCESS("Index réparé."))
        else:
            self.stdout.write(
                self.style.WARNING("L’index n’est pas à jour : relancez avec --repair.")
            )
            if options["fail_on_drift"]:
                raise CommandError("Écarts entre l’index et la base de données.")
