"""manage.py commons_demo: the Port-Kerlann demo commons (idempotent)."""

from django.core.management.base import BaseCommand

from commons.demo import load_commons_demo
from commons.management.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Crée une quinzaine de communs de démonstration à Port-Kerlann (sans doublon si relancé)."
    )

    def handle(self, *args, **options):
        load_commons_demo(
            self.stdout,
            progress=lambda rows: progress_bar(
                self.stdout, rows, total=len(rows), description="Communs"
            ),
        )
