"""Real files and the kommun they are about, for the indicator tests."""

from pathlib import Path

import pytest

from lofte.kommuner.models import Kommun

DATA = Path(__file__).parent / "data"
SOCIO_ECONOMIC = "regso_socioekonomisk_index_2022.csv"
BRA_SHORT = "bra-goteborg-stadsomraden.csv"
BRA_HISTORY = "bra-goteborg-history_extract.csv"
EVENTS = "events_2026-08-22.json"
JSONSTAT = "scb_folkmangd_backa.jsonstat.json"


def read(name):
    return (DATA / name).read_bytes()


@pytest.fixture
def goteborg(db):
    return Kommun.objects.get(code="1480")


@pytest.fixture
def malmo(db):
    return Kommun.objects.get(code="1280")


@pytest.fixture
def gbg_promise(promise, goteborg):
    """`testby`, which lies in Göteborg."""
    return promise
