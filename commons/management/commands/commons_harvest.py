"""manage.py commons_harvest [--source NAME]: gather the commons of the declared sources."""

from django.core.management.base import BaseCommand, CommandError

from commons.importing.harvest import harvest
from commons.models import HarvestSource


class Command(BaseCommand):
    help = (
        "Moissonne les sources déclarées dans l'admin (Extraits → Sources moissonnées) : "
        "crée, met à jour et retire leurs fiches, en lecture seule ici. Une source en échec "
        "garde ses fiches précédentes. Cron conseillé : 15 3 * * * manage.py commons_harvest"
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", help="Nom d'une seule source.")

    def handle(self, *args, **options):
        sources = HarvestSource.objects.filter(active=True)
        if options["source"]:
            sources = sources.filter(name=options["source"])
            if not sources.exists():
                raise CommandError(f"Aucune source active « {options['source']} ».")
        failures = 0
        for source in sources:
            result = harvest(source)
            style = self.style.ERROR if result.error else self.style.SUCCESS
            failures += bool(result.error)
            self.stdout.write(style(f"{source.name} : {source.last_status}"))
        self.stdout.write(f"{sources.count()} source(s), {failures} en échec.")
