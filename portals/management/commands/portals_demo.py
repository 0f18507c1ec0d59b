"""``manage.py portals_demo``: the whole demo territory (wiki, commons, portals), idempotent.

`make run` calls it. The content is in the files of ``demo/`` (see demo/README.md), all read
and checked before anything is written. It runs ``wiki_demo`` (residents, articles, the
facilitator's day) and ``commons_demo`` (commons and assessments), adds the thematic portals,
rebuilds the search index and prints the demo logins last.
"""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from commons.demo import read_demo_commons
from community.content_files import ContentFileError
from portals.demo import load_portals_demo, read_demo_portals
from search.queue import deferred_apply
from wiki.demo.content import read_demo


class Command(BaseCommand):
    help = "Charge tout le territoire de démonstration : articles, communs et portails."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            help="Dossier du contenu de la démonstration (par défaut : demo/ du projet).",
        )

    def handle(self, *args, **options):
        directory = options.get("directory")
        try:
            # Every file is checked before anything is written: a typo loads nothing.
            read_demo(directory)
            read_demo_commons(directory)
            portals = read_demo_portals(directory)
        except ContentFileError as error:
            raise CommandError(str(error)) from None
        extra = {"directory": directory} if directory else {}
        wiki_report = StringIO()
        # The index is rebuilt below: updating it after each of the ~170 saves is wasted work.
        with deferred_apply():
            call_command("wiki_demo", stdout=wiki_report, **extra)
            call_command("commons_demo", stdout=self.stdout, **extra)
            load_portals_demo(self.stdout, portals)
        call_command("search_rebuild", "--no-progress", stdout=self.stdout)
        self.stdout.write(wiki_report.getvalue())
