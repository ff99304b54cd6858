"""Every persona against every incident page, with GET and POST: who may see and change what.

The rules live in IncidentReport.objects (visible_to, editable_by, rights_in and the
*_kommuner methods); these tests pin what the pages make of them, and that a refused write
changes nothing.
"""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lofte.incidents.models import IncidentCategory, IncidentReport, Place
from lofte.incidents.tests.conftest import make_report, report_form

pytestmark = pytest.mark.django_db

PERSONAS = ["vera", "oskar", "mona", "ali", "cora", "alice", "stina", "anonymous", "sam"]


def expect(**given):
    """Return a status per persona: `default` for those not named."""
    default = given.pop("default")
    return {p: given.get(p, default) for p in PERSONAS}


ONLY_REPORTERS_OF_GOTEBORG = expect(
    vera=200, oskar=200, ali=200, cora=200, sam=200, anonymous=302, default=403
)
ONLY_ANALYSTS = expect(ali=200, cora=200, sam=200, anonymous=302, default=403)
ONLY_COORDINATORS = expect(cora=200, sam=200, anonymous=302, default=403)
# Vera's organisation's report: hidden (404) from everyone who may not see it.
VERAS_REPORT = expect(vera=200, ali=200, cora=200, sam=200, anonymous=302, default=404)
VERAS_REPORT_REMOVAL = expect(vera=200, ali=403, cora=200, sam=200, anonymous=302, default=404)

GET = {
    "public": expect(default=200),
    "report": ONLY_REPORTERS_OF_GOTEBORG,
    "reports": ONLY_REPORTERS_OF_GOTEBORG,
    "edit": VERAS_REPORT,
    "remove": VERAS_REPORT_REMOVAL,
    "overview": ONLY_ANALYSTS,
    "checklist": ONLY_COORDINATORS,
    "places": ONLY_COORDINATORS,
    "place": ONLY_COORDINATORS,
}


@pytest.fixture
def cast(vera, oskar, mona, ali, cora, alice, stina, sam):
    return {
        "vera": vera,
        "oskar": oskar,
        "mona": mona,
        "ali": ali,
        "cora": cora,
        "alice": alice,
        "stina": stina,
        "sam": sam,
        "anonymous": None,
    }


@pytest.fixture
def veras_report(goteborg, torget, housing, vera):
    return make_report(goteborg, place=torget, organisation=housing, reporter=vera)


def url(name, goteborg, report, place):
    args = [goteborg.slug]
    if name in ("edit", "remove"):
        args.append(report.pk)
    if name == "place":
        args.append(place.pk)
    return reverse(f"incidents:{name}", args=args)


def as_persona(client, cast, persona):
    if cast[persona] is not None:
        client.force_login(cast[persona])
    return client


def snapshot():
    """Everything a write could change."""
    return (
        list(IncidentReport.objects.order_by("pk").values()),
        list(IncidentCategory.objects.order_by("pk").values()),
        list(Place.objects.order_by("pk").values()),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_each_page_or_is_refused(
    client, cast, persona, goteborg, veras_report, torget
):
    as_persona(client, cast, persona)
    got = {name: client.get(url(name, goteborg, veras_report, torget)) for name in GET}
    assert {name: r.status_code for name, r in got.items()} == {
        name: statuses[persona] for name, statuses in GET.items()
    }
    for response in got.values():
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("front:login"))


def post_data(name, goteborg, report, place):
    """A valid POST for each page, which changes something when it is allowed."""
    if name == "report":
        return report_form(goteborg, place)
    if name == "edit":
        return report_form(goteborg, place, text="Rättat: klotter på fasaden.", version=1)
    if name == "checklist":
        categories = list(IncidentCategory.objects.filter(kommun=goteborg))
        data = {
            "form-TOTAL_FORMS": str(len(categories)),
            "form-INITIAL_FORMS": str(len(categories)),
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
        }
        for i, c in enumerate(categories):
            data |= {f"form-{i}-id": c.pk, f"form-{i}-name": c.name, f"form-{i}-order": c.order}
            data |= {f"form-{i}-is_active": "on"} if c.name != "Annat" else {}
        return data
    if name in ("places", "place"):
        return {"name": "Backavallen", "latitude": "57,7495", "longitude": "11,9918"}
    return {}


WRITES = {
    # page: {persona: status}; 302 to the page itself (not to the login) means it was done.
    "report": ONLY_REPORTERS_OF_GOTEBORG
    | {p: 302 for p in ("vera", "oskar", "ali", "cora", "sam")},
    "edit": VERAS_REPORT | {"vera": 302, "cora": 302, "sam": 302, "ali": 403},
    "remove": VERAS_REPORT_REMOVAL | {"vera": 302, "cora": 302, "sam": 302},
    "checklist": ONLY_COORDINATORS | {"cora": 302, "sam": 302},
    "places": ONLY_COORDINATORS | {"cora": 302, "sam": 302},
    "place": ONLY_COORDINATORS | {"cora": 302, "sam": 302},
    "reports": expect(anonymous=302, default=405),
    "overview": expect(anonymous=302, default=405),
    "public": expect(default=405),
}


class Undo(Exception):
    """Raised to roll one persona's write back before the next persona tries."""


@pytest.mark.parametrize("name", list(WRITES))
def test_each_persona_writes_where_allowed_and_a_refused_write_changes_nothing(
    client, cast, name, goteborg, veras_report, torget
):
    target = url(name, goteborg, veras_report, torget)
    data = post_data(name, goteborg, veras_report, torget)
    for persona in PERSONAS:
        before = snapshot()
        client.logout()
        try:
            with transaction.atomic():
                response = as_persona(client, cast, persona).post(target, data)
                done = response.status_code == 302 and not response["Location"].startswith(
                    reverse("front:login")
                )
                assert response.status_code == WRITES[name][persona], persona
                assert (snapshot() != before) == done, persona
                raise Undo
        except Undo:
            pass
        assert snapshot() == before


def test_a_report_filed_by_a_local_reporter_is_for_their_organisation(
    client, goteborg, torget, vera, housing
):
    client.force_login(vera)
    client.post(reverse("incidents:report", args=[goteborg.slug]), report_form(goteborg, torget))
    report = IncidentReport.objects.get()
    assert (report.reporter, report.organisation, report.area) == (vera, housing, torget.area)


def test_a_coordinator_reports_for_the_kommun_itself(client, goteborg, torget, cora):
    client.force_login(cora)
    client.post(reverse("incidents:report", args=[goteborg.slug]), report_form(goteborg, torget))
    assert IncidentReport.objects.get().organisation is None


def test_a_reporter_sees_only_their_organisations_recent_reports(
    goteborg, torget, vera, oskar, housing, guards
):
    own = make_report(goteborg, place=torget, organisation=housing, reporter=vera)
    colleague = make_report(goteborg, place=torget, organisation=housing)
    old = make_report(goteborg, place=torget, organisation=housing, reporter=vera)
    IncidentReport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    make_report(goteborg, place=torget, organisation=guards, reporter=oskar)
    visible = IncidentReport.objects.visible_to(vera)
    assert set(visible) == {own, colleague}
    assert set(IncidentReport.objects.editable_by(vera)) == {own, colleague}


def test_an_analyst_sees_every_report_of_the_kommun_and_corrects_only_their_own_recent_ones(
    goteborg, torget, ali, vera, housing
):
    theirs = make_report(goteborg, place=torget, reporter=ali)
    veras = make_report(goteborg, place=torget, organisation=housing, reporter=vera)
    assert set(IncidentReport.objects.visible_to(ali)) == {theirs, veras}
    assert set(IncidentReport.objects.editable_by(ali)) == {theirs}


def test_nobody_of_another_kommun_sees_its_reports(
    client, goteborg, molndal, torget, molndal_place, cora, mona, housing
):
    molndals = make_report(molndal, place=molndal_place, organisation=housing, reporter=mona)
    assert molndals not in IncidentReport.objects.visible_to(cora)
    client.force_login(cora)
    assert client.get(reverse("incidents:edit", args=[molndal.slug, molndals.pk])).status_code == (
        404
    )
    assert client.get(reverse("incidents:overview", args=[molndal.slug])).status_code == 403
    # A Göteborg report cannot be reached under Mölndal's address either.
    goteborgs = make_report(goteborg, place=torget)
    assert client.get(reverse("incidents:edit", args=[molndal.slug, goteborgs.pk])).status_code == (
        404
    )


def test_the_kommuner_each_persona_may_report_in(goteborg, molndal, cast):
    reportable = {
        name: set(IncidentReport.objects.reportable_kommuner(user).values_list("code", flat=True))
        for name, user in cast.items()
        if user is not None
    }
    assert reportable["vera"] == reportable["ali"] == reportable["cora"] == {"1480"}
    assert reportable["mona"] == {"1481"}
    assert reportable["alice"] == reportable["stina"] == set()
    assert len(reportable["sam"]) == 290


def test_an_anonymous_visitor_may_report_nowhere_and_sees_no_report(goteborg, torget):
    from django.contrib.auth.models import AnonymousUser

    make_report(goteborg, place=torget)
    assert not IncidentReport.objects.reportable_kommuner(AnonymousUser()).exists()
    assert not IncidentReport.objects.visible_to(AnonymousUser()).exists()
    assert IncidentReport.objects.rights_in(AnonymousUser(), goteborg) == set()


def test_a_place_of_another_kommun_cannot_be_chosen(client, goteborg, molndal_place, vera):
    client.force_login(vera)
    response = client.post(
        reverse("incidents:report", args=[goteborg.slug]),
        report_form(goteborg, molndal_place),
    )
    assert response.status_code == 400
    assert not IncidentReport.objects.exists()


def test_an_unknown_kommun_is_a_404(client, cora):
    client.force_login(cora)
    assert client.get(reverse("incidents:report", args=["ingenstans"])).status_code == 404
    assert client.get(reverse("incidents:public", args=["ingenstans"])).status_code == 404
