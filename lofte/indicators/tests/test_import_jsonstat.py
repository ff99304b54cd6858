"""JSON-stat 2.0 datasets: SCB's shape, the spec's alternatives (index lists, sparse values,
status in every form), and datasets that cannot be imported."""

import copy
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from lofte.areas.models import Area
from lofte.indicators.actions import record_import, save_import
from lofte.indicators.importing import FileProblem, IndicatorSpec, check_file, options_for
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.indicators.national import POPULATION
from lofte.indicators.tests.conftest import DATA, JSONSTAT, read

pytestmark = pytest.mark.django_db
DATASET = json.loads(read(JSONSTAT))


def dump(dataset):
    return json.dumps(dataset, ensure_ascii=False).encode()


def check(data, indicator=None, scope=None, create_areas=True):
    spec = IndicatorSpec(slug=indicator) if indicator else None
    opts = options_for(indicator=spec, create_areas=create_areas)
    return check_file("jsonstat", data, options=opts, scope=scope)


def imported(data, **kwargs):
    plan = check(data, **kwargs)
    assert plan.errors == []
    return save_import(
        plan, record_import(format="jsonstat", via="command", data=data, file_name="d.json")
    )


def value(slug, area, label):
    return IndicatorValue.objects.get(indicator__slug=slug, area__name=area, period_label=label)


def test_each_measure_of_the_dataset_becomes_an_indicator_with_its_unit(goteborg):
    record = imported(read(JSONSTAT))
    assert record.new == 24
    population = Indicator.objects.get(slug="folkmangd")
    share = Indicator.objects.get(slug="andel-0-19-ar")
    assert (population.name, population.unit, population.source) == ("Folkmängd", "antal", "SCB")
    assert (share.name, share.unit) == ("Andel 0–19 år", "procent")
    assert value("folkmangd", "Göteborg", "2024").value == 608900
    assert value("folkmangd", "Göteborg", "2024").area.kind == Area.Kind.KOMMUN
    assert value("andel-0-19-ar", "Backa centrala", "2022").value == Decimal("24.8")
    assert value("folkmangd", "Backa östra", "2023").area.code == "1480R007"


def test_a_null_with_the_status_dot_dot_is_suppressed_and_other_statuses_become_notes(goteborg):
    imported(read(JSONSTAT))
    suppressed = value("andel-0-19-ar", "Backa Röd", "2024")
    assert (suppressed.value, suppressed.status) == (None, "suppressed")
    preliminary = value("folkmangd", "Backa östra", "2024")
    assert (preliminary.value, preliminary.status, preliminary.note) == (5300, "reported", "p")


def test_index_as_a_list_or_an_object_and_value_as_an_array_or_a_sparse_object_agree(goteborg):
    dataset = copy.deepcopy(DATASET)
    dataset["dimension"]["Region"]["category"]["index"] = [
        "1480",
        "1480R005",
        "1480R006",
        "1480R007",
    ]
    dataset["dimension"]["Tid"]["category"]["index"] = {"2022": 0, "2023": 1, "2024": 2}
    dataset["value"] = {str(i): v for i, v in enumerate(DATASET["value"]) if v is not None}
    sparse = check(dump(dataset))
    dense = check(read(JSONSTAT))
    as_tuples = lambda plan: sorted(  # noqa: E731
        (v.indicator.slug, str(v.area), v.period.label, v.value)
        for v in plan.values
        if v.value is not None
    )
    assert as_tuples(sparse) == as_tuples(dense)
    assert len(sparse.values) == 23  # the cell left out of the sparse cube is not a value


def test_a_status_for_every_cell_as_one_string(goteborg):
    dataset = copy.deepcopy(DATASET)
    dataset["value"] = [None] * 24
    dataset["status"] = ".."
    plan = check(dump(dataset))
    assert {v.status for v in plan.values} == {"suppressed"}
    assert all(v.value is None for v in plan.values)


def test_a_dataset_with_one_measure_goes_to_the_chosen_indicator(goteborg):
    dataset = copy.deepcopy(DATASET)
    dataset["id"] = ["Region", "Tid"]
    dataset["size"] = [4, 3]
    del dataset["dimension"]["ContentsCode"]
    dataset["role"] = {"time": ["Tid"], "geo": ["Region"]}
    dataset["value"] = [v for i, v in enumerate(DATASET["value"]) if (i // 3) % 2 == 0]
    dataset["status"] = {}
    imported(dump(dataset), indicator=POPULATION)
    assert value(POPULATION, "Backa Röd", "2023").value == 3950


def test_without_role_scbs_dimension_ids_are_recognised(goteborg):
    dataset = copy.deepcopy(DATASET)
    del dataset["role"]
    assert len(check(dump(dataset)).values) == 24


def test_the_command_imports_a_dataset(goteborg):
    out = io.StringIO()
    call_command(
        "import_jsonstat", str(DATA / JSONSTAT), "--kommun", "1480", "--create-areas", stdout=out
    )
    assert "24 nya värden" in out.getvalue()
    assert "Nya indikatorer: Folkmängd, Andel 0–19 år." in out.getvalue()


def refused(dataset, **kwargs):
    with pytest.raises(FileProblem) as problem:
        check(dataset if isinstance(dataset, bytes) else dump(dataset), **kwargs)
    return str(problem.value)


def test_broken_datasets_are_refused_with_what_is_wrong(db):
    assert "inte JSON" in refused(b"{nej")
    assert "JSON-stat 2.0" in refused({"class": "collection"})
    wrong_size = copy.deepcopy(DATASET)
    wrong_size["value"] = wrong_size["value"][:-1]
    assert "23 celler" in refused(wrong_size)
    wrong_categories = copy.deepcopy(DATASET)
    wrong_categories["size"] = [5, 2, 3]
    assert "”Region”" in refused(wrong_categories)
    sexes = copy.deepcopy(DATASET)
    sexes["id"].append("Kon")
    sexes["size"].append(2)
    sexes["dimension"]["Kon"] = {"label": "kön", "category": {"index": ["1", "2"]}}
    sexes["value"] = [1] * 48
    assert "”kön”" in refused(sexes)
    bad_year = copy.deepcopy(DATASET)
    bad_year["dimension"]["Tid"]["category"]["index"] = ["2022", "2023", "senaste"]
    bad_year["dimension"]["Tid"]["category"]["label"] = {}
    assert "”senaste”" in refused(bad_year)
    assert "2 mått" in refused(DATASET, indicator=POPULATION)


def test_a_value_that_is_not_a_number_is_a_row_error_named_by_its_position(goteborg):
    dataset = copy.deepcopy(DATASET)
    dataset["value"][4] = "många"
    plan = check(dump(dataset))
    assert [str(e) for e in plan.errors] == ["Värde 5: ”många” är inget tal."]


def test_an_unknown_area_code_is_an_error_unless_areas_may_be_created(goteborg):
    plan = check(read(JSONSTAT), create_areas=False)
    assert len(plan.errors) == 18  # three RegSO × six cells; the kommun is always known
    assert not Area.objects.exists()
