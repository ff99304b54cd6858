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
