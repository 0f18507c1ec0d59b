"""Rebuild a whole site from an archive written by site_dump, into an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from archive.services import ArchiveError, archive_summary, site_restore
from community.progress import progress_callback


class Command(BaseCommand):
    help = (
        "Reconstruit tout le site à partir d'une archive de site_dump, dans une base de données "
        "vide (SQLite ou PostgreSQL), puis reconstruit l'index de recherche. L'archive est "
        "vérifiée (empreintes SHA-256) avant toute écriture ; une base non vide est refusée."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Archive à lire : NOM.tar.gz ou NOM.zip.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Vérifie seulement l’archive (empreintes, format), sans rien écrire.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="N’affiche pas de barre de progression."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            if options["check"]:
                manifest = archive_summary(path)
                rows = sum(table["rows"] for table in manifest["tables"])
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Archive intacte : {len(manifest['files'])} fichiers, {rows} lignes, "
                        f"créée le {manifest['created_at']}."
                    )
                )
                return
            report = site_restore(
                path=path, progress=progress_callback(self.stdout, disable=options["no_progress"])
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                f"Restauration annulée, rien n’a été écrit dans les tables : {error}"
            ) from error
        for warning in report.warnings:
            self.stderr.write(warning)
        documents = sum(report.search_documents.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Site restauré : {len(report.rows)} tables, {sum(report.rows.values())} lignes, "
                f"{report.files} fichiers, {documents} documents dans l’index de recherche."
            )
        )
