import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from lofte.actors.models import Organisation
from lofte.followup.models import Reminder, Update
from lofte.followup.reminders import send_overdue_reminders, send_reminder
from lofte.promises.models import Membership, Promise

pytestmark = pytest.mark.django_db

REMIND_URL = "/en/uppfoljning/testby/paminn/"
AFTER_Q1 = datetime.date(2024, 4, 16)


def org(n):
    return Organisation.objects.get(slug=f"aktor-testby-{n}")


def as_user(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def reader(promise):
    user = User.objects.create_user("rita", "rita@example.se", "secret-pass-1")
    Membership.objects.create(user=user, promise=promise, role=Membership.Role.READER)
    return user


# send_reminder


@override_settings(SITE_URL="https://lofte.example.se")
def test_a_reminder_goes_to_the_organisations_editors_only(promise, periods, erik, fatima, alice):
    q1 = periods[0]
    c = list(promise.commitments().order_by("order"))
    Update.objects.create(commitment=c[0], period=q1, status="ongoing", text="x", state="submitted")
    sent = send_reminder(q1, org(0), sent_by=alice)
    assert sent == 1
    assert [m.to for m in mail.outbox] == [["erik@example.se"]]
    body = mail.outbox[0].body
    # Actor 0 has commitments 0, 2 and 3; 0 is handed in.
    assert "Åtagande 2 i testby" in body and "Åtagande 3 i testby" in body
    assert "Åtagande 0 i testby" not in body
    assert "https://lofte.example.se/uppfoljning/testby/rapportera/" in body
    assert "Kvartal 1 2024" in mail.outbox[0].subject
    reminder = Reminder.objects.get()
    assert (reminder.period, reminder.organisation, reminder.sent_by) == (q1, org(0), alice)


def test_every_editor_with_an_address_gets_their_own_e_mail(promise, periods, erik):
    for name, email in [("ebba", "ebba@example.se"), ("utan", "")]:
        user = User.objects.create_user(name, email, "x")
        Membership.objects.create(user=user, promise=promise, role="editor", organisation=org(0))
    assert send_reminder(periods[0], org(0)) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ebba@example.se", "erik@example.se"]


def test_an_organisation_without_editors_gets_no_e_mail_and_no_reminder_row(promise, periods, erik):
    assert send_reminder(periods[0], org(1)) == 0
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_an_editor_in_another_promise_is_not_reminded(promise, other_promise, periods, erik):
    outsider = User.objects.create_user("otto", "otto@example.se", "x")
    Membership.objects.create(
        user=outsider, promise=other_promise, role="editor", organisation=org(0)
    )
    send_reminder(periods[0], org(0))
    assert [m.to for m in mail.outbox] == [["erik@example.se"]]


def test_reminding_all_overdue_skips_those_without_editors(promise, periods, erik, fatima):
    results = send_overdue_reminders(promise, AFTER_Q1)
    assert [(o.slug, n) for _p, o, n in results] == [
        ("aktor-testby-0", 1),
        ("aktor-testby-1", None),
        ("aktor-testby-2", 1),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["erik@example.se", "fatima@example.se"]


# The remind view


def test_a_coordinator_sends_one_reminder_and_is_told_how_many_were_sent(
    promise, periods, alice, erik, fatima
):
    response = as_user(alice).post(
        REMIND_URL, {"period": periods[0].pk, "organisation": org(2).pk}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/en/uppfoljning/testby/"
    assert "Reminder sent to 1 person." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["fatima@example.se"]]
    assert Reminder.objects.get().sent_by == alice


def test_a_coordinator_reminds_all_overdue_at_once(promise, periods, alice, erik, fatima):
    response = as_user(alice).post(REMIND_URL, {"all": "1"}, follow=True)
    # Every period is due by now: actors 0 and 2 are late for all eight.
    assert "Reminder sent to 16 people." in response.content.decode()
    assert len(mail.outbox) == 16 and Reminder.objects.count() == 16


def test_the_dashboard_shows_when_the_last_reminder_was_sent(promise, periods, alice, erik):
    client = as_user(alice)
    client.post(REMIND_URL, {"period": periods[0].pk, "organisation": org(0).pk})
    html = client.get("/en/uppfoljning/testby/").content.decode()
    day = timezone.localtime(Reminder.objects.get().sent_at).strftime("%Y-%m-%d")
    assert f'<time datetime="{day}' in html


@pytest.mark.parametrize(
    "data",
    [{}, {"period": "x", "organisation": "y"}, {"period": 999999, "organisation": 1}],
)
def test_a_reminder_for_nothing_known_is_refused_politely(promise, periods, alice, erik, data):
    response = as_user(alice).post(REMIND_URL, data, follow=True)
    assert response.status_code == 200 and "could not be sent" in response.content.decode()
    assert mail.outbox == []


def test_a_reminder_for_another_promises_period_is_refused(
    promise, other_promise, periods, alice, erik
):
    from lofte.followup.models import ReportingPeriod

    theirs = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(other_promise))[0]
    as_user(alice).post(REMIND_URL, {"period": theirs.pk, "organisation": org(0).pk})
    assert mail.outbox == []


def test_only_coordinators_may_remind(
    client, promise, periods, erik, fatima, dana, charlie, reader
):
    data = {"period": periods[0].pk, "organisation": org(0).pk}
    response = client.post("/uppfoljning/testby/paminn/", data)
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    for user in (dana, charlie, erik, fatima, reader):
        assert as_user(user).post(REMIND_URL, data).status_code == 403
    assert mail.outbox == []


def test_reminding_needs_a_post_with_a_csrf_token(promise, periods, alice, erik):
    assert as_user(alice).get(REMIND_URL).status_code == 405
    data = {"period": periods[0].pk, "organisation": org(0).pk}
    assert as_user(alice, enforce_csrf_checks=True).post(REMIND_URL, data).status_code == 403
    assert mail.outbox == []


# The send_reminders command


def test_the_command_reminds_once_and_not_again_within_seven_days(promise, periods, erik, fatima):
    out = run("--today", "2024-04-16")
    assert "testby: Aktör testby 0, Kvartal 1 2024: e-mailed 1" in out
    assert "testby: Aktör testby 1, Kvartal 1 2024: no editor" in out
    assert len(mail.outbox) == 2 and Reminder.objects.count() == 2
    out = run("--today", "2024-04-16")
    assert len(mail.outbox) == 2 and Reminder.objects.count() == 2
    assert "0 e-mails sent." in out


def test_the_command_reminds_again_after_the_days_have_passed(promise, periods, erik):
    run("--today", "2024-04-16")
    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    run("--today", "2024-04-16")
    assert len(mail.outbox) == 2
    Reminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=2))
    run("--today", "2024-04-16", "--days", "3")
    assert len(mail.outbox) == 2
    run("--today", "2024-04-16", "--days", "1")
    assert len(mail.outbox) == 3


def test_a_dry_run_sends_nothing_and_records_nothing(promise, periods, erik):
    out = run("--today", "2024-04-16", "--dry-run")
    assert "Aktör testby 0, Kvartal 1 2024: would e-mail 1" in out
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_the_command_reminds_only_about_published_promises(promise, periods, erik):
    Promise.objects.filter(pk=promise.pk).update(status=Promise.Status.DRAFT)
    run("--today", "2024-04-16")
    assert mail.outbox == []


def test_the_command_refuses_a_bad_date(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        run("--today", "igår")


class FailingMail:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")


def test_a_mail_server_that_is_down_gives_a_message_not_an_error(
    promise, periods, alice, erik, fatima, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.FailingMail"
    response = as_user(alice).post(
        REMIND_URL, {"period": periods[0].pk, "organisation": org(2).pk}, follow=True
    )
    assert response.status_code == 200
    assert "The e-mail server did not answer" in response.content.decode()
    assert not Reminder.objects.exists()
