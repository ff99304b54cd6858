from django.core.management.base import BaseCommand, CommandError

from lofte.demo.data import DEMO_LOGINS
from lofte.demo.load import DemoAlreadyLoaded, load_demo
from lofte.events.models import Event
from lofte.promises.models import Measure


class Command(BaseCommand):
    help = "Load the Hisings Backa demo data set (refuses if it is already loaded)."

    def handle(self, *args, **options):
        try:
            promise = load_demo()
        except DemoAlreadyLoaded as e:
            raise CommandError(str(e)) from e
        commitments = promise.commitments()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {promise.title} ({promise.period_start}–{promise.period_end}): "
                f"{promise.actors().count()} actors, {commitments.count()} commitments, "
                f"{Measure.objects.filter(commitment__in=commitments).count()} measures, "
                f"{Event.objects.filter(promise=promise).count()} events; "
                f"it follows {promise.previous}."
            )
        )
        if options["verbosity"] >= 1:  # `lofte demo` prints the logins itself
            self.stdout.write("Demo logins:")
            for username, password, what in DEMO_LOGINS:
                self.stdout.write(f"  {username:<12} {password:<14} {what}")
