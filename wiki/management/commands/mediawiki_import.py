"""Import MediaWiki XML exports with their whole history.

See README, "Migration depuis MediaWiki"."""

from __future__ import annotations

import contextlib
import json

from django.core.management.base import BaseCommand, CommandError

from community.progress import progress_bar
from wiki.importing.dumps import DumpError
from wiki.importing.importer import Importer, ImportOptions, reconvert_imported


def _deferred_indexing():
    """One search-index batch at the end of the import rather than one per page."""
    try:
        from search.queue import deferred_apply
    except ImportError:  # a search app without a queue indexes on publish
        return contextlib.nullcontext()
    return deferred_apply()


class Command(BaseCommand):
    help = (
        "Importe des exports XML MediaWiki (schéma 0.10 ou 0.11 ; XML, .gz, .bz2, .xz) avec "
        "tout l'historique : chaque révision devient une révision de l'article."
    )

    def add_arguments(self, parser):
        parser.add_argument("dumps", nargs="*", help="Fichiers d'export MediaWiki.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Convertit et rend compte sans rien écrire."
        )
        parser.add_argument("--report", help="Écrit le compte rendu en JSON dans ce fichier.")
        parser.add_argument(
            "--namespace-as-articles",
            action="append",
            default=[],
            metavar="ESPACE",
            help="Importe aussi cet espace de noms (numéro ou nom, ex. 4 ou Projet) en articles.",
        )
        parser.add_argument(
            "--templates",
            help="Fichier JSON de correspondance de modèles, ajouté à celle par défaut.",
        )
        parser.add_argument(
            "--reconvert",
            action="store_true",
            help="Reconvertit le wikitexte gardé des révisions déjà importées (sans export).",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=1,
            help="Processus de conversion à côté de l'écriture (0 : tout dans ce processus).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="N'affiche pas de barre de progression."
        )

    def handle(self, *args, **options):
        if options["reconvert"]:
            with _deferred_indexing():
                pages, revisions = reconvert_imported(template_mapping=options["templates"])
            self.stdout.write(
                self.style.SUCCESS(f"Reconversion : {revisions} révisions de {pages} articles.")
            )
            return
        if not options["dumps"]:
            raise CommandError("Indiquez au moins un fichier d'export MediaWiki.")
        importer = Importer(
            ImportOptions(
                dry_run=options["dry_run"],
                article_namespaces=tuple(options["namespace_as_articles"]),
                template_mapping=options["templates"],
                processes=max(0, options["processes"]),
            ),
            progress=lambda total: progress_bar(
                self.stdout,
                total=total,
                description="Import",
                unit="rév",
                disable=options["no_progress"],
            ),
        )
        try:
            with _deferred_indexing():
                report = importer.run(options["dumps"])
        except DumpError as error:
            raise CommandError(f"Import refusé, rien n'a été écrit. {error}") from None
        self._print(report)
        if options["report"]:
            with open(options["report"], "w", encoding="utf-8") as handle:
                json.dump(report.as_json(), handle, ensure_ascii=False, indent=2, default=str)

    def _print(self, report):
        write = self.stdout.write
        write(("Essai à blanc (rien n'a été écrit)" if report.dry_run else "Import terminé") + " :")
        write(f"  pages lues : {report.pages_seen}")
        write(
            f"  articles : {report.articles_created} créés, {report.articles_updated} complétés, "
            f"{report.articles_unchanged} inchangés"
        )
        write(
            f"  révisions : {report.revisions_imported} importées, "
            f"{report.revisions_already_there} déjà présentes "
            f"({report.revisions_per_second:.1f} révisions/s)"
        )
        write(f"  auteurs : {len(report.authors)} (+ {report.ip_revisions} révisions par des IP)")
        write(
            f"  redirections : {report.redirects_created} créées, "
            f"{report.redirects_already_there} déjà présentes"
        )
        write(f"  pages de discussion : {report.talk_pages}")
        write(f"  catégories (pages) : {len(report.categories)}")
        described = report.tag_descriptions
        write(
            f"  catégories → descriptions d'étiquette : {described['created']} créées, "
            f"{described['updated']} mises à jour, {described['unchanged']} inchangées, "
            f"{described['kept']} gardées (modifiées dans Ker), {described['empty']} sans texte"
        )
        for kept in report.tag_descriptions_kept:
            write(self.style.WARNING(f"  description gardée : {kept['title']} : {kept['reason']}"))
        for namespace, count in sorted(report.skipped_by_namespace.items()):
            write(f"  ignorées ({namespace}) : {count}")
        if report.templates:
            top = ", ".join(f"{name} ({count})" for name, count in report.templates.most_common(15))
            write(f"  modèles rencontrés : {top}")
        for what, count in report.approximations.most_common():
            write(f"  approximation : {what} × {count}")
        for clash in report.clashes:
            write(self.style.WARNING(f"  non importé : {clash['title']} : {clash['reason']}"))
        for error in report.errors:
            write(
                self.style.ERROR(
                    f"  erreur : {error['title']} (révision {error['revision_id']}) : "
                    f"{error['reason']}"
                )
            )
