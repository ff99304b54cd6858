"""Builders for tests and benchmarks: small promises made in code, no fixtures files."""

import datetime
from itertools import cycle

from lofte.actors.models import ContactPerson, Organisation
from lofte.areas.models import Area
from lofte.kommuner.models import Kommun, kommun_slugs, read_kommuner
from lofte.promises.models import Commitment, FocusArea, Goal, Measure, Promise


def make_promise(
    slug="testby",
    *,
    status=Promise.Status.PUBLISHED,
    actors=3,
    commitments=4,
    focus_areas=("Skola", "Fritid"),
):
    """Make a promise with goals, focus areas, actors, commitments and measures."""
    area = Area.objects.create(name=f"Området {slug}", kind=Area.Kind.CITY_AREA, code=slug[:10])
    promise = Promise.objects.create(
        title=f"Medborgarlöfte {slug}",
        slug=slug,
        area=area,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=status,
        summary=f"Ett tryggare {slug}.",
        background="Bakgrund.",
    )
    goals = [Goal.objects.create(promise=promise, title=f"Mål {i}", order=i) for i in range(1, 3)]
    areas = [
        FocusArea.objects.create(
            promise=promise, name=name, slug=name.lower(), why=f"Därför {name}.", order=i
        )
        for i, name in enumerate(focus_areas)
    ]
    kinds = cycle([k for k, _ in Organisation.Kind.choices])
    orgs = [
        Organisation.objects.create(
            name=f"Aktör {slug} {i}", slug=f"aktor-{slug}-{i}", kind=next(kinds), is_example=True
        )
        for i in range(actors)
    ]
    for i in range(commitments):
        c = Commitment.objects.create(
            focus_area=areas[i % len(areas)],
            title=f"Åtagande {i} i {slug}",
            description="Vi gör något.",
            status=Commitment.Status.ONGOING,
            order=i,
        )
        c.actors.add(orgs[i % len(orgs)], orgs[(i + 1) % len(orgs)])
        c.goals.add(goals[i % len(goals)])
        Measure.objects.create(commitment=c, name="Antal träffar", unit="st", target=10)
    contact = ContactPerson.objects.create(
        name=f"Kontakt {slug}",
        role="Kommunpolis",
        organisation=orgs[0],
        phone="000-000 00 00",
        email=f"kontakt.{slug}@example.se",
        is_press_contact=True,
        is_public=True,
    )
    promise.contacts.add(contact)
    return promise


def ensure_kommuner():
    """Load the 290 kommuner again if a live-server test emptied the tables after it.

    Migrations load them once; a transactional test flushes every table when it ends.
    """
    if Kommun.objects.exists():
        return
    kommuner = read_kommuner()
    slugs = kommun_slugs(kommuner)
    Kommun.objects.bulk_create(Kommun(slug=slugs[k["code"]], **k) for k in kommuner)
