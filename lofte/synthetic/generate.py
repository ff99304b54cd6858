"""A synthetic national data set: Sweden's 290 kommuner with made-up promises, commitments,
updates, measure values, lägesbilder and local incident reports, for measuring Löfte at the
size of a national installation.

Everything made here is marked: promises, areas, organisations and users have slugs or
usernames that start with `PREFIX`, titles say "(Syntetisk)", and organisations, lägesbilder
and incident reports are `is_example` (the pages say they are made up). `delete()` removes
exactly what `generate()` made, and `generate()` refuses an installation that holds real
promises unless told otherwise.

The rows are written with PostgreSQL's COPY (psycopg 3), or `executemany` on SQLite (for the
tests), with primary keys chosen here so that children can point at their parents without
reading them back; the sequences are reset afterwards.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

import shapely
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models import Max
from django.utils import timezone

from lofte.actors.models import Organisation
from lofte.areas.models import Area, AreaBoundary
from lofte.followup.models import MeasureValue, ReportingPeriod, Update
from lofte.incidents.models import IncidentCategory, IncidentReport
from lofte.kommuner.models import Kommun, KommunMembership
from lofte.lagesbild.models import Lagesbild, Problem
from lofte.promises.models import Commitment, FocusArea, Goal, Measure, Promise

PREFIX = "syntetisk-"
MARK = "(Syntetisk)"

# The full national size; `scale` multiplies every figure but the kommuner.
FULL = {
    "promises": 1_500,
    "commitments": 50_000,
    "updates": 400_000,
    "measure_values": 1_000_000,
    "incident_reports": 5_000_000,
    "lagesbilder": 100,
}
PERIODS = 8  # quarters of 2024 and 2025: updates per commitment = 400,000 / 50,000
FOCUS_AREAS = ("Skola", "Fritid", "Boende", "Trafik")
GOALS = 3
ORGANISATIONS_PER_KOMMUN = 8
PROBLEMS = 3
# The largest promise has this many times the commitments of a typical one.
LARGEST = 5
INCIDENTS_FROM = datetime.date(2023, 1, 1)
INCIDENT_DAYS = 3 * 365

WORDS = {
    "what": [
        "Nattvandring",
        "Trygghetsvandring",
        "Läxhjälp",
        "Fritidsgård med kvällsöppet",
        "Belysning",
        "Klotterborttagning",
        "Föräldrastöd",
        "Sommarjobb för unga",
        "Grannsamverkan",
        "Idrott på lovet",
        "Kameraövervakning",
        "Mötesplats för äldre",
    ],
    "where": [
        "torget",
        "centrum",
        "skolgården",
        "stationen",
        "parken",
        "idrottsplatsen",
        "biblioteket",
        "hamnen",
    ],
    "measure": [("Antal tillfällen", "st"), ("Antal deltagare", "st"), ("Andel trygga", "%")],
}


# What an actor reports: a few sentences, about 300 characters, as real updates are.
UPDATE_TEXTS = [
    f"{MARK} {a} {b} {c}"
    for a in (
        "Vi har genomfört fyra kvällar med nattvandring kring torget och centrum.",
        "Arbetet har gått enligt plan och fler föreningar har anslutit under perioden.",
        "Två aktiviteter fick ställas in på grund av sjukdom i personalgruppen.",
    )
    for b in (
        "Ungdomarna vi mötte berättade att de känner sig tryggare när vuxna finns på plats.",
        "Fastighetsägaren har bytt belysning i gångtunneln efter våra synpunkter.",
    )
    for c in (
        "Nästa period fokuserar vi på skolgården och stationen, där flest incidenter rapporterats.",
        "Vi fortsätter i samma omfattning och följer upp med polisen varje månad.",
    )
]


class RealDataError(Exception):
    """The installation holds promises that are not synthetic."""


@dataclass
class Result:
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


def sizes(scale):
    """Return how many of each kind `scale` asks for: at least one of each."""
    return {kind: max(1, round(n * scale)) for kind, n in FULL.items()}


def marker(scale, seed):
    """The text every synthetic promise's background starts with: how it was made."""
    return f"{MARK} scale={scale:g} seed={seed}"


def synthetic_promises():
    return Promise.objects.filter(slug__startswith=PREFIX)


def real_promises():
    return Promise.objects.exclude(slug__startswith=PREFIX)


def existing_marker():
    """Return the marker of the synthetic data in the database, or None."""
    first = synthetic_promises().order_by("pk").values_list("background", flat=True).first()
    return first.split("\n", 1)[0] if first else None


def delete():
    """Remove everything `generate` made; leave everything else."""
    users = get_user_model().objects.filter(username__startswith=PREFIX)
    promises = synthetic_promises()
    commitments = Commitment.objects.filter(focus_area__promise__in=promises)
    # Straight DELETEs, children first: the ORM's collector would read millions of rows.
    for queryset in (
        IncidentReport.objects.filter(reporter__in=users),
        MeasureValue.objects.filter(measure__commitment__in=commitments),
        Update.objects.filter(commitment__in=commitments),
        Problem.commitments.through.objects.filter(commitment__in=commitments),
        Commitment.actors.through.objects.filter(commitment__in=commitments),
        Commitment.goals.through.objects.filter(commitment__in=commitments),
        Measure.objects.filter(commitment__in=commitments),
        commitments,
    ):
        queryset._raw_delete(queryset.db)
    with transaction.atomic():
        Lagesbild.objects.filter(area__name__endswith=MARK, is_example=True).delete()
        promises.delete()
        Area.objects.filter(promises=None, code__startswith=PREFIX).delete()
        Organisation.objects.filter(slug__startswith=PREFIX).delete()
        users.delete()


def generate(scale=1.0, seed=1, *, force=False, log=print):
    """Make the synthetic data set at `scale` (1.0 = national), replacing any earlier one."""
    if real_promises().exists() and not force:
        raise RealDataError
    result = Result()
    started = time.monotonic()
    delete()
    result.seconds["delete"] = time.monotonic() - started
    loader = _Loader(random.Random(seed), sizes(scale), marker(scale, seed), log)
    with transaction.atomic():
        unchecked = _may_skip_foreign_key_checks()
        if unchecked:
            # Every key points at a row made before it (the test checks them all on SQLite);
            # checking 25 million of them one by one at COMMIT would take minutes.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
            log("foreign keys not checked row by row (session_replication_role = replica)")
        loader.run()
        if unchecked:  # back to normal for the rest of an enclosing transaction, if any
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    result.counts = loader.counts
    result.seconds.update(loader.seconds)
    if connection.vendor == "postgresql":
        step = time.monotonic()
        # Statistics for the planner, and the visibility map that lets an index-only scan
        # skip the table (autovacuum does both in time; the benchmark should not wait).
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (a caller's, or a test's): ANALYZE can.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        result.seconds["vacuum"] = time.monotonic() - step
    result.seconds["total"] = time.monotonic() - started
    return result


def _may_skip_foreign_key_checks():
    """Return True on PostgreSQL as a superuser, who alone may turn the checks' triggers off."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SHOW is_superuser")
        return cursor.fetchone()[0] == "on"


def _spread(total, weights, minimum=0):
    """Split `total` into whole parts in proportion to `weights`, each at least `minimum`."""
    free = total - minimum * len(weights)
    whole = sum(weights)
    parts = [minimum + int(free * w / whole) for w in weights]
    for i in range(total - sum(parts)):
        parts[i % len(parts)] += 1
    return parts


class _Loader:
    def __init__(self, rng, size, mark, log):
        self.rng, self.size, self.mark, self.log = rng, size, mark, log
        self.now = timezone.now()
        self.counts, self.seconds = {}, {}
        self.next_id = {}

    def ids(self, model, n):
        """Reserve `n` primary keys of `model`."""
        if model not in self.next_id:
            self.next_id[model] = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        start = self.next_id[model]
        self.next_id[model] = start + n
        return range(start, start + n)

    def write(self, model, columns, rows, bulky=False):
        """Insert `rows` (tuples of `columns`, attnames) into `model`'s table; the other
        columns get their field's default ("" or NULL), timestamps now.

        `bulky`: millions of rows. On PostgreSQL the table's indexes other than its primary
        key are dropped before and built again after: one sort per index instead of millions
        of insertions into each (the incident reports have eight)."""
        fields = {f.attname: f for f in model._meta.concrete_fields}
        # Columns not given take their default; an id not given, the database's sequence.
        rest = [
            f
            for name, f in fields.items()
            if name not in columns and not isinstance(f, models.AutoField)
        ]
        constants = tuple(
            self.now if isinstance(f, models.DateTimeField) and not f.null else f.get_default()
            for f in rest
        )
        names = list(columns) + [f.attname for f in rest]
        table = connection.ops.quote_name(model._meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(fields[n].column) for n in names)
        started, n = time.monotonic(), 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                rebuild = self.drop_indexes(cursor, model._meta.db_table) if bulky else []
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + constants)
                        n += 1
                for sql in rebuild:
                    cursor.execute(sql)
            else:
                # Only what sqlite3 cannot take as it is needs Django's conversion.
                convert = (models.DateField, models.DecimalField, models.TimeField)
                prepared = [
                    (lambda v, f=fields[n]: f.get_db_prep_save(v, real))
                    if isinstance(fields[n], convert)
                    else (lambda v: v)
                    for n in names
                ]
                real = connections[DEFAULT_DB_ALIAS]
                marks = ", ".join(["%s"] * len(names))
                sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
                batch = []
                for row in rows:
                    batch.append([f(v) for f, v in zip(prepared, row + constants, strict=True)])
                    n += 1
                    if len(batch) == 10_000:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
        name = model._meta.model_name
        self.counts[name] = self.counts.get(name, 0) + n
        self.seconds[name] = self.seconds.get(name, 0) + time.monotonic() - started
        self.log(f"{name}: {n} rows in {time.monotonic() - started:.1f} s")

    def run(self):
        rng, size = self.rng, self.size
        kommuner = list(Kommun.objects.order_by("code"))
        # Bigger kommuner have more of everything: a long tail, as Sweden's populations do.
        weight = {
            k.pk: 1 / (1 + i) ** 0.8 for i, k in enumerate(rng.sample(kommuner, len(kommuner)))
        }
        # Each kommun's reports fall in a box of 0.1° from its corner; a lägesbild's area is
        # a square of 0.03° in it (AreaBoundary), so about a tenth of them are mapped.
        self.corner = {k.pk: (55.5 + 12 * rng.random(), 12 + 11 * rng.random()) for k in kommuner}
        self.users(kommuner)
        self.organisations(kommuner)
        owners = rng.choices(kommuner, [weight[k.pk] for k in kommuner], k=size["promises"])
        self.promises(owners)
        self.commitments()
        self.followup()
        self.lagesbilder()
        self.incidents(kommuner, weight)
        self.reset_sequences()

    def users(self, kommuner):
        User = get_user_model()
        ids = self.ids(User, 2 * len(kommuner))
        self.coordinator, self.reporter = {}, {}
        rows = []
        for i, k in enumerate(kommuner):
            self.coordinator[k.pk], self.reporter[k.pk] = ids[2 * i], ids[2 * i + 1]
            for pk, role in ((ids[2 * i], "samordnare"), (ids[2 * i + 1], "rapportor")):
                rows.append((pk, f"{PREFIX}{role}-{k.code}", "!", True, self.now))
        self.write(User, ["id", "username", "password", "is_active", "date_joined"], rows)
        self.write(
            KommunMembership,
            ["id", "user_id", "kommun_id", "role"],
            [
                (pk, self.coordinator[k.pk], k.pk, KommunMembership.Role.COORDINATOR)
                for pk, k in zip(self.ids(KommunMembership, len(kommuner)), kommuner, strict=True)
            ],
        )

    def organisations(self, kommuner):
        kinds = [k for k, _ in Organisation.Kind.choices]
        n = ORGANISATIONS_PER_KOMMUN
        ids = iter(self.ids(Organisation, n * len(kommuner)))
        self.orgs = {}
        rows = []
        for k in kommuner:
            for i in range(n):
                pk = next(ids)
                self.orgs.setdefault(k.pk, []).append(pk)
                name = f"Aktör {i + 1} i {k.name} {MARK}"
                rows.append(
                    (pk, name, f"{PREFIX}aktor-{k.code}-{i + 1}", kinds[i % len(kinds)], True, k.pk)
                )
        self.write(Organisation, ["id", "name", "slug", "kind", "is_example", "kommun_id"], rows)

    def promises(self, owners):
        rng, n = self.rng, len(owners)
        area_ids, promise_ids = self.ids(Area, n), self.ids(Promise, n)
        self.promise_rows = []
        areas, promises = [], []
        for i, (area_id, pk, k) in enumerate(zip(area_ids, promise_ids, owners, strict=True)):
            where = f"{rng.choice(WORDS['where']).capitalize()} {i + 1}"
            areas.append(
                (
                    area_id,
                    f"{where} i {k.name} {MARK}",
                    Area.Kind.MELLANOMRADE,
                    f"{PREFIX}{i + 1}",
                    k.pk,
                )
            )
            status = Promise.Status.ARCHIVED if i % 10 == 9 else Promise.Status.PUBLISHED
            promises.append(
                (
                    pk,
                    f"Tryggare {where} i {k.name} {MARK}",
                    f"{PREFIX}{k.slug}-{i + 1}",
                    k.pk,
                    area_id,
                    datetime.date(2024, 1, 1),
                    datetime.date(2025, 12, 31),
                    status,
                    f"Ett syntetiskt medborgarlöfte för {where} i {k.name}: trygghet, "
                    "nattvandring och en levande stadsdel.",
                    f"{self.mark}\nPåhittade data för att mäta Löfte i nationell skala.",
                )
            )
            self.promise_rows.append((pk, k.pk, area_id))
        self.write(Area, ["id", "name", "kind", "code", "kommun_id"], areas)
        self.write(
            Promise,
            [
                "id",
                "title",
                "slug",
                "kommun_id",
                "area_id",
                "period_start",
                "period_end",
                "status",
                "summary",
                "background",
            ],
            promises,
        )

    def commitments(self):
        rng, size = self.rng, self.size
        n = len(self.promise_rows)
        weights = [rng.lognormvariate(0, 0.5) for _ in range(n)]
        weights[0] = LARGEST * sum(weights) / n  # one promise far larger than the others
        per_promise = _spread(
            size["commitments"], weights, minimum=min(4, size["commitments"] // n)
        )
        goal_ids = iter(self.ids(Goal, GOALS * n))
        fa_ids = iter(self.ids(FocusArea, len(FOCUS_AREAS) * n))
        commitment_ids = iter(self.ids(Commitment, sum(per_promise)))
        goals, focus_areas, commitments, actors, served = [], [], [], [], []
        self.commitment_rows = []  # (pk, promise_id)
        statuses = [Commitment.Status.ONGOING] * 6 + [
            Commitment.Status.DONE,
            Commitment.Status.PLANNED,
            Commitment.Status.DELAYED,
        ]
        for (promise_id, kommun_id, _area), count in zip(
            self.promise_rows, per_promise, strict=True
        ):
            g = [next(goal_ids) for _ in range(GOALS)]
            goals += [
                (pk, promise_id, f"Mål {i + 1}: tryggare utemiljö {MARK}", i + 1)
                for i, pk in enumerate(g)
            ]
            fa = [next(fa_ids) for _ in FOCUS_AREAS]
            focus_areas += [
                (pk, promise_id, name, name.lower(), f"Därför {name.lower()}.", i)
                for i, (pk, name) in enumerate(zip(fa, FOCUS_AREAS, strict=True))
            ]
            orgs = self.orgs[kommun_id]
            for i in range(count):
                pk = next(commitment_ids)
                what, where = rng.choice(WORDS["what"]), rng.choice(WORDS["where"])
                commitments.append(
                    (
                        pk,
                        fa[i % len(fa)],
                        f"{what} vid {where} {MARK}",
                        f"{what} vid {where}, varje vecka.",
                        rng.choice(statuses),
                        i,
                    )
                )
                first = rng.randrange(len(orgs))
                actors += [(pk, orgs[first]), (pk, orgs[(first + 1) % len(orgs)])]
                served.append((pk, g[i % GOALS]))
                self.commitment_rows.append((pk, promise_id))
        self.write(Goal, ["id", "promise_id", "title", "order"], goals)
        self.write(FocusArea, ["id", "promise_id", "name", "slug", "why", "order"], focus_areas)
        self.write(
            Commitment,
            ["id", "focus_area_id", "title", "description", "status", "order"],
            commitments,
        )
        self.write(Commitment.actors.through, ["commitment_id", "organisation_id"], actors)
        self.write(Commitment.goals.through, ["commitment_id", "goal_id"], served)

    def followup(self):
        rng, size = self.rng, self.size
        period_ids = {}
        periods = []
        for (promise_id, _k, _a), pks in zip(
            self.promise_rows,
            _chunks(self.ids(ReportingPeriod, PERIODS * len(self.promise_rows)), PERIODS),
            strict=True,
        ):
            period_ids[promise_id] = pks
            for q, pk in enumerate(pks):
                year, quarter = 2024 + q // 4, q % 4
                starts = datetime.date(year, 3 * quarter + 1, 1)
                ends = (starts + datetime.timedelta(days=95)).replace(day=1) - datetime.timedelta(
                    days=1
                )
                periods.append(
                    (
                        pk,
                        promise_id,
                        f"Kvartal {quarter + 1} {year}",
                        starts,
                        ends,
                        ends + datetime.timedelta(days=15),
                    )
                )
        self.write(
            ReportingPeriod, ["id", "promise_id", "name", "starts_on", "ends_on", "due_on"], periods
        )
        # Updates: one per commitment and period, the first in order, until the total is used up.
        n_commitments = len(self.commitment_rows)
        per_commitment = _spread(size["updates"], [1] * n_commitments)
        measures_per = _spread(
            round(size["measure_values"] * n_commitments / size["updates"]),
            [1] * n_commitments,
            minimum=1,
        )
        measure_ids = iter(self.ids(Measure, sum(measures_per)))
        measures, measure_of = [], {}
        for (pk, _p), m in zip(self.commitment_rows, measures_per, strict=True):
            measure_of[pk] = [next(measure_ids) for _ in range(m)]
            for j, mpk in enumerate(measure_of[pk]):
                name, unit = WORDS["measure"][j % 3]
                measures.append((mpk, pk, name, unit, Decimal(10 * (j + 1)), Decimal(40 * (j + 1))))
        self.write(Measure, ["id", "commitment_id", "name", "unit", "baseline", "target"], measures)
        update_ids = iter(self.ids(Update, size["updates"]))
        approved, submitted, draft = (
            Update.State.APPROVED,
            Update.State.SUBMITTED,
            Update.State.DRAFT,
        )
        made = []  # (update, commitment, quarter): the measure values follow them
        rows = []
        for (pk, promise_id), count in zip(self.commitment_rows, per_commitment, strict=True):
            for q in range(min(count, PERIODS)):
                state = approved if q < PERIODS - 1 else rng.choice((approved, submitted, draft))
                upk = next(update_ids)
                made.append((upk, pk, q))
                rows.append(
                    (
                        upk,
                        pk,
                        period_ids[promise_id][q],
                        Commitment.Status.ONGOING,
                        UPDATE_TEXTS[(pk + q) % len(UPDATE_TEXTS)],
                        state,
                        self.now if state != draft else None,
                        self.now if state == approved else None,
                    )
                )
        self.write(
            Update,
            [
                "id",
                "commitment_id",
                "period_id",
                "status",
                "text",
                "state",
                "submitted_at",
                "reviewed_at",
            ],
            rows,
        )
        del rows
        value_ids = iter(self.ids(MeasureValue, size["measure_values"]))

        def values():
            left = size["measure_values"]
            for upk, pk, q in made:
                for j, mpk in enumerate(measure_of[pk]):
                    if left == 0:
                        return
                    left -= 1
                    yield (
                        next(value_ids),
                        upk,
                        mpk,
                        Decimal(10 * (j + 1) + 3 * q + rng.randrange(5)),
                    )

        self.write(MeasureValue, ["id", "update_id", "measure_id", "value"], values(), bulky=True)

    def lagesbilder(self):
        rng = self.rng
        n = min(self.size["lagesbilder"], len(self.promise_rows))
        chosen = self.promise_rows[:n]  # the largest promise first: its lägesbild is measured
        commitments_of = {}
        for pk, promise_id in self.commitment_rows:
            commitments_of.setdefault(promise_id, []).append(pk)
        ids = self.ids(Lagesbild, n)
        problem_ids = iter(self.ids(Problem, PROBLEMS * n))
        rows, problems, addressed = [], [], []
        for pk, (promise_id, kommun_id, area_id) in zip(ids, chosen, strict=True):
            rows.append(
                (
                    pk,
                    kommun_id,
                    area_id,
                    f"Lägesbild 2024 {MARK}",
                    datetime.date(2024, 1, 1),
                    datetime.date(2024, 12, 31),
                    Lagesbild.Status.PUBLISHED,
                    "Påhittad analys.",
                    True,
                    self.now,
                )
            )
            for order in range(1, PROBLEMS + 1):
                ppk = next(problem_ids)
                problems.append((ppk, pk, order, f"Problem {order} {MARK}"))
                for c in rng.sample(
                    commitments_of[promise_id], min(2, len(commitments_of[promise_id]))
                ):
                    addressed.append((ppk, c))
        self.write(
            Lagesbild,
            [
                "id",
                "kommun_id",
                "area_id",
                "title",
                "period_start",
                "period_end",
                "status",
                "analysis",
                "is_example",
                "published_at",
            ],
            rows,
        )
        self.write(Problem, ["id", "lagesbild_id", "order", "title"], problems)
        for _pk, (_promise, kommun_id, area_id) in zip(ids, chosen, strict=True):
            lat, lon = self.corner[kommun_id]
            boundary = AreaBoundary(area_id=area_id, valid_from=datetime.date(2020, 1, 1))
            boundary.source = MARK
            boundary.set_shape(shapely.box(lon + 0.02, lat + 0.02, lon + 0.05, lat + 0.05))
            boundary.save()
        self.counts["areaboundary"] = len(chosen)
        self.write(Problem.commitments.through, ["problem_id", "commitment_id"], addressed)

    def incidents(self, kommuner, weight):
        rng, total = self.rng, self.size["incident_reports"]
        IncidentCategory.ensure_checklists(kommuner)
        categories = {}
        for pk, kommun_id in IncidentCategory.objects.values_list("pk", "kommun_id"):
            categories.setdefault(kommun_id, []).append(pk)
        areas = {}
        for _p, kommun_id, area_id in self.promise_rows:
            areas.setdefault(kommun_id, []).append(area_id)
        per_kommun = _spread(total, [weight[k.pk] for k in kommuner])
        days = [INCIDENTS_FROM + datetime.timedelta(days=d) for d in range(INCIDENT_DAYS)]
        moments = [
            timezone.make_aware(datetime.datetime.combine(d, datetime.time(12))) for d in days
        ]
        parts = [p for p, _ in IncidentReport.PartOfDay.choices]
        ids = iter(self.ids(IncidentReport, total))

        def rows():
            random_ = rng.random
            for k, count in zip(kommuner, per_kommun, strict=True):
                lat0, lon0 = self.corner[k.pk]
                cats, places, orgs = categories[k.pk], areas.get(k.pk, [None]), self.orgs[k.pk]
                reporter = self.reporter[k.pk]
                for _ in range(count):
                    d = int(random_() * INCIDENT_DAYS)
                    yield (
                        next(ids),
                        k.pk,
                        cats[int(random_() * len(cats))],
                        days[d],
                        parts[int(random_() * 4)],
                        round(lat0 + random_() / 10, 6),
                        round(lon0 + random_() / 10, 6),
                        places[int(random_() * len(places))],
                        reporter,
                        orgs[int(random_() * len(orgs))],
                        moments[d],
                        moments[d],
                        True,
                    )

        self.write(
            IncidentReport,
            [
                "id",
                "kommun_id",
                "category_id",
                "occurred_on",
                "part_of_day",
                "latitude",
                "longitude",
                "area_id",
                "reporter_id",
                "organisation_id",
                "created_at",
                "updated_at",
                "is_example",
            ],
            rows(),
            bulky=True,
        )

    def drop_indexes(self, cursor, table):
        """Drop the table's plain indexes (not those behind a constraint); return the SQL that
        makes them again."""
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conname = i.indexname)",
            [table],
        )
        found = cursor.fetchall()
        for name, _sql in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return [sql for _name, sql in found]

    def reset_sequences(self):
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(self.next_id)):
                cursor.execute(sql)


def _chunks(ids, n):
    ids = list(ids)
    return [ids[i : i + n] for i in range(0, len(ids), n)]
