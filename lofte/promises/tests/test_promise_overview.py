"""The promise page answers "how is it going?" first: per focus area what is done, ongoing,
delayed and cancelled, and which actors missed their latest report; the filters change every
count on the page; commitments are compact, their details a tap away without JavaScript."""

import re

import pytest
from django.utils import timezone

from lofte.actors.models import Organisation
from lofte.followup.models import Update
from lofte.followup.tests.conftest import make_update
from lofte.promises.models import Commitment

pytestmark = pytest.mark.django_db


def english(period):
    return period.name.replace("Kvartal", "Quarter")


def overview(html):
    return html.split('id="how-it-is-going"', 1)[1].split("</section>", 1)[0]


def badges(text):
    """Return {label: count} of the status badges in a piece of the page."""
    found = re.findall(r'<span class="status status-\w+">([^<]+)</span> (\d+)', text)
    return {label: int(n) for label, n in found}


def test_the_overview_comes_before_the_commitments_and_counts_each_focus_area(client, promise):
    skola = promise.focus_areas.get(slug="skola")
    first = skola.commitments.first()
    first.status = Commitment.Status.DELAYED
    first.save()
    html = client.get("/en/medborgarloften/testby/").content.decode()
    assert html.index('id="how-it-is-going"') < html.index('id="promises"')
    part = overview(html)
    line = part.split('href="#fa-skola"', 1)[1].split("</li>", 1)[0]
    assert badges(line)["Delayed"] == 1
    assert sum(badges(line).values()) == skola.commitments.count()
    # Each focus area is a jump link to its section.
    for fa in promise.focus_areas.all():
        link = part.split(f'<a href="#fa-{fa.slug}"', 1)[1].split("</a>", 1)[0]
        assert link.endswith(f">{fa.name}")
        assert f'id="fa-{fa.slug}"' in html


def test_a_filter_changes_every_count_on_the_page(client, promise):
    kind = Organisation.objects.get(slug="aktor-testby-0").kind
    delayed = promise.commitments().get(order=1)
    delayed.status = Commitment.Status.DELAYED
    delayed.save()
    has_kind = any(a.kind == kind for a in delayed.actors.all())
    shown = [c for c in promise.commitments() if any(a.kind == kind for a in c.actors.all())]
    assert 0 < len(shown) < promise.commitments().count()

    everything = overview(client.get("/en/medborgarloften/testby/").content.decode())
    assert f"{promise.commitments().count()} commitments:" in everything
    filtered_page = client.get("/en/medborgarloften/testby/", {"aktor": kind}).content.decode()
    filtered = overview(filtered_page)
    assert f"{len(shown)} commitment" in filtered
    assert "Counting only the commitments with an actor of the kind" in filtered
    assert badges(filtered.split("</p>", 2)[1]).get("Delayed", 0) == (1 if has_kind else 0)
    # The follow-up part counts the same commitments.
    assert f"of {len(shown)} commitment" in filtered_page or "No follow-up" in filtered


def test_the_actors_who_missed_the_latest_due_report_are_named_publicly(client, promise, periods):
    today = timezone.localdate()
    due = [p for p in periods if p.due_on < today][-1]
    commitments = list(promise.commitments())
    # Every commitment has handed in its report for the latest due period but those of
    # actor 0, which have not.
    late_actor = Organisation.objects.get(slug="aktor-testby-0")
    for c in commitments:
        if late_actor not in c.actors.all():
            make_update(c, due, state=Update.State.SUBMITTED)
    html = client.get("/en/medborgarloften/testby/").content.decode()
    part = overview(html)
    assert f"Missed the report for {english(due)}" in part
    named = part.split(f"Missed the report for {english(due)}", 1)[1].split("</p>", 1)[0]
    partners = {a for c in commitments if late_actor in c.actors.all() for a in c.actors.all()}
    for actor in Organisation.objects.all():
        assert (actor.name in named) == (actor in partners), actor.name


def test_when_everyone_reported_the_page_says_so(client, promise, periods):
    today = timezone.localdate()
    due = [p for p in periods if p.due_on < today][-1]
    for c in promise.commitments():
        make_update(c, due)
    part = overview(client.get("/en/medborgarloften/testby/").content.decode())
    assert f"Every actor has handed in its report for {english(due)}." in part


def test_commitments_are_compact_with_their_details_in_a_details_element(client, promise):
    html = client.get("/en/medborgarloften/testby/").content.decode()
    c = promise.commitments().first()
    card = html.split(f'id="commitment-{c.pk}"', 1)[1].split("</li>", 1)[0]
    title_at = card.index(c.title)
    details_at = card.index("<details>")
    assert title_at < details_at
    assert c.description in card[details_at:]
    assert "Details and follow-up" in card


def test_the_overview_adds_no_queries_for_more_data(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lofte.followup.models import ReportingPeriod
    from lofte.promises.models import Promise
    from lofte.testing import make_promise

    make_promise("liten", actors=2, commitments=2)
    make_promise("stor", actors=30, commitments=40, focus_areas=("A", "B", "C", "D"))
    for slug in ("liten", "stor"):
        promise = Promise.objects.get(slug=slug)
        ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))

    def count(slug):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/medborgarloften/{slug}/").status_code == 200
        return len(ctx.captured_queries)

    assert count("liten") == count("stor")
    # The periods (2024–2025) are due and nobody reported: the missed list was worked out.
    assert "Har inte lämnat rapporten" in client.get("/medborgarloften/stor/").content.decode()


def test_the_overview_speaks_arabic_on_an_arabic_page(client, promise, periods):
    part = overview(client.get("/ar/medborgarloften/testby/").content.decode())
    assert "4 التزامات:" in part  # Arabic's plural for 3–10
    assert "لم تقدّم تقرير" in part
