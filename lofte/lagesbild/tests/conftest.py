import datetime

import pytest
from django.contrib.auth.models import User

from lofte.areas.models import Area
from lofte.kommuner.models import KommunMembership
from lofte.lagesbild.models import Lagesbild, Problem


def make_lagesbild(kommun, area, status=Lagesbild.Status.DRAFT, title="Lägesbild testby"):
    return Lagesbild.objects.create(
        kommun=kommun,
        area=area,
        title=title,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        status=status,
        analysis="Analysen av testby.",
        other_information="Trygghetsvandring i testby.",
    )


@pytest.fixture
def testby_area(goteborg):
    return Area.objects.create(name="Testby centrum", kind="own", kommun=goteborg)


@pytest.fixture
def draft_lb(goteborg, testby_area):
    lb = make_lagesbild(goteborg, testby_area)
    Problem.objects.create(lagesbild=lb, order=1, title="Öppen narkotikahandel vid torget")
    return lb


@pytest.fixture
def published_lb(goteborg, testby_area):
    return make_lagesbild(
        goteborg, testby_area, Lagesbild.Status.PUBLISHED, title="Publicerad lägesbild"
    )


@pytest.fixture
def frida(db):
    """Staff without a role anywhere."""
    return User.objects.create_user("frida", "frida@example.se", "secret-pass-1", is_staff=True)


@pytest.fixture
def malin(malmo):
    """Malmö's analyst."""
    user = User.objects.create_user("malin", "malin@example.se", "secret-pass-1", is_staff=True)
    KommunMembership.objects.create(user=user, kommun=malmo, role="analyst")
    return user


def square(min_lon, min_lat, max_lon, max_lat):
    from shapely.geometry import box

    return box(min_lon, min_lat, max_lon, max_lat)


def give_boundary(area, shape, valid_from=datetime.date(2020, 1, 1)):
    from lofte.areas.models import AreaBoundary

    boundary = AreaBoundary(area=area, valid_from=valid_from, source="test.geojson")
    boundary.set_shape(shape)
    boundary.save()
    return boundary


@pytest.fixture
def mapped(goteborg):
    """A vulnerable area (a square) split in two RegSO halves that reach beyond it, and a
    published lägesbild of it for 2025."""
    area = Area.objects.create(
        name="Testområdet", kind="vulnerable_area", code="T1", kommun=goteborg
    )
    give_boundary(area, square(11.90, 57.70, 11.92, 57.71))
    west = Area.objects.create(name="Väster", kind="regso", code="1480R901", kommun=goteborg)
    east = Area.objects.create(name="Öster", kind="regso", code="1480R902", kommun=goteborg)
    give_boundary(west, square(11.88, 57.69, 11.91, 57.72))
    give_boundary(east, square(11.91, 57.69, 11.94, 57.72))
    lb = make_lagesbild(goteborg, area, Lagesbild.Status.PUBLISHED, title="Testområdets lägesbild")
    return lb, west, east


def add_reports(kommun, spec):
    """spec: [(longitude, latitude, category name, date, count)]; returns the categories."""
    from decimal import Decimal

    from lofte.incidents.models import IncidentCategory, IncidentReport

    IncidentCategory.ensure_checklist(kommun)
    categories = {c.name: c for c in IncidentCategory.objects.filter(kommun=kommun)}
    IncidentReport.objects.bulk_create(
        IncidentReport(
            kommun=kommun,
            category=categories[name],
            occurred_on=day,
            part_of_day="evening",
            longitude=Decimal(str(lon)),
            latitude=Decimal(str(lat)),
            text="Klotter.",
        )
        for lon, lat, name, day, n in spec
        for _i in range(n)
    )
    return categories
