import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lofte.actors.models import Organisation
from lofte.promises.models import Commitment, Promise
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def test_it_shows_summary_goals_focus_areas_commitments_and_actors(client, promise):
    html = client.get("/medborgarloften/testby/").content.decode()
    assert "Medborgarlöfte testby" in html
    assert "Ett tryggare testby." in html
    for goal in promise.goals.all():
        assert goal.title in html
    for fa in promise.focus_areas.all():
        assert fa.name in html and fa.why in html
    for c in promise.commitments():
        assert c.title in html
        assert reverse("promises:commitment", args=["testby", c.pk]) in html
    for a in promise.actors():
        assert a.name in html and a.get_kind_display() in html


def test_it_shows_each_commitments_status(client, promise):
    c = promise.commitments().first()
    c.status = Commitment.Status.DELAYED
    c.save()
    html = client.get("/medborgarloften/testby/").content.decode()
    assert '<span class="status status-delayed">Försenat</span>' in html


def test_it_filters_by_focus_area(client, promise):
    response = client.get("/medborgarloften/testby/", {"fokus": "skola"})
    html = response.content.decode()
    for c in promise.commitments():
        shown = c.title in html
        assert shown == (c.focus_area.slug == "skola"), c.title


def test_it_filters_by_kind_of_actor(client, promise):
    kind = Organisation.objects.get(slug="aktor-testby-0").kind
    html = client.get("/medborgarloften/testby/", {"aktor": kind}).content.decode()
    for c in promise.commitments():
        expected = any(a.kind == kind for a in c.actors.all())
        assert (c.title in html) == expected, c.title


def test_it_shows_everything_and_says_so_for_an_unknown_filter(client, promise):
    html = client.get("/medborgarloften/testby/", {"fokus": "nope"}).content.decode()
    assert "Det filtret finns inte" in html
    assert all(c.title in html for c in promise.commitments())


def test_it_links_the_json_and_the_calendar_as_alternates(client, promise):
    html = client.get("/medborgarloften/testby/").content.decode()
    assert (
        '<link rel="alternate" type="application/json" href="/medborgarloften/testby/lofte.json"'
        in html
    )
    assert (
        '<link rel="alternate" type="text/calendar" href="/medborgarloften/testby/kalender.ics"'
        in html
    )


def test_it_answers_404_for_an_unknown_slug(client, db):
    assert client.get("/medborgarloften/finns-inte/").status_code == 404
    assert client.get("/en/medborgarloften/finns-inte/").status_code == 404


def test_it_is_swedish_by_default_and_english_under_en(client, promise):
    sv = client.get("/medborgarloften/testby/").content.decode()
    en = client.get("/en/medborgarloften/testby/").content.decode()
    assert '<html lang="sv" dir="ltr">' in sv and "Mål" in sv
    assert '<html lang="en" dir="ltr">' in en and "Goals" in en
    # The language switch remembers the choice and shows the same page in the other language.
    assert 'href="/sprak/en/?next=/medborgarloften/testby/"' in sv
    assert 'href="/sprak/sv/?next=/en/medborgarloften/testby/"' in en
    to_en = client.get("/sprak/en/?next=/medborgarloften/testby/")
    assert to_en.url == "/en/medborgarloften/testby/"
    to_sv = client.get("/sprak/sv/?next=/en/medborgarloften/testby/")
    assert to_sv.url == "/medborgarloften/testby/"


def test_it_runs_the_same_number_of_queries_for_a_small_and_a_large_promise(client, db):
    make_promise("liten", actors=2, commitments=2)
    make_promise("stor", actors=30, commitments=40, focus_areas=("A", "B", "C", "D"))
    make_promise("storst", actors=30, commitments=120, focus_areas=("A", "B", "C", "D"))

    def count(slug, **params):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/medborgarloften/{slug}/", params).status_code == 200
        return len(ctx.captured_queries)

    small, large = count("liten"), count("stor")
    assert small == large
    # Listed without details, the largest asks for no measures or measure values of its
    # commitments (no page asks for the goals each serves); one focus area of it with its
    # details costs what a small promise does.
    assert count("storst") == large - 2
    assert count("storst", fokus="a") == large
    # Residents' voice (lofte.participation) adds three: its settings, the newest comments and
    # the published surveys; who missed the latest report, one without a due period;
    # translations one (the easy-Swedish summaries on a Swedish page); the lägesbild one, the
    # lägesbilder the promise acts on; the evaluation one, the commitments' kinds.
    assert large <= 18


def test_the_commitment_page_shows_its_actors_goals_and_measures(client, promise):
    c = promise.commitments().first()
    html = client.get(f"/medborgarloften/testby/ataganden/{c.pk}/").content.decode()
    assert c.title in html
    for a in c.actors.all():
        assert a.name in html
    for g in c.goals.all():
        assert g.title in html
    assert "Antal träffar" in html


def test_the_commitment_page_is_404_for_a_commitment_of_another_promise(
    client, promise, other_promise
):
    foreign = other_promise.commitments().first()
    assert client.get(f"/medborgarloften/testby/ataganden/{foreign.pk}/").status_code == 404
    assert client.get("/medborgarloften/testby/ataganden/999999/").status_code == 404


def test_the_whole_promise_page_has_everything_and_a_print_stylesheet(client, promise):
    html = client.get("/medborgarloften/testby/hela/").content.decode()
    assert 'media="print"' in html
    for c in promise.commitments():
        assert c.title in html
    assert "Antal träffar" in html  # measures are on the whole page
    assert "Kontakt testby" in html
    assert "/medborgarloften/testby/hela.pdf" in html


def test_the_pdf_downloads_as_an_attachment(client, promise):
    response = client.get("/medborgarloften/testby/hela.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")


def test_the_contact_page_shows_public_contacts_only(client, promise):
    from lofte.actors.models import ContactPerson

    hidden = ContactPerson.objects.create(
        name="Hemlig Person",
        role="Handläggare",
        organisation=Organisation.objects.first(),
        email="hemlig@example.se",
        is_public=False,
    )
    promise.contacts.add(hidden)
    html = client.get("/medborgarloften/testby/kontakt/").content.decode()
    assert "Kontakt testby" in html and "kontakt.testby@example.se" in html
    assert "Hemlig Person" not in html and "hemlig@example.se" not in html


# Charts of how it is going, per focus area and per commitment


def _svg(html, chart_id):
    import xml.etree.ElementTree as ET

    start = html.index(f'<svg class="chart-bar" id="{chart_id}"')
    return ET.fromstring(html[start : html.index("</svg>", start) + 6])


def test_each_focus_area_has_a_status_bar_with_its_numbers_in_a_table(client, promise):
    c = promise.commitments().get(order=0)
    c.status = Commitment.Status.DELAYED
    c.save()
    fa = c.focus_area
    html = client.get("/en/medborgarloften/testby/").content.decode()
    svg = _svg(html, f"fa-{fa.slug}-status")
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"fa-{fa.slug}-status-title fa-{fa.slug}-status-desc"
    assert svg.find(f"{ns}title").text == f"Status of the commitments in “{fa.name}”"
    assert svg.find(f"{ns}desc").text == "Ongoing: 1, Delayed: 1"
    assert [g.get("class") for g in svg.findall(f"{ns}g")] == ["status-ongoing", "status-delayed"]
    section = html.split(f'id="fa-{fa.slug}"', 1)[1].split("</section>", 1)[0]
    assert '<span class="status status-delayed">Delayed</span></th><td>1</td>' in section
    assert "Status of 2 commitments" in section


def test_the_status_bars_count_what_the_filter_shows(client, promise):
    kind = Organisation.objects.get(slug="aktor-testby-0").kind
    html = client.get("/en/medborgarloften/testby/", {"aktor": kind}).content.decode()
    assert not all(c.title in html for c in promise.commitments())  # the filter hid some
    for fa in promise.focus_areas.all():
        shown = [c for c in fa.commitments.all() if any(a.kind == kind for a in c.actors.all())]
        section = html.split(f'id="fa-{fa.slug}"', 1)[1].split("</section>", 1)[0]
        assert f"Status of {len(shown)} commitment" in section
        assert (
            f"Status of {fa.commitments.count()} commitments" not in section
            or len(shown) == fa.commitments.count()
        )


def test_each_measure_has_a_bar_from_baseline_to_target_and_a_table_of_the_numbers(
    client, promise, periods
):
    from lofte.followup.tests.conftest import make_update

    c = promise.commitments().get(order=0)
    m = c.measures.first()
    m.baseline, m.target = 2, 10
    m.save()
    make_update(c, periods[0], value=4)
    make_update(c, periods[1], value=6)
    html = client.get("/en/medborgarloften/testby/").content.decode()
    svg = _svg(html, f"measure-{m.pk}")
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img"
    assert svg.find(f"{ns}title").text == m.name
    desc = svg.find(f"{ns}desc").text
    # The promise ended in 2025: its time is up, and half of the way is behind.
    assert desc.endswith(
        "6 st in Quarter 2 2024. Target: 10 st. Baseline: 2 st. "
        "50% of the way to the target, behind."
    )
    assert svg.find(f"{ns}rect[@class='value']").get("width") == "150.0"
    card = html.split(f'id="commitment-{c.pk}"', 1)[1].split("</li>", 1)[0]
    region = f'role="region" tabindex="0" aria-labelledby="measures-{c.pk}-caption">'
    assert f'<div class="table-scroll" {region}' in card
    assert f'<caption id="measures-{c.pk}-caption">' in card
    row = card.split(f'<th scope="row">{m.name}</th>', 1)[1].split("</tr>", 1)[0]
    cells = [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
    latest = '<strong>6 st</strong> <span class="meta">(Quarter 2 2024)</span>'
    assert cells == ["2 st", latest, "10 st", "50% of the way to the target, behind"]


def test_a_measure_without_a_published_value_has_no_bar_but_a_row_that_says_so(client, promise):
    c = promise.commitments().get(order=0)
    m = c.measures.first()
    html = client.get("/en/medborgarloften/testby/").content.decode()
    assert f'id="measure-{m.pk}"' not in html
    card = html.split(f'id="commitment-{c.pk}"', 1)[1].split("</li>", 1)[0]
    assert "no value yet" in card


def test_the_charts_add_no_queries_to_the_promise_page(client, db):
    from lofte.followup.models import ReportingPeriod
    from lofte.followup.tests.conftest import make_update

    def count(slug):
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(f"/medborgarloften/{slug}/").content.decode()
        assert "<svg" in html
        return len(ctx.captured_queries)

    for slug, n in (("liten", 2), ("stor", 40)):
        promise = make_promise(slug, actors=5, commitments=n, focus_areas=("A", "B", "C"))
        quarters = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))
        for c in promise.commitments():
            make_update(c, quarters[0], value=c.order)
    assert count("liten") == count("stor")


def _large_promise(commitments=Promise.DETAILED_LIST_LIMIT + 1):
    return make_promise("stor", actors=6, commitments=commitments, focus_areas=("A", "B"))


def test_a_promise_of_more_than_the_limit_lists_each_commitment_with_status_and_actors_only(
    client, db
):
    promise = _large_promise()
    html = client.get("/en/medborgarloften/stor/").content.decode()
    for c in promise.commitments():
        card = html.split(f'id="commitment-{c.pk}"', 1)[1].split("</li>", 1)[0]
        assert reverse("promises:commitment", args=["stor", c.pk]) in card
        assert '<span class="status status-ongoing">Ongoing</span>' in card
        assert all(a.name in card for a in c.actors.all())
        assert "<details>" not in card and "Vi gör något." not in card
    assert "measures-" not in html
    assert "41 commitments are listed here with their status and actors." in html


def test_each_focus_area_of_a_large_promise_links_to_its_commitments_details(client, db):
    promise = _large_promise()
    html = client.get("/en/medborgarloften/stor/").content.decode()
    for fa, n in (("a", 21), ("b", 20)):
        name = promise.focus_areas.get(slug=fa).name
        link = (
            f'<a href="?fokus={fa}#promises">The descriptions and follow-up of the {n} '
            f"commitments in “{name}”</a>"
        )
        assert link in html

    chosen = client.get("/en/medborgarloften/stor/", {"fokus": "a"}).content.decode()
    for c in promise.commitments():
        if c.focus_area.slug == "a":
            card = chosen.split(f'id="commitment-{c.pk}"', 1)[1].split("</li>", 1)[0]
            assert "<details>" in card and "Vi gör något." in card
            assert f'id="measures-{c.pk}-caption"' in card
        else:
            assert f'id="commitment-{c.pk}"' not in chosen
    assert "are listed here with their status and actors" not in chosen


def test_the_focus_area_links_keep_the_chosen_kind_of_actor(client, db):
    promise = _large_promise(commitments=150)
    kind = promise.actors()[0].kind
    html = client.get("/en/medborgarloften/stor/", {"aktor": kind}).content.decode()
    assert f'href="?fokus=a&amp;aktor={kind}#promises"' in html


def test_a_promise_at_the_limit_shows_every_commitments_details(client, db):
    promise = _large_promise(commitments=Promise.DETAILED_LIST_LIMIT)
    html = client.get("/en/medborgarloften/stor/").content.decode()
    assert html.count("<details>") >= promise.commitments().count()
    assert "are listed here with their status and actors" not in html
    assert "?fokus=a#promises" not in html


def test_a_large_promises_brief_list_sums_up_its_follow_up_as_a_detailed_one_does(client, db):
    from lofte.followup.models import ReportingPeriod
    from lofte.followup.tests.conftest import make_update

    promise = _large_promise()
    quarters = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))
    commitments = list(promise.commitments())
    for c in commitments[:30]:
        make_update(c, quarters[1])
    for c in commitments[30:35]:
        make_update(c, quarters[0])
    said = "30 of 41 commitments have a published update for Quarter 2 2024."
    brief = client.get("/en/medborgarloften/stor/").content.decode()
    assert "are listed here with their status and actors" in brief and said in brief
    # A focus area with details counts its own, from the updates it shows.
    chosen = client.get("/en/medborgarloften/stor/", {"fokus": "a"}).content.decode()
    in_a = [c for c in commitments if c.focus_area.slug == "a"]
    n = sum(1 for c in in_a[:30] if c in commitments[:30])
    assert f"{n} of {len(in_a)} commitments have a published update for Quarter 2" in chosen
    # In the reader's language: the period's name is translated on the brief list too.
    arabic = client.get("/ar/medborgarloften/stor/").content.decode()
    assert "الربع 2 من 2024" in arabic
