"""``manage.py wiki_demo``: load the demo territory of Port-Kerlann (a fictional town).

The content is read from the files of ``demo/`` (``--directory`` for another folder) and
checked as a whole first: a broken file stops it before anything is written.
Safe to run again: it creates only what is missing. Everything is written through the
services (accounts, ``image_upload``, ``article_create``, ``article_save``), so the demo has
real histories, diffs, backlinks and audit logs. Later features add a function to ``steps``.
"""

from __future__ import annotations

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from community.content_files import ContentFileError
from community.progress import progress_bar
from wiki.demo.content import DemoContent, read_demo
from wiki.demo.run import DemoRun
from wiki.demo.steps import STEPS, site_totals

DEFAULT_PASSWORD = "kerlann-demo"
ROLE_LABELS = {
    "habitant": "habitant·e",
    "administration": "administration, /admin/",
    "animation": "animatrice : /relecture/, /admin/",
    "nouveau": "nouveau contributeur : ses modifications attendent",
}


class Command(BaseCommand):
    help = (
        "Charge le territoire de démonstration de Port-Kerlann : habitants, images et "
        "articles avec leur historique. Sans effet sur ce qui existe déjà."
    )
    steps = STEPS

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            help="Dossier du contenu de la démonstration (par défaut : demo/ du projet).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        try:
            content = read_demo(options.get("directory"))
        except ContentFileError as error:
            raise CommandError(str(error)) from None
        before = site_totals()
        run = DemoRun(
            password=os.environ.get("KER_DEMO_PASSWORD") or DEFAULT_PASSWORD,
            content=content,
            progress=self.progress,
        )
        with transaction.atomic():
            for step in self.steps:
                step(run)
        self.report(run, before=before, elapsed=time.monotonic() - started)

    def progress(self, iterable, *, total: int, description: str):
        if self.verbosity < 1 or not total or not self.stdout.isatty():
            return iterable
        return progress_bar(
            self.stdout, iterable, total=total, description=description, unit=" rév."
        )

    def report(self, run: DemoRun, *, before: dict[str, int], elapsed: float) -> None:
        # What was created is what the site holds now minus what it held before: the figures
        # of the two lines always agree.
        totals = site_totals()
        created = {kind: totals[kind] - before[kind] for kind in totals}
        if any(created.values()):
            self.stdout.write(
                self.style.SUCCESS(
                    f"Port-Kerlann chargé en {elapsed:.1f} s : "
                    f"{created['articles']} articles, {created['revisions']} révisions, "
                    f"{created['images']} images et {created['users']} comptes créés."
                )
            )
        else:
            self.stdout.write("Port-Kerlann est déjà chargé : rien de nouveau à créer.")
        self.stdout.write(
            f"Au total : {totals['articles']} articles ({totals['published']} publiés, "
            f"{totals['articles'] - totals['published']} en attente de relecture), "
            f"{totals['revisions']} révisions, {totals['images']} images, "
            f"{totals['users']} comptes."
        )
        if totals["pending"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{totals['pending']} révisions attendent une relecture (/relecture/)."
                )
            )
        for warning in run.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration (mot de passe : {run.password}) :")
        self.report_accounts(run.content)
        if run.existing_users:
            self.stdout.write(
                "Ces comptes existaient déjà : leur mot de passe n'a pas été modifié."
                if len(run.existing_users) == len(run.content.residents) + 1
                else "Comptes déjà présents, mot de passe non modifié : "
                + ", ".join(sorted(run.existing_users))
            )

    def report_accounts(self, content: DemoContent) -> None:
        vandals = []
        for person in content.people:
            if person.role == "vandale":
                vandals.append(person.username)
                continue
            role = ROLE_LABELS[person.role]
            self.stdout.write(f"  {person.username:<10} {person.full_name} ({role})")
        for username in vandals:
            self.stdout.write(
                f"  (et {username}, le compte d'un vandale de démonstration, sans mot de passe)"
            )
