"""Statuses are counted in one place (count_statuses), for the promise page, the dashboard and
the report."""

from types import SimpleNamespace

from lofte.promises.models import count_statuses


def items(*statuses):
    return [SimpleNamespace(status=s) for s in statuses]


def test_it_counts_the_statuses_that_occur_in_lifecycle_order():
    counts = count_statuses(items("done", "planned", "done", "delayed"))
    assert [(s, n) for s, _label, n in counts] == [("planned", 1), ("done", 2), ("delayed", 1)]
    assert str(counts[0][1]) == "planerat"


def test_with_zeros_it_has_a_count_for_every_status():
    counts = count_statuses(items("ongoing"), zeros=True)
    assert [(s, n) for s, _label, n in counts] == [
        ("planned", 0),
        ("ongoing", 1),
        ("done", 0),
        ("delayed", 0),
        ("cancelled", 0),
    ]


def test_it_counts_in_the_order_of_other_choices_too():
    choices = [("ongoing", "pågår"), ("none", "ingen publicerad uppdatering")]
    counts = count_statuses(items("none", "ongoing", "none", "done"), choices)
    assert counts == [("ongoing", "pågår", 1), ("none", "ingen publicerad uppdatering", 2)]
