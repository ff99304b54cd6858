"""The accessibility statement (DIGG's model) and its form to report a problem."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from lofte.legal.models import ProblemReport

URL = "/tillganglighet/"

pytestmark = pytest.mark.django_db


def test_the_statement_has_the_parts_of_digg_s_model(client):
    html = client.get(URL).content.decode()

    for heading in [
        "Tillgänglighet för Löfte",
        "Hur tillgänglig är webbplatsen?",
        "Innehåll som inte är tillgängligt",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
    ]:
        assert heading in html
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html


def test_it_is_in_english_too(client):
    html = client.get("/en" + URL).content.decode()

    assert "Accessibility statement for Löfte" in html
    assert "Agency for Digital Government" in html


def test_a_resident_reports_a_problem_without_an_account(client):
    response = client.post(
        URL,
        {
            "page": "/medborgarloften/hisings-backa/",
            "description": "Knappen går inte att nå.",
            "email": "",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("legal:report_thanks")
    report = ProblemReport.objects.get()
    assert (report.page, report.description, report.email) == (
        "/medborgarloften/hisings-backa/",
        "Knappen går inte att nå.",
        "",
    )
    assert "Tack för din rapport" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"description": ""},
        {"description": "x" * 3001},
        {"description": "ok", "email": "inte en adress"},
        {"description": "ok", "page": "p" * 501},
        {"description": "\x00\x01\x02"},
        {"description": ["a", "b"], "email": ["x@example.se", "y"]},
    ],
)
def test_bad_input_is_a_clear_error_and_never_a_500(client, data):
    response = client.post(URL, data)

    assert response.status_code == 400
    assert 'class="errors" role="alert"' in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_the_honeypot_saves_nothing_but_says_thank_you(client):
    response = client.post(URL, {"description": "Köp billigt", "webbplats": "http://spam"})

    assert response.status_code == 302
    assert not ProblemReport.objects.exists()


def test_reports_are_rate_limited_per_client(client):
    for n in range(5):
        assert client.post(URL, {"description": f"Problem {n}"}).status_code == 302

    response = client.post(URL, {"description": "Ett till"})

    assert response.status_code == 429
    assert "Inget sparades" in response.content.decode()
    assert ProblemReport.objects.count() == 5


@pytest.fixture
def report(db):
    return ProblemReport.objects.create(description="Låg kontrast", email="svar@example.se")


def test_superusers_and_staff_given_the_right_see_reports_in_the_admin(client, report):
    root = User.objects.create_superuser("root", "root@example.se", "x")
    helper = User.objects.create_user("helper", "h@example.se", "x", is_staff=True)
    helper.user_permissions.add(Permission.objects.get(codename="view_problemreport"))
    for user in (root, helper):
        client.force_login(user)
        listing = client.get("/admin/legal/problemreport/")
        assert listing.status_code == 200
        page = client.get(f"/admin/legal/problemreport/{report.pk}/change/")
        assert "Låg kontrast" in page.content.decode()
        assert client.get("/admin/legal/problemreport/add/").status_code == 403


@pytest.mark.parametrize("persona", ["alice", "greta", "axel", "erik", "rosa", "dana", "staff"])
def test_no_one_else_sees_reports_in_the_admin(request, client, report, persona):
    if persona == "staff":
        user = User.objects.create_user("staff", "staff@example.se", "x", is_staff=True)
    else:
        user = request.getfixturevalue(persona)
    client.force_login(user)

    response = client.get(f"/admin/legal/problemreport/{report.pk}/change/")

    assert response.status_code in (302, 403)
    assert "svar@example.se" not in response.content.decode()
    assert client.get("/admin/legal/problemreport/").status_code in (302, 403)


def test_anonymous_is_sent_to_the_admin_login(client, report):
    response = client.get("/admin/legal/problemreport/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
