from django.core.management.base import BaseCommand, CommandError

from lofte.synthetic import generate


class Command(BaseCommand):
    help = (
        "Make a synthetic national data set (290 kommuner; at --scale 1: 1,500 promises, "
        "50,000 commitments, 400,000 updates, 1,000,000 measure values, 5,000,000 incident "
        "reports), marked as synthetic, replacing an earlier one; --delete removes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the national size.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add it even though the installation holds promises that are not synthetic.",
        )
        parser.add_argument("--delete", action="store_true", help="Only remove the synthetic data.")

    def handle(self, *args, scale, seed, force, delete, verbosity, **options):
        if delete:
            generate.delete()
            self.stdout.write("Synthetic data removed.")
            return
        if not 0 < scale <= 10:
            raise CommandError("--scale must be above 0 and at most 10.")
        log = self.stdout.write if verbosity > 1 else (lambda line: None)
        try:
            result = generate.generate(scale, seed, force=force, log=log)
        except generate.RealDataError as e:
            raise CommandError(
                "This database holds promises that are not synthetic: refusing to add "
                "synthetic data beside them. Use another database, or --force."
            ) from e
        counts = ", ".join(f"{name}={n}" for name, n in result.counts.items())
        self.stdout.write(f"{counts}\nGenerated in {result.seconds['total']:.1f} s.")
