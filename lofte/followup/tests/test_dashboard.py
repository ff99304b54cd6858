import datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lofte.actors.models import Organisation
from lofte.followup.models import MeasureValue, Reminder, ReportingPeriod, Update
from lofte.followup.progress import Progress
from lofte.followup.reminders import overdue
from lofte.promises.models import Commitment, Membership
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db

URL = "/en/uppfoljning/testby/"
PERIODS_URL = "/en/uppfoljning/testby/perioder/"

Q1_2024_DUE = datetime.date(2024, 4, 15)
Q2_2024_DUE = datetime.date(2024, 7, 15)


@pytest.fixture
def reader(promise):
    user = User.objects.create_user("rita", "rita@example.se", "secret-pass-1")
    Membership.objects.create(user=user, promise=promise, role=Membership.Role.READER)
    return user


def commitments(promise):
    return list(promise.commitments().order_by("order"))


def report(commitment, period, state, **extra):
    return Update.objects.create(
        commitment=commitment,
        period=period,
        status=commitment.status,
        text="Gjort.",
        state=state,
        **extra,
    )


def as_user(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# Who may see the dashboard


def test_anonymous_visitors_are_sent_to_the_login(client, promise):
    response = client.get("/uppfoljning/testby/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


def test_a_user_without_rights_is_refused(promise, dana):
    assert as_user(dana).get(URL).status_code == 403


def test_the_coordinator_of_another_promise_is_refused(promise, charlie):
    assert as_user(charlie).get(URL).status_code == 403


@pytest.mark.parametrize("editor", ["erik", "fatima"])
def test_an_actors_editor_is_sent_to_their_commitments(request, promise, editor):
    response = as_user(request.getfixturevalue(editor)).get("/uppfoljning/testby/")
    assert response.status_code == 302
    assert response["Location"] == "/uppfoljning/testby/rapportera/"


def test_a_coordinator_sees_the_dashboard_with_links_to_the_back_office(alice, erik, periods):
    html = as_user(alice).get(URL).content.decode()
    assert "<h1>Follow-up: Medborgarlöfte testby</h1>" in html
    for href in ["granska/", "historik/", "personer/", "perioder/", "import/"]:
        assert f'href="/en/uppfoljning/testby/{href}"' in html
    assert 'href="/en/medborgarloften/testby/rapport/"' in html
    assert "Remind all overdue" in html


def test_a_reader_sees_the_dashboard_but_cannot_remind(reader, erik, periods):
    response = as_user(reader).get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and "Overdue reports" in html
    assert "Send reminder" not in html and "Remind all overdue" not in html


def test_a_superuser_sees_every_dashboard(promise):
    admin = User.objects.create_superuser("root", "root@example.se", "secret-pass-1")
    assert as_user(admin).get(URL).status_code == 200


def test_a_draft_is_not_found_for_those_outside_it(draft, dana):
    assert as_user(dana).get("/en/uppfoljning/utkast/").status_code == 404


def test_an_unknown_promise_is_not_found(alice):
    assert as_user(alice).get("/en/uppfoljning/finns-inte/").status_code == 404


# What it shows


def test_progress_rows_have_the_numbers_in_the_table_and_an_svg_bar(promise, alice, periods):
    c = commitments(promise)
    c[1].status = Commitment.Status.DELAYED
    c[1].save()
    html = as_user(alice).get(URL).content.decode()
    assert "Progress by focus area" in html and "Progress by actor" in html
    # Fritid holds commitments 1 (delayed) and 3 (ongoing).
    row = html.split('<th scope="row" class="subject">Fritid</th>')[1].split("</tr>")[0]
    assert 'role="img"' in row and "<title>1 ongoing, 1 delayed</title>" in row
    cells = row.replace("\n", "").replace(" ", "")
    assert "<td>0</td><td>1</td><td>0</td><td>1</td><td>0</td>" in cells


def test_the_share_approved_is_for_the_latest_due_period(promise, periods):
    c = commitments(promise)
    q1, q2 = periods[0], periods[1]
    report(c[0], q1, Update.State.APPROVED)
    report(c[0], q2, Update.State.APPROVED)
    report(c[2], q2, Update.State.SUBMITTED)
    progress = Progress(promise, Q2_2024_DUE + datetime.timedelta(days=1))
    rows = {r.subject.name: r for r in progress.by_focus_area()}
    # Skola holds commitments 0 and 2: one of the two is approved for Q2.
    assert rows["Skola"].share == 50 and rows["Fritid"].share == 0


def test_no_share_is_shown_before_any_period_is_due(promise, periods):
    rows = Progress(promise, datetime.date(2024, 2, 1)).by_actor()
    assert [r.share for r in rows] == [None, None, None]


# Who is overdue


def test_nobody_is_overdue_until_the_due_date_has_passed(promise, periods):
    assert overdue(promise, Q1_2024_DUE) == []


def test_drafts_returned_and_missing_updates_count_as_not_reported(promise, periods):
    c = commitments(promise)
    q1 = periods[0]
    report(c[0], q1, Update.State.APPROVED)
    report(c[1], q1, Update.State.SUBMITTED)
    report(c[2], q1, Update.State.DRAFT)
    report(c[3], q1, Update.State.RETURNED)
    rows = overdue(promise, Q1_2024_DUE + datetime.timedelta(days=1))
    # Actor 0 has 0, 2, 3; actor 1 has 0, 1, 3; actor 2 has 1, 2.
    assert [(p.name, o.slug, n) for p, o, n in rows] == [
        ("Kvartal 1 2024", "aktor-testby-0", 2),
        ("Kvartal 1 2024", "aktor-testby-1", 1),
        ("Kvartal 1 2024", "aktor-testby-2", 1),
    ]


def test_every_due_period_is_listed_and_those_who_reported_are_not(promise, periods):
    c = commitments(promise)
    for commitment in c:
        report(commitment, periods[0], Update.State.SUBMITTED)
    report(c[1], periods[1], Update.State.APPROVED)
    rows = overdue(promise, Q2_2024_DUE + datetime.timedelta(days=1))
    assert [(p.name, o.slug, n) for p, o, n in rows] == [
        ("Kvartal 2 2024", "aktor-testby-0", 3),
        ("Kvartal 2 2024", "aktor-testby-1", 2),
        ("Kvartal 2 2024", "aktor-testby-2", 1),
    ]


def test_cancelled_and_done_commitments_owe_no_report(promise, periods):
    c = commitments(promise)
    for commitment in c:
        odd = commitment.order % 2
        commitment.status = Commitment.Status.CANCELLED if odd else Commitment.Status.DONE
        commitment.save()
    assert overdue(promise, Q1_2024_DUE + datetime.timedelta(days=1)) == []


def test_the_dashboard_lists_the_overdue_with_their_last_reminder(promise, alice, erik, periods):
    actor = Organisation.objects.get(slug="aktor-testby-0")
    Reminder.objects.create(period=periods[0], organisation=actor)
    html = as_user(alice).get(URL).content.decode()
    assert "Quarter 1 2024" in html and "never" in html
    assert "Send reminder" in html
    # Only actor 0 has an editor.
    assert "No editor – <a" in html


# Commitments at risk


def reasons(promise, today):
    with translation.override("en"):
        return {c.order: [str(r) for r in rs] for c, rs in Progress(promise, today).at_risk()}


def test_a_delayed_commitment_is_at_risk(promise):
    c = commitments(promise)[0]
    c.status = Commitment.Status.DELAYED
    c.save()
    assert reasons(promise, datetime.date(2024, 2, 1)) == {0: ["Marked as delayed."]}


def test_two_due_periods_without_a_handed_in_update_put_a_commitment_at_risk(promise, periods):
    c = commitments(promise)
    report(c[0], periods[1], Update.State.SUBMITTED)
    report(c[1], periods[0], Update.State.APPROVED)
    report(c[2], periods[0], Update.State.DRAFT)
    report(c[3], periods[1], Update.State.RETURNED)
    assert reasons(promise, Q1_2024_DUE + datetime.timedelta(days=1)) == {}
    late = reasons(promise, Q2_2024_DUE + datetime.timedelta(days=1))
    assert late == {
        2: ["No update handed in for the last two periods."],
        3: ["No update handed in for the last two periods."],
    }


def test_a_measure_behind_a_straight_line_to_its_target_is_at_risk(promise, periods):
    c = commitments(promise)
    for commitment in c:  # everyone reports, so only the measure speaks
        for period in periods[1:5]:
            report(commitment, period, Update.State.APPROVED)
    measure = c[0].measures.get()  # target 10, no baseline: from 0
    earlier = Update.objects.get(commitment=c[0], period=periods[3])
    MeasureValue.objects.create(update=earlier, measure=measure, value=9)
    latest = Update.objects.get(commitment=c[0], period=periods[4])
    MeasureValue.objects.create(update=latest, measure=measure, value=3)
    # 16 April 2025: 471 of the 730 days of 2024–2025 are gone, and 3 is 30 % of the way.
    assert reasons(promise, datetime.date(2025, 4, 16)) == {
        0: ["“Antal träffar” is 30% of the way to its target with 65% of its time gone."]
    }
    # Early in the promise 30 % of the way is ahead of the line: no alarm.
    assert reasons(promise, datetime.date(2024, 3, 1)) == {}
    # A value waiting for approval does not count: the approved 9 is ahead.
    latest.state = Update.State.SUBMITTED
    latest.save()
    assert reasons(promise, datetime.date(2025, 4, 16)) == {}


def test_a_measure_whose_time_is_up_short_of_its_target_is_at_risk(promise, periods):
    c = commitments(promise)[0]
    c.ends_on = datetime.date(2024, 6, 30)
    c.save()
    m = c.measures.get()
    m.higher_is_better, m.target = False, 30  # no baseline: how far it has come is unknown
    m.save()
    update = report(c, periods[1], Update.State.APPROVED)
    MeasureValue.objects.create(update=update, measure=m, value=40)
    assert reasons(promise, datetime.date(2024, 6, 1)) == {}
    assert reasons(promise, datetime.date(2024, 7, 1)) == {
        0: ["“Antal träffar” has not reached its target, and its time is up."]
    }


def test_the_dashboard_gives_the_reason_for_each_commitment_at_risk(promise, alice):
    c = commitments(promise)[1]
    c.status = Commitment.Status.DELAYED
    c.save()
    html = as_user(alice).get(URL).content.decode()
    section = html.split('id="at-risk"')[1]
    assert c.title in section and "Marked as delayed." in section


# Queries


def build(slug, actors, commitments_count):
    promise = make_promise(slug, actors=actors, commitments=commitments_count)
    periods = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))
    coordinator = User.objects.create_user(f"coord-{slug}", f"c.{slug}@example.se", "x")
    Membership.objects.create(user=coordinator, promise=promise, role=Membership.Role.COORDINATOR)
    for i, org in enumerate(Organisation.objects.filter(slug__startswith=f"aktor-{slug}-")):
        if i % 2:
            editor = User.objects.create_user(f"ed-{slug}-{i}", f"e{i}.{slug}@example.se", "x")
            Membership.objects.create(
                user=editor, promise=promise, role=Membership.Role.EDITOR, organisation=org
            )
        Reminder.objects.create(period=periods[0], organisation=org)
    for i, c in enumerate(promise.commitments()):
        if i % 3 == 0:
            c.status = Commitment.Status.DELAYED
            c.save()
        for period in periods[: i % 5]:
            u = report(c, period, Update.State.APPROVED if i % 2 else Update.State.SUBMITTED)
            MeasureValue.objects.create(update=u, measure=c.measures.get(), value=i)
    return promise, coordinator


def test_the_dashboard_makes_as_many_queries_for_a_big_promise_as_for_a_small_one(db):
    counts = []
    for slug, actors, n in [("liten", 3, 4), ("stor", 9, 24)]:
        promise, coordinator = build(slug, actors, n)
        client = as_user(coordinator)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(f"/en/uppfoljning/{slug}/")
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# Reporting periods


def test_only_coordinators_manage_reporting_periods(client, promise, dana, charlie, erik, reader):
    response = client.get("/uppfoljning/testby/perioder/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    for user in (dana, charlie, erik, reader):
        assert as_user(user).get(PERIODS_URL).status_code == 403
        assert as_user(user).post(PERIODS_URL, {"quarters": "1"}).status_code == 403
    assert not ReportingPeriod.objects.exists()


def test_the_quarters_are_created_once_and_not_twice(promise, alice):
    client = as_user(alice)
    response = client.post(PERIODS_URL, {"quarters": "1"}, follow=True)
    assert "8 reporting periods created." in response.content.decode()
    assert ReportingPeriod.objects.filter(promise=promise).count() == 8
    response = client.post(PERIODS_URL, {"quarters": "1"}, follow=True)
    assert "Every quarter already has a reporting period." in response.content.decode()
    assert ReportingPeriod.objects.filter(promise=promise).count() == 8
    assert "Kvartal 4 2025" in client.get(PERIODS_URL).content.decode()


def test_the_quarters_fill_in_around_a_period_already_made(promise, alice):
    ReportingPeriod.objects.create(
        promise=promise,
        name="Vår egen",
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2024, 5, 31),
        due_on=datetime.date(2024, 6, 15),
    )
    as_user(alice).post(PERIODS_URL, {"quarters": "1"})
    names = list(ReportingPeriod.objects.filter(promise=promise).values_list("name", flat=True))
    assert len(names) == 8 and "Vår egen" in names and "Kvartal 2 2024" not in names


def test_a_coordinator_adds_one_period(promise, alice):
    data = {
        "name": "Sommar",
        "starts_on": "2024-06-01",
        "ends_on": "2024-08-31",
        "due_on": "2024-09-10",
    }
    response = as_user(alice).post(PERIODS_URL, data)
    assert response.status_code == 302
    period = ReportingPeriod.objects.get(promise=promise)
    assert (period.name, period.due_on) == ("Sommar", datetime.date(2024, 9, 10))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "name": "X",
                "starts_on": "2024-06-01",
                "ends_on": "2024-05-01",
                "due_on": "2024-09-10",
            },
            "ends_on",
            "A period cannot end before it starts.",
        ),
        (
            {
                "name": "X",
                "starts_on": "2024-06-01",
                "ends_on": "2024-08-31",
                "due_on": "2024-08-01",
            },
            "due_on",
            "Reports cannot be due before the period ends.",
        ),
        (
            {
                "name": "X",
                "starts_on": "2024-01-01",
                "ends_on": "2024-03-31",
                "due_on": "2024-04-10",
            },
            "starts_on",
            "already has a period that starts that day",
        ),
        (
            {"name": "", "starts_on": "inte ett datum", "ends_on": "", "due_on": "2024-04-10"},
            "starts_on",
            "Enter a valid date.",
        ),
    ],
)
def test_a_wrong_period_is_shown_as_form_errors(promise, alice, periods, data, field, message):
    response = as_user(alice).post(PERIODS_URL, data)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'role="alert"' in html and f'aria-describedby="id_{field}-error"' in html
    assert ReportingPeriod.objects.filter(promise=promise).count() == 8
