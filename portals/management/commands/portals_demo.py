"""``manage.py portals_demo``: the whole demo territory (wiki, commons, portals), idempotent.

`make run` calls it. It runs ``wiki_demo`` (residents, articles, the facilitator's day) and
``commons_demo`` (commons and assessments), adds the thematic portals, rebuilds the search index
and prints the demo logins last.
"""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portals.demo import load_portals_demo


class Command(BaseCommand):
    help = "Charge tout le territoire de démonstration : articles, communs et portails."

    def handle(self, *args, **options):
        wiki_report = StringIO()
        call_command("wiki_demo", stdout=wiki_report)
        call_command("commons_demo", stdout=self.stdout)
        load_portals_demo(self.stdout)
        call_command("search_rebuild", "--no-progress", stdout=self.stdout)
        self.stdout.write(wiki_report.getvalue())
