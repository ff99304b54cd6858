"""Issue 8's whole walk, in a real Chromium on a 360 px phone: a resident whose browser asks
for Arabic reads the demo promise right to left, takes its PDF in Arabic, registers for an
event, answers a survey and downloads the open data; and axe-core finds no violation on any
public page type, in Swedish and in Arabic."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from lofte.browser import phone_problems as check
from lofte.events.models import Event, Registration
from lofte.participation.models import Survey

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def upcoming(promise):
    starts = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        promise=promise,
        title="Föräldramöte på arabiska (exempel)",
        place_name="Backa bibliotek",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        registration=True,
        capacity=30,
    )


def test_an_arabic_reader_reads_registers_answers_and_takes_the_data(browser, live_server, demo):
    event = upcoming(demo)
    survey = Survey.objects.get(title__startswith="(Exempel) Inför")
    answered = survey.responses.count()
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, locale="ar")
    page = context.new_page()

    # The promise, in Arabic, right to left.
    page.goto(live_server.url + "/medborgarloften/hisings-backa/")
    assert page.url.startswith(live_server.url + "/ar/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert check(page) == []

    # Its PDF, in Arabic: the document says its language.
    pdf = page.request.get(live_server.url + "/ar/medborgarloften/hisings-backa/hela.pdf")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert PdfReader(io.BytesIO(pdf.body())).trailer["/Root"]["/Lang"] == "ar"

    # Registers for an event.
    page.goto(live_server.url + f"/ar{event.get_absolute_url()}")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert check(page) == []
    page.fill("#id_email", "boende@example.se")
    page.click("form.registration-form button[type=submit]")
    page.wait_for_url("**/anmalan/tack/")
    assert check(page) == []
    assert Registration.objects.get(email="boende@example.se").state == "confirmed"
    assert mail.outbox and "boende@example.se" in mail.outbox[-1].to

    # Answers the survey.
    page.goto(live_server.url + f"/ar/medborgarloften/hisings-backa/enkater/{survey.pk}/")
    assert check(page) == []
    multiple, scale, text = survey.questions.order_by("order")
    page.locator(f"input[name=q{multiple.pk}]").first.check()
    page.check(f"input[name=q{scale.pk}][value='4']")
    page.fill(f"#id_q{text.pk}", "مكان للشباب مفتوح في عطلة نهاية الأسبوع")
    page.click("form button[type=submit]")
    page.wait_for_url("**/tack/")
    assert check(page) == []
    assert survey.responses.count() == answered + 1

    # Downloads the open data.
    package = page.request.get(live_server.url + "/oppna-data/hisings-backa/datapaket.zip")
    assert package.ok and package.body()[:2] == b"PK"
    context.close()


def public_paths(promise):
    commitment = promise.commitments().first()
    actor = commitment.actors.first()
    event = promise.events.first()
    survey = Survey.objects.get(title__startswith="(Exempel) Inför")
    from lofte.lagesbild.models import Lagesbild

    lagesbild = Lagesbild.objects.published().first()
    return [
        "/",
        "/medborgarloften/hisings-backa/",
        "/medborgarloften/hisings-backa/hela/",
        f"/medborgarloften/hisings-backa/ataganden/{commitment.pk}/",
        f"/aktorer/{actor.slug}/",
        "/medborgarloften/hisings-backa/handelser/",
        f"/medborgarloften/hisings-backa/handelser/{event.pk}/",
        "/medborgarloften/hisings-backa/kontakt/",
        "/medborgarloften/hisings-backa/uppfoljning/",
        "/medborgarloften/hisings-backa/rapport/",
        "/medborgarloften/hisings-backa/prenumerera/",
        "/medborgarloften/hisings-backa/synpunkter/",
        f"/medborgarloften/hisings-backa/enkater/{survey.pk}/",
        f"/medborgarloften/hisings-backa/enkater/{survey.pk}/resultat/",
        lagesbild.get_absolute_url(),
        "/kommun/goteborg/incidenter/",
        "/kommuner/",
        "/kommuner/goteborg/",
        "/sok/?q=backa",
        "/oppna-data/",
        "/vad-fungerar/",
        "/tillganglighet/",
        "/personuppgifter/",
        "/konto/logga-in/",
    ]


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_every_public_page_type_passes_axe_in_swedish_and_arabic(
    browser, live_server, demo, language
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    prefix = "" if language == "sv" else f"/{language}"
    problems = {}
    for path in public_paths(demo):
        response = page.goto(live_server.url + prefix + path)
        assert response.status == 200, path
        assert page.evaluate("document.documentElement.lang") == language, path
        found = check(page)
        if found:
            problems[path] = found
    context.close()
    assert problems == {}
