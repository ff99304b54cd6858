import datetime

import pytest

from lofte.evaluation.logic import gaps
from lofte.evaluation.tests import builders as b
from lofte.followup.models import MeasureValue, Update
from lofte.lagesbild.models import Lagesbild, OutcomeMeasure, Problem
from lofte.promises.models import Commitment, Measure

TODAY = datetime.date(2026, 1, 20)  # Q4 2025's reports are due on 15 January


def codes(promise, user=None):
    return [g.code for g in gaps(promise, user, today=TODAY)]


def report(commitment, period, measures=None):
    update = Update.objects.create(
        commitment=commitment,
        period=period,
        status=Commitment.Status.ONGOING,
        text="Gjort.",
        state=Update.State.APPROVED,
    )
    for m in measures or commitment.measures.all():
        MeasureValue.objects.create(update=update, measure=m, value=5)
    return update


@pytest.fixture
def whole(promise, periods):
    """The testby promise with a published value for every measure in its latest period."""
    for c in Commitment.objects.filter(focus_area__promise=promise):
        report(c, periods[-1])
    return promise


def test_a_promise_whose_logic_holds_has_no_gaps(whole, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert codes(whole) == []


def test_a_goal_without_commitments_is_a_gap_until_one_serves_it(whole):
    goal = whole.goals.create(title="Färre inbrott", order=3)
    found = gaps(whole, today=TODAY)
    assert [g.code for g in found] == ["goal_without_commitments"]
    assert "Färre inbrott" in found[0].message
    assert found[0].url == f"/admin/promises/promise/{whole.pk}/change/"
    Commitment.objects.filter(focus_area__promise=whole).first().goals.add(goal)
    assert codes(whole) == []


def test_a_commitment_without_a_goal_is_a_gap_until_it_serves_one(whole):
    c = Commitment.objects.filter(focus_area__promise=whole).first()
    goals = list(c.goals.all())
    c.goals.clear()
    found = gaps(whole, today=TODAY)
    assert [g.code for g in found] == ["commitment_without_goal"]
    assert found[0].url == f"/admin/promises/commitment/{c.pk}/change/"
    c.goals.add(*goals)
    assert codes(whole) == []


def test_a_commitment_without_a_measure_is_a_gap_until_it_has_one(whole, periods):
    c = Commitment.objects.filter(focus_area__promise=whole).first()
    c.measures.all().delete()
    assert codes(whole) == ["commitment_without_measure"]
    m = Measure.objects.create(commitment=c, name="Träffar", unit="st", target=3)
    MeasureValue.objects.create(update=c.updates.get(), measure=m, value=2)
    assert codes(whole) == []


def test_a_measure_without_a_target_is_a_gap_until_it_has_one(whole):
    m = Measure.objects.filter(commitment__focus_area__promise=whole).first()
    Measure.objects.filter(pk=m.pk).update(target=None)
    assert codes(whole) == ["measure_without_target"]
    Measure.objects.filter(pk=m.pk).update(target=12)
    assert codes(whole) == []


def test_a_measure_without_a_published_value_lately_is_a_gap_until_one_is_published(whole, periods):
    c = Commitment.objects.filter(focus_area__promise=whole).first()
    update = c.updates.get()
    update.state = Update.State.SUBMITTED
    update.save()
    found = gaps(whole, today=TODAY)
    assert [g.code for g in found] == ["measure_without_recent_data"]
    assert found[0].url == "/uppfoljning/testby/"
    # A value in the period before the latest is recent enough.
    report(c, periods[-2])
    assert codes(whole) == []
    # One from longer ago is not.
    c.updates.filter(period=periods[-2]).update(period=periods[-4])
    assert codes(whole) == ["measure_without_recent_data"]


def test_nothing_is_asked_of_measures_before_a_period_is_due(promise, periods):
    assert gaps(promise, today=datetime.date(2024, 2, 1)) == []
    assert set(codes(promise)) == {"measure_without_recent_data"}


def test_a_prioritised_problem_no_commitment_addresses_is_a_gap_until_one_does(whole, goteborg):
    lb = Lagesbild.objects.create(
        kommun=goteborg,
        area=whole.area,
        title="Lägesbild testby",
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        status=Lagesbild.Status.PUBLISHED,
    )
    problem = Problem.objects.create(lagesbild=lb, order=1, title="Narkotikahandel vid torget")
    found = gaps(whole, today=TODAY)
    assert [g.code for g in found] == ["problem_not_addressed"]
    assert "Narkotikahandel vid torget" in found[0].message
    assert found[0].url == f"/kommun/goteborg/lagesbild/{lb.pk}/problem/{problem.pk}/"
    problem.commitments.add(Commitment.objects.filter(focus_area__promise=whole).first())
    assert codes(whole) == []


def test_a_draft_lagesbilds_problems_are_checked_only_for_those_who_see_the_draft(
    whole, goteborg, greta
):
    lb = Lagesbild.objects.create(
        kommun=goteborg,
        area=whole.area,
        title="Utkast",
        period_start=datetime.date(2023, 1, 1),
        period_end=datetime.date(2023, 12, 31),
    )
    Problem.objects.create(lagesbild=lb, order=1, title="Hemligt problem")
    assert codes(whole) == []
    assert codes(whole, greta) == ["problem_not_addressed"]


def test_an_outcome_measure_without_data_before_the_start_is_a_gap_until_there_is(whole, goteborg):
    crimes = b.indicator()
    outcome = OutcomeMeasure.objects.create(
        goal=whole.goals.first(), indicator=crimes, area=whole.area
    )
    b.values(crimes, whole.area, [10, 12], years=[2024, 2025])
    found = gaps(whole, today=TODAY)
    assert [g.code for g in found] == ["outcome_without_data_before"]
    assert found[0].url == "/indikatorer/importera/"
    b.values(crimes, whole.area, [None], years=[2023])
    assert codes(whole) == ["outcome_without_data_before"]  # a suppressed value is no data
    b.values(crimes, whole.area, [9], years=[2022])
    assert codes(whole) == []
    assert outcome.pk


def test_the_dashboard_and_the_report_show_the_gaps_with_fixes_only_for_coordinators(
    client, whole, alice, rosa
):
    whole.goals.create(title="Färre inbrott", order=3)
    client.force_login(alice)
    html = client.get("/uppfoljning/testby/").content.decode()
    assert "Hänger löftet ihop?" in html and "Färre inbrott" in html
    assert f'href="/admin/promises/promise/{whole.pk}/change/"' in html
    client.force_login(rosa)
    html = client.get("/uppfoljning/testby/").content.decode()
    assert "Färre inbrott" in html and "/admin/promises/promise/" not in html
    client.logout()
    html = client.get("/medborgarloften/testby/rapport/").content.decode()
    assert "Hänger löftet ihop?" in html and "Färre inbrott" in html
    assert "/admin/promises/promise/" not in html
