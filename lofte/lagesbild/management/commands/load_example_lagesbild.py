from django.core.management.base import BaseCommand, CommandError

from lofte.lagesbild.examples import NoArea, load_example_lagesbild


class Command(BaseCommand):
    help = (
        "Make the demo's example lägesbild of Hisings Backa (Göteborg) from the imported "
        "boundaries, statistics and example incident reports; replaces an earlier example."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kommun", default="1480", help="SCB's code of the kommun.")

    def handle(self, *args, **options):
        try:
            lagesbild = load_example_lagesbild(options["kommun"])
        except NoArea as e:
            raise CommandError(str(e)) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {lagesbild.title}: {lagesbild.problems.count()} problems; "
                f"{lagesbild.get_absolute_url()}"
            )
        )
