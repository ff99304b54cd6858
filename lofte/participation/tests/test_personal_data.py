"""The checks that hold a comment for a coordinator: personal identity numbers (with their
check digit), phone numbers, e-mail addresses, names and links."""

import pytest

from lofte.participation.personal import contains_link, looks_personal, luhn_ok, warning_signs


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
