"""frictionless raises the process-wide csv.field_size_limit on import; Löfte's own CSV
readers keep their limit whatever it is."""

import csv
import sys

import pytest

from lofte.followup.spreadsheet.reading import FileProblem, _read_csv
from lofte.indicators.importing import pxweb
from lofte.indicators.importing.base import FileProblem as IndicatorFileProblem
from lofte.text import CSV_CELL_LIMIT, CsvReader


@pytest.fixture
def raised_limit():
    before = csv.field_size_limit(sys.maxsize)  # what importing frictionless does
    yield
    csv.field_size_limit(before)


HUGE = "a" * (CSV_CELL_LIMIT + 1)


def test_the_reader_refuses_a_cell_over_its_own_limit(raised_limit):
    assert list(CsvReader("x,y\n1,2\n")) == [["x", "y"], ["1", "2"]]
    with pytest.raises(csv.Error):
        list(CsvReader(f"x,{HUGE}\n"))


def test_the_update_import_refuses_a_huge_cell_with_a_clear_message(raised_limit):
    with pytest.raises(FileProblem) as problem:
        _read_csv(f"Åtagande;Text\n1;{HUGE}\n".encode())
    assert str(CSV_CELL_LIMIT) in str(problem.value)


def test_the_pxweb_importer_refuses_a_huge_cell(raised_limit):
    with pytest.raises(IndicatorFileProblem):
        list(pxweb.numbered_rows(f"a,b\n1,{HUGE}\n", ","))
