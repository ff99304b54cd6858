"""Finding the area a file names: kommun areas on demand, RegSO by name, Brå's names."""

import pytest

from lofte.areas.models import Area
from lofte.indicators.places import (
    COUNTY,
    NATION,
    NewArea,
    OutsidePlace,
    Place,
    PlaceFinder,
    UnknownPlace,
)

pytestmark = pytest.mark.django_db


def regso(name, kommun="Göteborg"):
    return Place(f"{kommun} ({name})", Area.Kind.REGSO, name=name, kommun=kommun)


def test_a_kommun_area_is_planned_from_the_register_and_found_once_made(goteborg):
    planned = PlaceFinder().find(Place("Göteborg kommun", Area.Kind.KOMMUN, name="Göteborg kommun"))
    assert planned == NewArea(Area.Kind.KOMMUN, "Göteborg", "1480", goteborg.pk)
    area = Area.objects.create(name="Göteborg", kind=Area.Kind.KOMMUN, code="1480", kommun=goteborg)
    for text in ("1480", "Göteborg", "Göteborgs kommun", "1480 Göteborg"):
        assert PlaceFinder().find(Place(text, Area.Kind.KOMMUN, name=text)) == area


def test_a_regso_is_found_by_its_name_in_its_kommun_whatever_the_spaces(goteborg):
    area = Area.objects.create(name="Kortedala södra", kind=Area.Kind.REGSO, kommun=goteborg)
    assert PlaceFinder().find(regso("Kortedala  södra")) == area


def test_a_regso_is_found_by_the_code_scb_gives_its_name(goteborg):
    area = Area.objects.create(
        name="Backa Röd (RegSO)", kind=Area.Kind.REGSO, code="1480R006", kommun=goteborg
    )
    assert PlaceFinder().find(regso("Backa Röd")) == area


def test_an_unknown_regso_is_an_error_unless_areas_may_be_created(goteborg):
    with pytest.raises(UnknownPlace, match="Backa Röd"):
        PlaceFinder().find(regso("Backa Röd"))
    planned = PlaceFinder(create=True).find(regso("Backa Röd"))
    # Made with SCB's code, so a later import of RegSO boundaries by code finds the same area.
    assert planned == NewArea(Area.Kind.REGSO, "Backa Röd", "1480R006", goteborg.pk)


def test_the_double_space_scb_writes_is_kept_in_a_new_areas_name(goteborg):
    planned = PlaceFinder(create=True).find(regso("Kortedala  södra"))
    assert (planned.name, planned.code) == ("Kortedala  södra", "1480R066")


def test_the_same_name_in_another_kommun_is_another_area(goteborg, malmo):
    Area.objects.create(name="Centrum", kind=Area.Kind.REGSO, kommun=goteborg)
    with pytest.raises(UnknownPlace):
        PlaceFinder().find(regso("Centrum", "Malmö"))


def test_bras_stadsomrade_names_find_the_citys_area(goteborg):
    area = Area.objects.create(
        name="Hisingen", kind=Area.Kind.STADSOMRADE, code="4", kommun=goteborg
    )
    place = Place(
        "Stadsområde Hisingen (Gbg)",
        Area.Kind.STADSOMRADE,
        name="Stadsområde Hisingen (Gbg)",
        kommun="Göteborg",
    )
    assert PlaceFinder().find(place) == area


def test_two_areas_with_one_name_are_an_error_that_asks_for_codes(goteborg):
    for code in ("71", "412"):
        Area.objects.create(name="Backa", kind=Area.Kind.STADSOMRADE, code=code, kommun=goteborg)
    place = Place("Backa", Area.Kind.STADSOMRADE, name="Backa", kommun="Göteborg")
    with pytest.raises(UnknownPlace, match="koder"):
        PlaceFinder().find(place)


def test_a_vulnerable_area_is_never_made_from_a_name(goteborg):
    place = Place(
        "Hisings Backa", Area.Kind.VULNERABLE_AREA, name="Hisings Backa", kommun="Göteborg"
    )
    with pytest.raises(UnknownPlace):
        PlaceFinder(create=True).find(place)


def test_a_city_area_without_a_kommun_needs_one(db):
    with pytest.raises(UnknownPlace, match="vilken kommun"):
        PlaceFinder(create=True).find(Place("Hisingen", Area.Kind.STADSOMRADE, name="Hisingen"))


def test_the_chosen_kommun_places_bare_names_and_leaves_others_outside(goteborg):
    finder = PlaceFinder(scope=goteborg, create=True)
    hisingen = finder.find(Place("Hisingen", Area.Kind.STADSOMRADE, name="Hisingen"))
    assert hisingen.kommun_id == goteborg.pk
    with pytest.raises(OutsidePlace):
        finder.find(regso("Bollstanäs", "Upplands Väsby"))


def test_a_county_is_an_area_of_its_own_and_the_country_is_skipped(goteborg):
    finder = PlaceFinder(scope=goteborg)
    county = finder.find(Place("Västra Götalands län", COUNTY, name="Västra Götalands län"))
    assert county == NewArea(Area.Kind.LAN, "Västra Götalands län", "14", None)
    with pytest.raises(OutsidePlace):
        finder.find(Place("Skåne län", COUNTY, name="Skåne län"))
    with pytest.raises(OutsidePlace):
        finder.find(Place("Riket", NATION))


def test_codes_keep_their_leading_zeros(db):
    finder = PlaceFinder()
    assert finder.kommun("0114").name == "Upplands Väsby"
    assert finder.kommun("0114 Upplands Väsby").name == "Upplands Väsby"
    assert finder.county("01") is not None and finder.county("1") is None
    planned = PlaceFinder(create=True).find(Place("0114R001", Area.Kind.REGSO, code="0114R001"))
    assert (planned.name, planned.code) == ("Bollstanäs", "0114R001")
