import pytest
from django.utils.html import escape

from lofte.demo.load import load_demo
from lofte.evaluation.models import ComparisonSelection

URL = "/vad-fungerar/medborgarloften/hisings-backa/"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def promise(db):
    return load_demo()


def test_the_demo_evaluates_each_goal_against_real_regso_chosen_by_the_rule(client, promise):
    assert ComparisonSelection.objects.filter(promise=promise).count() == 4
    selections = ComparisonSelection.objects.filter(
        promise=promise, indicator__slug__startswith="exempel-"
    )
    assert selections.count() == 2
    for s in selections:
        assert s.area.name == "Backa Röd" and s.area.kind == "regso"
        assert s.socio_economic.slug == "scb-socioekonomisk-omradestyp"
        assert s.areas.count() == 10
        assert "(exempel)" in s.indicator.name and "Exempeldata" in s.indicator.source

    html = client.get(URL).content.decode()
    for goal in promise.goals.all():
        assert escape(goal.title) in html
    # Each example outcome: an estimate with its interval, or a clear reason there is none.
    for name in ("Anmälda brott per RegSO (exempel)", "Andel elever med hög frånvaro"):
        assert name in html
    answered = html.count("95 % intervall") + html.count("Ingen skattning kan ges")
    assert answered >= 2
    assert "minskade med uppskattningsvis" in html
    # The real series that cannot carry an estimate say why.
    assert "Bara 1 period efter starten" in html and "Bara 1 period före starten" in html
    # Its comparison areas with why each was chosen, and the placebo checks.
    assert html.count("inte granne") >= 20 and "socioekonomisk typ" in html
    assert html.count("Placebokontroller") >= 2 and "Ett falskt startdatum" in html
    # The logic check, with its gaps (the outcome measures on Brå's and SCB's series that
    # hold no comparable data, the measures without recent published values).
    assert "Hänger löftet ihop?" in html and 'data-gap="measure_without_recent_data"' in html
    # The commitments' evidence with its source.
    assert "Mentorskap" in html and "Campbell Systematic Reviews 2008:16" in html


def test_the_demo_lagesbild_and_promise_pages_link_the_evaluation(client, promise):
    assert f'href="{URL}"' in client.get("/medborgarloften/hisings-backa/").content.decode()
