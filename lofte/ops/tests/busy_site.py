"""A site that keeps writing, for the backup tests: `python -m lofte.ops.tests.busy_site write`.

`write` commits one round after another, until it is stopped: a promise `busy-<round>` with
two commitments, a reporting period, and for each commitment an update with a measure value
and an evidence file, stored first and then named in the row, as the reporting form does.
Every third round also deletes the promise of two rounds before. After each commit it prints
`<round> <time>`.

`check` prints as JSON what a copy of such a site holds: the rounds, the rounds not whole,
the evidence files missing or changed, and the references to rows that do not exist.
"""

import json
import os
import sys
import time


def evidence(round_, order):
    return f"%PDF-1.4 round {round_}, commitment {order}\n".encode() * 100


def write():
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.db import transaction

    from lofte.followup.models import MeasureValue, ReportingPeriod, Update
    from lofte.promises.models import Commitment, Promise
    from lofte.testing import make_promise

    round_ = 0
    while True:
        with transaction.atomic():
            promise = make_promise(f"busy-{round_}", actors=2, commitments=2)
            period = ReportingPeriod.quarters_for(promise)[0]
            period.save()
            for commitment in promise.commitments():
                name = default_storage.save(
                    f"evidence/busy/{round_}-{commitment.order}.pdf",
                    ContentFile(evidence(round_, commitment.order)),
                )
                update = Update.objects.create(
                    commitment=commitment,
                    period=period,
                    text=f"Runda {round_}.",
                    status=Commitment.Status.ONGOING,
                    evidence_file=name,
                )
                MeasureValue.objects.create(
                    update=update, measure=commitment.measures.get(), value=round_
                )
            if round_ % 3 == 2:
                Promise.objects.filter(slug=f"busy-{round_ - 2}").delete()
        print(round_, time.time(), flush=True)
        round_ += 1


def check():
    from lofte.followup.models import MeasureValue, Update
    from lofte.promises.models import Promise

    rounds, incomplete, missing = [], [], []
    for promise in Promise.objects.filter(slug__startswith="busy-"):
        round_ = int(promise.slug.removeprefix("busy-"))
        rounds.append(round_)
        updates = Update.objects.filter(commitment__focus_area__promise=promise)
        values = MeasureValue.objects.filter(update__in=updates, value=round_)
        if (promise.commitments().count(), updates.count(), values.count()) != (2, 2, 2):
            incomplete.append(round_)
        for update in updates.select_related("commitment"):
            file = update.evidence_file
            if not file.storage.exists(file.name):
                missing.append(file.name)
                continue
            with file.open("rb"):
                if file.read() != evidence(round_, update.commitment.order):
                    missing.append(file.name)
    print(
        json.dumps(
            {
                "rounds": sorted(rounds),
                "incomplete": incomplete,
                "missing": missing,
                "dangling": dangling_references(),
            }
        )
    )


def dangling_references():
    """Return {table.column: rows} of the references to rows that do not exist."""
    from django.apps import apps
    from django.db import connection

    quote = connection.ops.quote_name
    dangling = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            for field in model._meta.concrete_fields:
                if not (field.many_to_one or field.one_to_one):
                    continue
                child, column = quote(model._meta.db_table), quote(field.column)
                parent = quote(field.related_model._meta.db_table)
                key = quote(field.target_field.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {child} c LEFT JOIN {parent} p ON c.{column} = p.{key} "
                    f"WHERE c.{column} IS NOT NULL AND p.{key} IS NULL"
                )
                count = cursor.fetchone()[0]
                if count:
                    dangling[f"{model._meta.db_table}.{field.column}"] = count
    return dangling


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lofte.settings")
    django.setup()
    {"write": write, "check": check}[sys.argv[1]]()
