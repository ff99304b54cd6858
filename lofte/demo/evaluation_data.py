"""The demo's evaluation: example outcome series for Göteborg's RegSO and the Hisings Backa
promise's goals measured by them, evaluated against comparison areas that the documented rule
chooses among the real RegSO (their boundaries and SCB's socio-economic area type are the real
files'). No real series per RegSO and year is public, so the numbers are made up, and their
names and sources say so: a seeded random walk around a level set by the real area type, with
an example effect in Backa Röd after the promise began."""

import random
from decimal import Decimal

from django.contrib.auth.models import User

from lofte.areas.models import Area
from lofte.evaluation.actions import choose_comparison_areas, tag_commitment
from lofte.evaluation.models import ComparisonSelection, InterventionKind
from lofte.evaluation.report import socio_economic_indicator, value_kind_of
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.indicators.national import SOCIO_ECONOMIC_AREA_TYPE
from lofte.indicators.periods import year
from lofte.kommuner.models import Kommun
from lofte.lagesbild.models import OutcomeMeasure
from lofte.promises.models import Commitment, Goal

YEARS = range(2015, 2027)
TREATED = "Backa Röd"
EXAMPLE_SOURCE = "Exempeldata, påhittad för demon: inte verklig statistik"
# (goal title, slug, name, unit, theme, level by area type 1–5, yearly change, effect)
SERIES = [
    (
        "Få bort Hisings Backa från listan över utsatta områden",
        "exempel-anmalda-brott-regso",
        "Anmälda brott per RegSO (exempel)",
        "anmälda brott",
        Indicator.Theme.CRIME,
        {1: 420, 2: 300, 3: 220, 4: 160, 5: 120},
        -0.01,
        -0.18,  # 18 % fewer after the start
    ),
    (
        "Minska nyrekryteringen till kriminella nätverk",
        "exempel-hog-franvaro-regso",
        "Andel elever med hög frånvaro per RegSO (exempel)",
        "%",
        Indicator.Theme.SCHOOL,
        {1: 14.0, 2: 11.0, 3: 9.0, 4: 7.0, 5: 6.0},
        0.15,
        -1.5,  # 1.5 percentage points lower after the start
    ),
]


# The demo promise's commitments tagged with their kind from the national catalogue.
KINDS = {
    "Mentorsprogram för unga": "Mentorskap",
    "Föräldrastöd i grupp": "Föräldraskapsstöd",
    "Bättre belysning och röjd växtlighet": "Förbättrad gatubelysning",
    "Trygghetsvandringar med boende": "Trygghetsvandringar",
    "Polisen finns i skolan för att bygga relationer": "Polis i skolan",
}


def _values(indicator, areas, types, level, change, effect, start, rng):
    rows = []
    for area in areas:
        kind = int(types.get(area.pk, 3))
        base = level[kind] * rng.uniform(0.7, 1.3)
        trend = change * rng.uniform(0.5, 1.5)
        for t, y in enumerate(YEARS):
            p = year(y)
            if indicator.unit == "%":
                value = base + trend * t + rng.gauss(0, 0.5)
                if area.name == TREATED and p.start >= start:
                    value += effect
                value = round(max(value, 0.0), 1)
            else:
                mean = base * (1 + trend) ** t
                if area.name == TREATED and p.start >= start:
                    mean *= 1 + effect
                value = max(0, round(rng.gauss(mean, mean**0.5)))
            rows.append(
                IndicatorValue(
                    indicator=indicator,
                    area=area,
                    period_kind=p.kind,
                    period_start=p.start,
                    period_end=p.end,
                    period_label=p.label,
                    value=Decimal(str(value)),
                    status=IndicatorValue.Status.REPORTED,
                    note="Exempel",
                )
            )
    IndicatorValue.objects.bulk_create(rows)


def load_example_evaluation(promise, kommun_code="1480", username="admin"):
    """Make the example series, measure the promise's goals by them in Backa Röd and choose
    their comparison areas by the rule; return the selections."""
    kommun = Kommun.objects.get(code=kommun_code)
    areas = list(Area.objects.filter(kind=Area.Kind.REGSO, kommun=kommun))
    treated = next((a for a in areas if a.name == TREATED), None)
    if treated is None:
        return []
    socio = Indicator.objects.filter(slug=SOCIO_ECONOMIC_AREA_TYPE).first()
    types = {}
    if socio:
        types = dict(
            IndicatorValue.objects.known()
            .filter(indicator=socio, area__in=areas)
            .values_list("area_id", "value")
        )
    user = User.objects.get(username=username)
    selections = []
    for order, (goal_title, slug, name, unit, theme, level, change, effect) in enumerate(SERIES):
        goal = Goal.objects.filter(promise=promise, title=goal_title).first()
        if goal is None:
            continue
        indicator = Indicator.objects.create(
            name=name,
            slug=slug,
            unit=unit,
            theme=theme,
            direction=Indicator.Direction.LOWER,
            source=EXAMPLE_SOURCE,
            description="Exempel: påhittade värden per RegSO och år för att visa utvärderingen.",
            kommun=kommun,
        )
        rng = random.Random(slug)
        _values(indicator, areas, types, level, change, effect, promise.period_start, rng)
        OutcomeMeasure.objects.get_or_create(
            goal=goal, indicator=indicator, area=treated, defaults={"order": order}
        )
        selection, _choice = choose_comparison_areas(
            user,
            treated,
            indicator,
            promise.period_start,
            promise=promise,
            value_kind=value_kind_of(indicator),
            socio=socio_economic_indicator(treated),
        )
        selections.append(selection)
    # The outcome measures on real series (SCB's area type, Brå's stadsområden) get theirs
    # too: the report then says why no estimate can be given from them.
    for outcome in OutcomeMeasure.objects.filter(goal__promise=promise).select_related(
        "indicator", "area"
    ):
        if ComparisonSelection.objects.filter(
            promise=promise, area=outcome.area, indicator=outcome.indicator
        ).exists():
            continue
        selection, _choice = choose_comparison_areas(
            user,
            outcome.area,
            outcome.indicator,
            promise.period_start,
            promise=promise,
            value_kind=value_kind_of(outcome.indicator),
            socio=socio_economic_indicator(outcome.area),
        )
        selections.append(selection)
    kinds = {k.name: k for k in InterventionKind.objects.filter(kommun=None)}
    for commitment in Commitment.objects.filter(focus_area__promise=promise, title__in=KINDS):
        kind = kinds.get(KINDS[commitment.title])
        if kind is not None:
            tag_commitment(user, commitment, kind)
    return selections
