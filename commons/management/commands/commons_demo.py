"""manage.py commons_demo: the Port-Kerlann demo commons of ``demo/communs/`` (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from commons.demo import load_commons_demo, read_demo_commons
from community.content_files import ContentFileError
from community.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Crée une quinzaine de communs de démonstration à Port-Kerlann (sans doublon si relancé)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            help="Dossier du contenu de la démonstration (par défaut : demo/ du projet).",
        )

    def handle(self, *args, **options):
        try:
            load_commons_demo(
                self.stdout,
                progress=lambda rows: progress_bar(
                    self.stdout, rows, total=len(rows), description="Communs", unit="ligne"
                ),
                content=read_demo_commons(options.get("directory")),
            )
        except ContentFileError as error:
            raise CommandError(str(error)) from None
