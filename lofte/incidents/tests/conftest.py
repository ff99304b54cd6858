"""The cast of local incident reporting, in Göteborg (1480) and Mölndal (1481).

vera: local reporter in Göteborg for the housing company `bostad-exempel`;
oskar: local reporter in Göteborg for the guard company `vakt-exempel`;
mona: local reporter in Mölndal (another kommun) for the housing company;
ali: analyst in Göteborg; cora: coordinator in Göteborg;
alice (lofte/conftest.py): coordinator of a promise, no role in any kommun, staff;
stina: staff without any role; sam: superuser; and the anonymous resident.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from lofte.actors.models import Organisation
from lofte.areas.models import Area
from lofte.incidents.models import IncidentCategory, IncidentReport, Place
from lofte.kommuner.models import Kommun, KommunMembership


@pytest.fixture
def goteborg(db):
    kommun = Kommun.objects.get(code="1480")
    IncidentCategory.ensure_checklist(kommun)
    return kommun


@pytest.fixture
def molndal(db):
    kommun = Kommun.objects.get(code="1481")
    IncidentCategory.ensure_checklist(kommun)
    return kommun


@pytest.fixture
def housing(db):
    return Organisation.objects.create(
        name="Bostadsbolaget Exempel", slug="bostad-exempel", kind="housing", is_example=True
    )


@pytest.fixture
def guards(db):
    return Organisation.objects.create(
        name="Vaktbolaget Exempel", slug="vakt-exempel", kind="business", is_example=True
    )


@pytest.fixture
def backa(goteborg):
    return Area.objects.create(name="Backa", kind="mellanomrade", code="71", kommun=goteborg)


@pytest.fixture
def torget(goteborg, backa):
    return Place.objects.create(kommun=goteborg, name="Selma Lagerlöfs torg", area=backa)


@pytest.fixture
def molndal_place(molndal):
    return Place.objects.create(kommun=molndal, name="Mölndals torg")


def _person(username, kommun=None, role=None, organisation=None, **extra):
    user = User.objects.create_user(username, f"{username}@example.se", "secret-pass-1", **extra)
    if role:
        KommunMembership.objects.create(
            user=user, kommun=kommun, role=role, organisation=organisation
        )
    return user


@pytest.fixture
def vera(goteborg, housing):
    return _person("vera", goteborg, "reporter", housing)


@pytest.fixture
def oskar(goteborg, guards):
    return _person("oskar", goteborg, "reporter", guards)


@pytest.fixture
def mona(molndal, housing):
    return _person("mona", molndal, "reporter", housing)


@pytest.fixture
def ali(goteborg):
    return _person("ali", goteborg, "analyst")


@pytest.fixture
def cora(goteborg):
    return _person("cora", goteborg, "coordinator")


@pytest.fixture
def stina(db):
    return _person("stina", is_staff=True)


@pytest.fixture
def sam(db):
    return _person("sam", is_staff=True, is_superuser=True)


def category(kommun, name="Klotter"):
    return IncidentCategory.objects.get(kommun=kommun, name=name)


def make_report(kommun, *, place=None, point=None, organisation=None, reporter=None, **extra):
    """Save a report at the place (or the point), today at noon unless told otherwise."""
    fields = {
        "category": category(kommun, extra.pop("category", "Klotter")),
        "occurred_on": timezone.localdate(),
        "time_of_day": datetime.time(12, 0),
        "part_of_day": "afternoon",
        "text": "Klotter på väggen.",
    }
    fields.update(extra)
    latitude, longitude = point or (None, None)
    report = IncidentReport(
        kommun=kommun,
        place=place,
        latitude=latitude,
        longitude=longitude,
        organisation=organisation,
        reporter=reporter,
        **fields,
    )
    report.resolve_area()
    report.save()
    return report


def report_form(kommun, place, **extra):
    """The report form's fields: Klotter yesterday at 21:30 at the place (or at no place)."""
    data = {
        "category": category(kommun).pk,
        "occurred_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "time_of_day": "21:30",
        "part_of_day": "",
        "place": place.pk if place else "",
        "latitude": "",
        "longitude": "",
        "text": "Nytt klotter på busskuren.",
    }
    return {**data, **extra}
