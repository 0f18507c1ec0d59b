"""manage.py commons_import FILE --format csv|json|geojson [--dry-run]"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from commons.importing import DEFAULT_MAX_ROWS, FORMATS, ImportFileError, import_commons
from community.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Importe des communs depuis un fichier CSV, JSON (GoGoCarto) ou GeoJSON. Chaque ligne "
        "est vérifiée ; les lignes valides sont importées une par une ; réimporter met à jour "
        "les mêmes fiches (identifiant source, sinon site web)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=FORMATS, help="Par défaut : l'extension du fichier."
        )
        parser.add_argument("--dry-run", action="store_true", help="Vérifier sans rien écrire.")
        parser.add_argument("--encoding", default="utf-8")
        parser.add_argument(
            "--user", help="Compte crédité des versions (et porteur des fiches créées)."
        )
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Laisser les nouvelles fiches en attente de relecture.",
        )
        parser.add_argument("--max-rows", type=int, default=DEFAULT_MAX_ROWS)

    def handle(self, *args, **options):
        path = Path(options["file"])
        file_format = options["format"] or path.suffix.lstrip(".").lower()
        if file_format not in FORMATS:
            raise CommandError("Format inconnu : précisez --format csv, json ou geojson.")
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Impossible de lire {path} : {error.strerror or error}") from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Aucun compte « {options['user']} ».")

        def progress(items, total):
            return progress_bar(self.stdout, items, total=total, description="Import", unit="ligne")

        try:
            report = import_commons(
                content=content,
                file_format=file_format,
                label=path.name,
                user=user,
                dry_run=options["dry_run"],
                publish=not options["pending"],
                encoding=options["encoding"],
                max_rows=options["max_rows"],
                progress=progress,
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name} : {error}") from None
        for position, message in report.errors:
            self.stdout.write(self.style.ERROR(f"{position} : {message}"))
        if report.dry_run:
            self.stdout.write(
                f"Vérification seule : {report.valid} ligne(s) valide(s) sur {report.total}, "
                f"{len(report.errors)} en erreur. Rien n'a été écrit."
            )
        else:
            self.stdout.write(
                f"{report.created} créée(s), {report.updated} mise(s) à jour, "
                f"{report.unchanged} inchangée(s), {len(report.errors)} en erreur "
                f"sur {report.total} ligne(s)."
            )
        if report.errors:
            self.stdout.write(
                self.style.WARNING(
                    "Corrigez les lignes en erreur puis relancez : "
                    "les lignes déjà importées seront reconnues."
                )
            )
