"""Göteborg's people reach Göteborg's non-public follow-up, Malmö's people Malmö's, and neither
reaches the other's: every page of the back office, GET and POST, and a refused write changes
nothing. Both promises are drafts, the case where a slip would show.

On each side: the kommun's coordinator (coordinates its promises), its analyst (reads them),
its local reporter (no part in promises) and the other kommun's coordinator.
"""

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lofte.followup.models import ReportingPeriod, Update
from lofte.history.models import Change
from lofte.kommuner.models import KommunMembership
from lofte.promises.models import Membership, Promise
from lofte.testing import form_values, snapshot

pytestmark = pytest.mark.django_db

# What a request came to: a status, or where it was sent.
LOGIN = "to the login"
ABSENT = "to the admin's index: 'does not exist'"


def outcome(response):
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith(("/admin/login/", "/konto/logga-in/")):
        return LOGIN
    if location == "/admin/":
        return ABSENT
    return "302"


class Side:
    """One kommun's promise, made a draft, with what its pages need: periods, a submitted
    update to review, an editor to remind, and a role given (so its history names someone)."""

    def __init__(self, promise, users):
        self.promise = promise
        self.users = users
        promise.status = Promise.Status.DRAFT
        promise.save()
        # Two quarters of eight: creating the missing ones is a write.
        ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise)[:2])
        self.period = promise.periods.order_by("starts_on").first()
        commitments = list(promise.commitments().order_by("order"))
        self.update = Update.objects.create(
            commitment=commitments[0],
            period=self.period,
            status="ongoing",
            text="HEMLIG-RAPPORT",
            state=Update.State.SUBMITTED,
        )
        self.open_commitment = commitments[1]
        editor = User.objects.create_user(f"editor-{promise.slug}", f"e.{promise.slug}@example.se")
        Membership.objects.create(
            user=editor,
            promise=promise,
            role=Membership.Role.EDITOR,
            organisation=commitments[0].actors.first(),
        )
        Change.objects.create(
            promise=promise,
            target=editor.memberships.get(),
            user=users["coordinator"],
            action="membership added",
            fields={"role": "editor"},
        )

    def url(self, name, *args):
        with translation.override("sv"):
            return reverse(name, args=[self.promise.slug, *args])


def person(username, kommun, role, organisation=None):
    user = User.objects.create_user(username, f"{username}@example.se", is_staff=True)
    KommunMembership.objects.create(user=user, kommun=kommun, role=role, organisation=organisation)
    return user


@pytest.fixture
def sides(promise, other_promise, greta, axel, rut, mats, malmo, partner):
    rut.is_staff = True  # so the admin answers her rather than asking her to log in
    rut.save()
    maja = person("maja", malmo, KommunMembership.Role.ANALYST)
    mira = person("mira", malmo, KommunMembership.Role.REPORTER, partner)
    return {
        "goteborg": Side(
            promise, {"coordinator": greta, "analyst": axel, "reporter": rut, "other": mats}
        ),
        "malmo": Side(
            other_promise,
            {"coordinator": mats, "analyst": maja, "reporter": mira, "other": greta},
        ),
    }


def admin_change(side):
    return f"/admin/promises/promise/{side.promise.pk}/change/"


def admin_data(side):
    root = Client()
    root.force_login(User.objects.create_superuser(f"root-{side.promise.slug}"))
    data = form_values(root.get(admin_change(side)).content, "promise_form")
    return data | {"title": "Ändrat av någon"}


# page -> (method, address, what is posted), by the side tried.
PAGES = {
    "dashboard": ("GET", lambda s: s.url("followup:dashboard"), None),
    "periods": ("GET", lambda s: s.url("followup:periods"), None),
    "periods: add the missing quarters": (
        "POST",
        lambda s: s.url("followup:periods"),
        lambda s: {"quarters": "1"},
    ),
    "remind every overdue actor": (
        "POST",
        lambda s: s.url("followup:remind"),
        lambda s: {"all": "1"},
    ),
    "review list": ("GET", lambda s: s.url("followup:review_list"), None),
    "review": ("GET", lambda s: s.url("followup:review", s.update.pk), None),
    "review: approve": (
        "POST",
        lambda s: s.url("followup:review", s.update.pk),
        lambda s: {"decision": "approve", "comment": "", "version": s.update.version},
    ),
    "history": ("GET", lambda s: s.url("followup:history"), None),
    "people": ("GET", lambda s: s.url("accounts:people"), None),
    "people: invite": (
        "POST",
        lambda s: s.url("accounts:people"),
        lambda s: {"action": "invite", "email": "ny.person@example.se", "role": "reader"},
    ),
    "import": ("GET", lambda s: s.url("followup:import"), None),
    "import: a form without a file": (
        "POST",
        lambda s: s.url("followup:import"),
        lambda s: {"period": s.period.pk, "mode": "draft"},
    ),
    "template": ("GET", lambda s: s.url("followup:template", s.period.pk), None),
    "report": ("GET", lambda s: s.url("followup:my_commitments"), None),
    "report on a commitment": (
        "GET",
        lambda s: s.url("followup:edit_update", s.period.pk, s.open_commitment.pk),
        None,
    ),
    "report on a commitment: save": (
        "POST",
        lambda s: s.url("followup:edit_update", s.period.pk, s.open_commitment.pk),
        lambda s: {"version": 0, "action": "save", "status": "ongoing", "text": "Gjort."},
    ),
    "promise in the admin": ("GET", admin_change, None),
    "promise in the admin: save": ("POST", admin_change, admin_data),
}

WRITTEN = "written"
# page -> the coordinator's and the analyst's outcome; a POST that succeeds writes.
EXPECTED = {
    "dashboard": ("200", "200"),
    "periods": ("200", "403"),
    "periods: add the missing quarters": ("302 " + WRITTEN, "403"),
    "remind every overdue actor": ("302 " + WRITTEN, "403"),
    "review list": ("200", "403"),
    "review": ("200", "403"),
    "review: approve": ("302 " + WRITTEN, "403"),
    "history": ("200", "200"),
    "people": ("200", "403"),
    "people: invite": ("302 " + WRITTEN, "403"),
    "import": ("200", "403"),
    "import: a form without a file": ("200", "403"),
    "template": ("200", "403"),
    "report": ("200", "403"),
    "report on a commitment": ("200", "403"),
    "report on a commitment: save": ("302 " + WRITTEN, "403"),
    "promise in the admin": ("200", "200"),
    "promise in the admin: save": ("302 " + WRITTEN, "403"),
}


def expected(page, role):
    if role == "coordinator":
        return EXPECTED[page][0]
    if role == "analyst":
        return EXPECTED[page][1]
    # A draft of another kommun, or of one's own for a local reporter: it does not exist.
    if page.startswith("promise in the admin"):
        # The admin has no promises for a local reporter at all.
        return "403" if role == "reporter" else ABSENT
    return "404"


def test_every_page_tells_each_kommuns_people_what_they_may_reach(sides):
    wrong = []
    for side_name, side in sides.items():
        requests = [(page, method, url(side), data) for page, (method, url, data) in PAGES.items()]
        posted = {page: data(side) for page, _m, _u, data in requests if data}
        for role, user in side.users.items():
            client = Client()
            client.force_login(user)
            before = snapshot()
            for page, method, url, _data in requests:
                with transaction.atomic():
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, posted[page])
                    changed = snapshot() != before
                    transaction.set_rollback(True)
                got = outcome(response) + (" " + WRITTEN if changed else "")
                want = expected(page, role)
                if got != want:
                    wrong.append(f"{side_name}, {role} {user}, {page}: {got}, expected {want}")
    assert wrong == []


def test_nothing_of_the_other_kommuns_draft_reaches_its_neighbours(sides):
    """The pages a kommun's own people see hold the draft's secrets; the others' do not."""
    for side in sides.values():
        pages = [url(side) for _page, (method, url, _d) in PAGES.items() if method == "GET"]
        own, other = Client(), Client()
        own.force_login(side.users["coordinator"])
        other.force_login(side.users["other"])
        assert (
            "HEMLIG-RAPPORT"
            in own.get(side.url("followup:review", side.update.pk)).content.decode()
        )
        for url in pages:
            shown = other.get(url).content.decode()
            assert "HEMLIG-RAPPORT" not in shown and side.promise.title not in shown, url


def test_an_analyst_sees_the_history_without_who_was_given_which_role(sides):
    side = sides["goteborg"]
    coordinator, analyst = Client(), Client()
    coordinator.force_login(side.users["coordinator"])
    analyst.force_login(side.users["analyst"])

    mine = coordinator.get(side.url("followup:history")).context["page"].object_list
    theirs = analyst.get(side.url("followup:history")).context["page"].object_list

    assert [c.action for c in mine] == ["membership added"]
    assert list(theirs) == []


def test_a_kommun_coordinator_reviews_and_reminds_as_a_promise_coordinator_does(sides, mailoutbox):
    side = sides["goteborg"]
    client = Client()
    client.force_login(side.users["coordinator"])

    client.post(
        side.url("followup:review", side.update.pk),
        {"decision": "approve", "comment": "", "version": side.update.version},
    )
    client.post(side.url("followup:remind"), {"all": "1"})

    side.update.refresh_from_db()
    assert side.update.state == Update.State.APPROVED
    assert side.update.reviewed_by == side.users["coordinator"]
    assert mailoutbox and {tuple(m.to) for m in mailoutbox} == {("e.testby@example.se",)}
