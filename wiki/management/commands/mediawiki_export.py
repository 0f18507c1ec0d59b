"""Export every article with its public history as a MediaWiki XML file (schema 0.11)."""

from __future__ import annotations

import bz2
import gzip
import lzma

from django.core.management.base import BaseCommand

from community.progress import progress_bar
from wiki.importing.export import export_articles


class Command(BaseCommand):
    help = (
        "Exporte tous les articles avec leur historique public au format d'export MediaWiki "
        "(schéma 0.11, texte en Markdown déclaré comme tel). .gz, .bz2 ou .xz compressent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier à écrire (.xml, .xml.gz, .xml.bz2, .xml.xz).")
        parser.add_argument(
            "--no-progress", action="store_true", help="N'affiche pas de barre de progression."
        )

    def handle(self, *args, **options):
        path = options["file"]
        opener = open
        for suffix, compressed in ((".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)):
            if path.endswith(suffix):
                opener = compressed

        def progress(iterable, total):
            return progress_bar(
                self.stdout,
                iterable,
                total=total,
                description="Export",
                unit="page",
                disable=options["no_progress"],
            )

        with opener(path, "wb") as stream:
            pages, revisions = export_articles(stream, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(f"Export : {pages} articles, {revisions} révisions dans {path}.")
        )
