"""What the lägesbild page reads: a series, the latest value, the kommun beside the area."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from lofte.areas.models import Area
from lofte.indicators.actions import record_import, save_import
from lofte.indicators.importing import check_file, options_for
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.indicators.tests.conftest import BRA_HISTORY, read

pytestmark = pytest.mark.django_db


@pytest.fixture
def bra(goteborg):
    data = read(BRA_HISTORY)
    plan = check_file("bra", data, options=options_for(create_areas=True))
    save_import(plan, record_import(format="bra", via="command", data=data, file_name="b.csv"))
    return Indicator.objects.get(slug="bra-totalt")


def test_a_series_runs_in_period_order(bra):
    hisingen = Area.objects.get(name="Stadsområde Hisingen (Gbg)")
    series = bra.values_for(hisingen)
    assert [v.period_label for v in series] == ["2021", "2022", "2023", "2024", "2025"]
    kommun = Area.objects.get(kind=Area.Kind.KOMMUN, code="1480")
    assert bra.values_for(kommun).count() == 16  # 2010–2025


def test_the_latest_value_and_the_latest_known_one(bra):
    kommun = Area.objects.get(kind=Area.Kind.KOMMUN, code="1480")
    latest = bra.latest_for(kommun)
    assert (latest.period_label, latest.value) == ("2025", 84816)
    latest.value, latest.status = None, IndicatorValue.Status.SUPPRESSED
    latest.save()
    assert bra.latest_for(kommun).status == "suppressed"
    assert bra.latest_for(kommun, known=True).period_label == "2024"
    assert bra.latest_for(Area.objects.create(name="Tomt", kind=Area.Kind.OWN)) is None


def test_each_value_of_an_area_comes_with_the_kommuns_for_the_same_period(bra):
    hisingen = Area.objects.get(name="Stadsområde Hisingen (Gbg)")
    rows = list(bra.compared_with_kommun(hisingen))
    assert [(r.period_label, r.kommun_status) for r in rows][:1] == [("2021", "reported")]
    by_year = {r.period_label: (r.value, r.kommun_value) for r in rows}
    kommun_2023 = IndicatorValue.objects.get(
        indicator=bra, area__kind=Area.Kind.KOMMUN, period_label="2023"
    )
    assert by_year["2023"][1] == kommun_2023.value == Decimal(90659)
    share = by_year["2023"][0] / by_year["2023"][1]
    assert Decimal("0.2") < share < Decimal("0.3")


def test_the_kommun_value_is_none_where_the_kommun_has_none(goteborg):
    indicator = Indicator.objects.create(name="Test", slug="test", theme="other")
    area = Area.objects.create(name="Backa Röd", kind=Area.Kind.REGSO, kommun=goteborg)
    IndicatorValue.objects.create(
        indicator=indicator,
        area=area,
        period_kind="year",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        period_label="2022",
        value=2,
        status="reported",
    )
    (row,) = indicator.compared_with_kommun(area)
    assert (row.value, row.kommun_value) == (2, None)


def test_national_and_the_kommuns_own_indicators_are_offered_to_it(goteborg, malmo):
    Indicator.objects.create(name="Göteborgs egen", slug="gbg", theme="other", kommun=goteborg)
    Indicator.objects.create(name="Malmös egen", slug="mmo", theme="other", kommun=malmo)
    names = set(Indicator.objects.for_kommun(goteborg).values_list("name", flat=True))
    assert "Göteborgs egen" in names and "Socioekonomisk områdestyp" in names
    assert "Malmös egen" not in names


def test_one_value_per_indicator_area_and_period_and_only_reported_ones_have_a_number(goteborg):
    indicator = Indicator.objects.create(name="Test", slug="test", theme="other")
    area = Area.objects.create(name="Göteborg", kind=Area.Kind.KOMMUN, code="1480", kommun=goteborg)
    fields = {
        "indicator": indicator,
        "area": area,
        "period_kind": "year",
        "period_start": datetime.date(2022, 1, 1),
        "period_end": datetime.date(2022, 12, 31),
        "period_label": "2022",
    }
    IndicatorValue.objects.create(**fields, value=None, status="suppressed")
    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(**fields, value=1, status="reported")


def test_a_suppressed_value_cannot_hold_a_number(goteborg):
    indicator = Indicator.objects.create(name="Test", slug="test", theme="other")
    area = Area.objects.create(name="Göteborg", kind=Area.Kind.KOMMUN, code="1480", kommun=goteborg)
    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(
            indicator=indicator,
            area=area,
            period_kind="year",
            period_start=datetime.date(2022, 1, 1),
            period_end=datetime.date(2022, 12, 31),
            period_label="2022",
            value=0,
            status="suppressed",
        )
