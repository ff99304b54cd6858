"""Run background work: `lofte worker` (see lofte/background)."""

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from lofte.background import worker


class Command(BaseCommand):
    help = (
        "Run the background work (e-mail to subscribers, reminders, imports, the Police's "
        "events) from the database queue until stopped. Takes up work whose worker died and "
        "starts the periodic work itself, so no cron is needed. Run one or more per site."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )
        parser.add_argument(
            "--upkeep", type=float, default=10.0, help="Seconds between looks for dead work."
        )
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument("--max-tasks", type=int, help="Stop after this many tasks.")

    def handle(self, *args, interval, upkeep, batch, max_tasks, **options):
        worker.run(
            interval=interval,
            upkeep_interval=upkeep,
            batch=batch,
            max_tasks=max_tasks,
            worker_id=get_random_string(32),
        )
