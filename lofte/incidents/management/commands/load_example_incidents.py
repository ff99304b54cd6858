from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from lofte.incidents.examples import load_example_incidents
from lofte.kommuner.models import Kommun


class Command(BaseCommand):
    help = (
        "Replace a kommun's example incident reports (marked as examples) with new made-up "
        "ones in Hisings Backa's places. Real reports are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kommun", default="1480", help="SCB code or slug (1480)")
        parser.add_argument("--count", type=int, default=600, help="how many reports (600)")
        parser.add_argument("--seed", type=int, default=1480, help="for the same reports again")

    def handle(self, *args, kommun, count, seed, **options):
        found = Kommun.objects.filter(Q(code=kommun) | Q(slug=kommun)).first()
        if found is None:
            raise CommandError(f"No kommun has the code or slug {kommun!r}.")
        if not 0 <= count <= 100_000:
            raise CommandError("--count must be between 0 and 100000.")
        made = load_example_incidents(found, count, seed=seed)
        self.stdout.write(f"{made} example incident reports in {found.name}.")
