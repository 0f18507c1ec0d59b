"""Write the whole site into one open archive (.tar.gz or .zip)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.services import ArchiveError, site_dump
from community.progress import progress_callback


class Command(BaseCommand):
    help = (
        "Écrit tout le site dans une archive ouverte (.tar.gz ou .zip) : articles et toutes "
        "leurs versions, discussions, redirections, images, communs et leur historique, grille, "
        "portails, comptes, signalements, journal. Relisible sans Ker ; site_restore la recharge."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Archive à écrire : NOM.tar.gz ou NOM.zip.")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Inclut les empreintes des mots de passe (et les jetons) : sauvegarde privée.",
        )
        parser.add_argument(
            "--with-emails",
            action="store_true",
            help="Inclut les adresses électroniques des comptes et des contacts des communs.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="N’affiche pas de barre de progression."
        )

    def handle(self, *args, **options):
        try:
            report = site_dump(
                path=Path(options["file"]),
                with_passwords=options["with_passwords"],
                with_emails=options["with_emails"],
                progress=progress_callback(self.stdout, disable=options["no_progress"]),
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        rows = sum(report.rows.values())
        for name in report.missing_files:
            self.stderr.write(f"Fichier absent du stockage, non archivé : {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Archive écrite : {report.path} ({len(report.rows)} tables, {rows} lignes, "
                f"{report.articles} articles, {report.files} fichiers)."
            )
        )
