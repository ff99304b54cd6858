"""The report's text is checked for personal data: numbers block, names ask to confirm."""

from lofte.incidents.personal_data import check_text, luhn_ok, name_like, personal_identity_numbers


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
