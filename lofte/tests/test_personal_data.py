"""One detector for personal data in what people type: personal identity numbers (with their
check digit), phone numbers, e-mail addresses, names and links. Incident reports block on
numbers and addresses and ask about names; residents' texts are held for a coordinator."""

import pytest

from lofte.personal import (
    check_text,
    contains_link,
    looks_personal,
    luhn_ok,
    name_like,
    personal_identity_numbers,
    warning_signs,
)


def test_a_personal_identity_number_with_a_valid_check_digit_is_found_in_every_spelling():
    # 811218-9876 is the Tax Agency's published example number.
    assert luhn_ok("8112189876")
    for text in (
        "Såg 811218-9876 vid torget",
        "811218 9876",
        "8112189876",
        "19811218-9876",
        "198112189876",
        "811218+9876",
    ):
        assert personal_identity_numbers(text), text


def test_a_co_ordination_number_is_found_too():
    # Day 18 + 60 = 78; the check digit is recomputed for the changed day.
    digits = "811278987"
    check = next(d for d in "0123456789" if luhn_ok(digits + d))
    assert personal_identity_numbers(f"nr {digits[:6]}-{digits[6:]}{check}")


def test_numbers_that_are_not_personal_identity_numbers_pass():
    for text in (
        "811218-9875",  # wrong check digit
        "Buss 16 kl 22.30, 3 rutor",
        "Container nr 123456",
        "991340-1234",  # month 13
        "Telefon 031-123 45 67",
    ):
        assert personal_identity_numbers(text) == [], text


def test_two_capitalised_words_look_like_a_name():
    assert name_like("Anna Svensson sprayade på väggen") == ["Anna Svensson"]
    assert name_like("klotter, troligen av Kalle Anka och Musse Pigg") == [
        "Kalle Anka",
        "Musse Pigg",
    ]


def test_place_names_and_sentence_starts_do_not_look_like_names():
    assert name_like("Klotter på Selma Lagerlöfs torg.") == []
    assert name_like("Trasig belysning vid Backa Röd.") == []
    assert name_like("Det brann i en container. Vid Hjalmar Brantingsgatan stod en bil.") == [
        "Hjalmar Brantingsgatan"
    ]
    known = ["Hjalmar Brantingsgatan"]
    assert name_like("Vid Hjalmar Brantingsgatan stod en bil.", known) == []


def test_an_e_mail_address_blocks_and_a_name_warns():
    findings = check_text("Kontakta per.person@example.se om Anna Svensson")
    assert findings.blocking == ["per.person@example.se"]
    assert findings.warnings == ["Anna Svensson"]
    assert not check_text("Glaskross vid hållplatsen, tre rutor.")


@pytest.mark.parametrize(
    "text, found",
    [
        ("Mitt personnummer är 811218-9876.", ["personal_number"]),
        ("19811218-9876", ["personal_number"]),
        ("198112189876", ["personal_number"]),
        ("Samordningsnummer 811278-9873", ["personal_number"]),  # day 18 + 60
        ("Ring 070-123 45 67", ["phone"]),
        ("Ring +46 70 123 45 67", ["phone"]),
        ("Ring 0046701234567", ["phone"]),
        ("Växeln 031-12 34 56", ["phone"]),
        ("Maila boende@example.se", ["email"]),
        ("Anna Svensson på gården", ["name"]),
        ("Prata med Kalle Exempelsson!", ["name"]),
        ("jag heter ahmed", ["name"]),
        ("My name is Sam and I live here.", ["name"]),
    ],
)
def test_it_finds_personal_data(text, found):
    assert looks_personal(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "811218-9875",  # a wrong check digit
        "811318-9876",  # no thirteenth month
        "Vi vill ha fler vuxna ute på kvällarna.",
        "I Backa Röd behövs mer belysning.",
        "Mer ljus vid Selma Lagerlöfs torg, tack.",
        "Fritidsgården borde ha öppet 18–22 på fredagar 2024–2025.",
        "Det kostar 1200 kr per år och 3500 st kom.",
        "Polisen och kommunen gör ett bra jobb.",
        "Hisings Backa behöver fler vuxna.",
    ],
)
def test_it_leaves_ordinary_text_alone(text):
    assert looks_personal(text, known_names=["Hisings Backa"]) == []


def test_the_promise_s_places_and_actors_are_not_names():
    text = "Göteborgs Stad och IF Backa Stjärna gör mycket."
    assert looks_personal(text) == ["name"]
    assert looks_personal(text, ["Göteborgs Stad", "IF Backa Stjärna"]) == []


def test_the_luhn_check_digit():
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")


@pytest.mark.parametrize(
    "text, link",
    [
        ("Se https://example.org/sida", True),
        ("www.example.com", True),
        ("Läs mer på polisen.se", True),
        ("Vi ses på torget. Sedan går vi hem.", False),
        ("Klockan 18.30 börjar det.", False),
    ],
)
def test_it_finds_links(text, link):
    assert contains_link(text) is link


def test_warning_signs_are_personal_data_and_links_together():
    assert warning_signs("Ring 070-123 45 67 eller se www.example.com") == ["phone", "link"]
    assert warning_signs("Bra jobbat!") == []
