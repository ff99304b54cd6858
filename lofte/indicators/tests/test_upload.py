"""The analyst's upload: who may, errors by row, the summary to confirm, and all or nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lofte.areas.models import Area
from lofte.indicators.access import can_import_indicators, importable_kommuner
from lofte.indicators.importing import MAX_IMPORT_BYTES
from lofte.indicators.models import Indicator, IndicatorImport, IndicatorValue, ValueRevision
from lofte.indicators.national import SOCIO_ECONOMIC_AREA_TYPE
from lofte.indicators.tests.conftest import BRA_SHORT, EVENTS, SOCIO_ECONOMIC, read

PERSONAS = [
    "anonymous",
    "dana",
    "charlie",
    "erik",
    "rosa",
    "alice",
    "bob",
    "greta",
    "axel",
    "rut",
    "mats",
]
# A kommun's coordinators and analysts, who build its lägesbild: Göteborg's greta and axel,
# Malmö's mats (who may import for Malmö only, below).
ALLOWED = {"greta", "axel", "mats"}


def url(name, *args, lang=None):
    with translation.override(lang or "sv"):
        return reverse(f"indicators:{name}", args=args)


@pytest.fixture
def login(client, request, gbg_promise):
    def log_in(name):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return log_in


def form(goteborg, fmt="pxweb", name=SOCIO_ECONOMIC, data=None, **fields):
    indicator = Indicator.objects.get(slug=SOCIO_ECONOMIC_AREA_TYPE)
    values = {
        "kommun": goteborg.pk,
        "format": fmt,
        "file": SimpleUploadedFile(name, read(name) if data is None else data),
        "indicator": indicator.pk if fmt == "pxweb" else "",
        "new_theme": "other",
        "new_direction": "neutral",
        "area_kind": "regso",
        "create_areas": "on",
        "counties": "count",
    }
    values.update(fields)
    return values


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_kommuns_coordinators_and_analysts_open_the_upload(login, persona):
    response = login(persona).get(url("upload"))
    if persona == "anonymous":
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    else:
        assert response.status_code == (200 if persona in ALLOWED else 403)


@pytest.mark.django_db
def test_another_kommuns_coordinator_cannot_import_into_goteborg(login, goteborg):
    count = IndicatorValue.objects.count()
    response = login("mats").post(url("upload"), form(goteborg))
    assert response.status_code == 200
    assert response.context["form"].errors["kommun"]
    assert IndicatorValue.objects.count() == count


def test_the_rule_lives_in_one_function(alice, axel, greta, mats, dana, goteborg, malmo):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("root", "root@example.se", "pw")
    assert can_import_indicators(axel, goteborg) and not can_import_indicators(axel, malmo)
    assert can_import_indicators(greta, goteborg)
    assert can_import_indicators(mats, malmo) and not can_import_indicators(mats, goteborg)
    # A promise's coordinator without a kommun role builds no lägesbild.
    assert not can_import_indicators(alice, goteborg)
    assert not can_import_indicators(dana, goteborg)
    assert can_import_indicators(admin, malmo) and can_import_indicators(admin, None)
    assert not can_import_indicators(axel, None)
    assert list(importable_kommuner(axel)) == [goteborg]
    axel.is_active = False
    assert not can_import_indicators(axel, goteborg)


def test_the_page_works_in_english_with_labelled_fields(login):
    response = login("axel").get(url("upload", lang="en"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Import statistics for the situational picture" in html
    assert '<label for="id_file">File</label>' in html
    assert "<legend>Format</legend>" in html


def test_an_upload_shows_the_summary_and_saves_only_when_confirmed(login, goteborg):
    client = login("axel")
    response = client.post(url("upload"), form(goteborg))
    record = IndicatorImport.objects.get()
    assert response.status_code == 302 and response["Location"] == url("confirm", record.pk)
    assert (record.state, record.kommun, record.user.username) == ("checked", goteborg, "axel")
    assert not IndicatorValue.objects.exists() and not Area.objects.filter(kind="regso").exists()

    page = client.get(response["Location"]).content.decode()
    assert "147 nya värden" in page and "0 ändrade värden" in page
    assert "3216 värden utanför den valda kommunen hoppades över." in page

    response = client.post(url("confirm", record.pk), {"action": "confirm"})
    assert response.status_code == 302 and response["Location"] == url("detail", record.pk)
    record.refresh_from_db()
    assert (record.state, record.new, record.content) == ("saved", 147, None)
    assert IndicatorValue.objects.count() == 147
    assert "147 nya värden" in client.get(response["Location"]).content.decode()


def test_a_second_upload_lists_what_would_change_and_the_import_keeps_the_old_values(
    login, goteborg
):
    client = login("axel")
    client.post(url("upload"), form(goteborg))
    client.post(url("confirm", IndicatorImport.objects.get().pk), {"action": "confirm"})
    revised = read(SOCIO_ECONOMIC).replace(
        "Göteborg (Backa Röd),2".encode(), "Göteborg (Backa Röd),3".encode()
    )
    response = client.post(url("upload"), form(goteborg, data=revised))
    page = client.get(response["Location"]).content.decode()
    assert "1 ändrat värde" in page and "146 oförändrade värden" in page
    assert "<td>Backa Röd</td><td>2022</td>" in page
    client.post(response["Location"], {"action": "confirm"})
    assert IndicatorValue.objects.get(area__name="Backa Röd").value == 3
    assert ValueRevision.objects.get().old_value == 2


def test_row_errors_are_shown_in_swedish_with_their_lines_and_nothing_is_kept(login, goteborg):
    data = "region,2022\n1480 Göteborg,1\nGöteborg (Påhittat),tre\n".encode()
    response = login("axel").post(url("upload"), form(goteborg, data=data, create_areas=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ingenting sparades" in html
    assert '<th scope="row">Rad 3</th><td>2022: ”tre” är inget tal.</td>' in html
    assert not IndicatorImport.objects.exists() and not IndicatorValue.objects.exists()


def test_a_file_problem_is_an_error_on_the_file_field(login, goteborg):
    response = login("axel").post(url("upload"), form(goteborg, name="x.csv", data=b"\x00\x01"))
    assert response.status_code == 200
    assert "Det här är ingen textfil." in response.content.decode()
    assert 'aria-describedby="id_file_helptext id_file_errors"' in response.content.decode()


def test_the_size_limit_is_the_commands(login, goteborg):
    data = b"x" * (MAX_IMPORT_BYTES + 1)
    response = login("axel").post(url("upload"), form(goteborg, data=data))
    assert "större än 20 MB" in response.content.decode()
    assert not IndicatorImport.objects.exists()


def test_the_form_says_what_is_missing(login, goteborg):
    response = login("axel").post(url("upload"), form(goteborg, indicator=""))
    assert "Välj indikatorn eller namnge en ny nedan." in response.content.decode()
    response = login("axel").post(
        url("upload"), form(goteborg, fmt="bra", name=BRA_SHORT, indicator="1")
    )
    assert "namnger sina egna indikatorer" in response.content.decode()
    response = login("axel").post(
        url("upload"), form(goteborg, fmt="jsonstat", name=SOCIO_ECONOMIC)
    )
    assert "slutar på .json" in response.content.decode()


def test_a_coordinator_cannot_import_for_another_kommun(login, goteborg, malmo):
    response = login("axel").post(url("upload"), form(goteborg, kommun=malmo.pk))
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not IndicatorImport.objects.exists()


def test_a_new_indicator_named_in_the_form_belongs_to_the_kommun(login, goteborg):
    data = 'region,2024\n1480 Göteborg,"71,5"\n'.encode()
    fields = {"indicator": "", "new_name": "Trygghet i bostadsområdet", "new_unit": "procent"}
    client = login("axel")
    response = client.post(url("upload"), form(goteborg, data=data, **fields))
    client.post(response["Location"], {"action": "confirm"})
    indicator = Indicator.objects.get(name="Trygghet i bostadsområdet")
    assert (indicator.slug, indicator.kommun, indicator.unit) == (
        "goteborg-trygghet-i-bostadsomradet",
        goteborg,
        "procent",
    )
    assert indicator.values.get().value == 71.5


def test_brå_and_police_files_upload_for_the_kommun(login, goteborg):
    client = login("greta")
    response = client.post(url("upload"), form(goteborg, fmt="bra", name=BRA_SHORT))
    client.post(response["Location"], {"action": "confirm"})
    assert IndicatorValue.objects.filter(indicator__slug="bra-totalt").count() == 15
    response = client.post(url("upload"), form(goteborg, fmt="police_events", name=EVENTS))
    client.post(response["Location"], {"action": "confirm"})
    county = IndicatorValue.objects.filter(area__name="Västra Götalands län")
    assert county.exists()
    assert not IndicatorValue.objects.filter(area__name="Skåne län").exists()


def test_cancelling_forgets_the_upload(login, goteborg):
    client = login("axel")
    response = client.post(url("upload"), form(goteborg))
    response = client.post(response["Location"], {"action": "cancel"})
    assert response["Location"] == url("upload")
    assert not IndicatorImport.objects.exists() and not IndicatorValue.objects.exists()


def test_nobody_else_sees_or_confirms_someones_upload(login, client, goteborg, bob):
    response = login("axel").post(url("upload"), form(goteborg))
    confirm = response["Location"]
    client.force_login(bob)
    assert client.get(confirm).status_code == 404
    assert client.post(confirm, {"action": "confirm"}).status_code == 404
    assert not IndicatorValue.objects.exists()


def test_a_saved_import_is_seen_by_those_who_may_import_for_its_kommun(
    login, client, goteborg, greta, mats, dana
):
    response = login("axel").post(url("upload"), form(goteborg))
    client.post(response["Location"], {"action": "confirm"})
    detail = url("detail", IndicatorImport.objects.get().pk)
    client.force_login(greta)
    assert client.get(detail).status_code == 200
    for other in (mats, dana):  # Malmö's coordinator, and someone without a role
        client.force_login(other)
        assert client.get(detail).status_code == 403


def test_an_upload_that_became_wrong_before_confirmation_saves_nothing(login, goteborg):
    client = login("axel")
    data = "region,2022\nGöteborg (Backa Röd),2\n".encode()
    Area.objects.create(name="Backa Röd", kind="regso", code="1480R006", kommun=goteborg)
    response = client.post(url("upload"), form(goteborg, data=data, create_areas=""))
    Area.objects.filter(name="Backa Röd").delete()
    page = client.post(response["Location"], {"action": "confirm"})
    assert page.status_code == 200
    assert (
        '<th scope="row">Rad 2</th><td>Det finns inget område ”Backa Röd” (SCB RegSO) i Göteborg.'
        in page.content.decode()
    )
    assert not IndicatorValue.objects.exists()
    assert IndicatorImport.objects.get().state == "checked"


@pytest.mark.django_db
def test_unconfirmed_uploads_older_than_a_day_are_purged(goteborg, axel, gbg_promise, client):
    import datetime

    from django.utils import timezone

    client.force_login(axel)
    client.post(url("upload"), form(goteborg))
    IndicatorImport.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    client.post(url("upload"), form(goteborg))
    assert IndicatorImport.objects.count() == 1


def test_the_account_page_links_to_the_upload_for_those_who_may_use_it(login, client, dana):
    assert "/indikatorer/importera/" in login("axel").get("/konto/").content.decode()
    client.force_login(dana)
    assert "/indikatorer/importera/" not in client.get("/konto/").content.decode()


# Big files: saved by a worker, all or nothing, followed on the confirmation page


def test_a_big_import_is_saved_by_a_worker_and_the_page_follows_it(
    login, goteborg, settings, django_capture_on_commit_callbacks
):
    from lofte.background.models import Job
    from lofte.testing import run_background_work

    settings.LOFTE_IMPORT_IN_BACKGROUND_VALUES = 100  # the file has 147 new values
    client = login("axel")
    response = client.post(url("upload"), form(goteborg))
    record = IndicatorImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("confirm", record.pk), {"action": "confirm"})
        # A second click queues nothing more.
        client.post(url("confirm", record.pk), {"action": "confirm"})
    assert response["Location"] == url("confirm", record.pk)
    assert not IndicatorValue.objects.exists()  # not in the request
    job = Job.objects.get()
    assert (job.kind, job.kommun, job.created_by.username) == (
        "indicators.save_import",
        goteborg,
        "axel",
    )
    page = client.get(url("confirm", record.pk)).content.decode()
    assert "sparas i bakgrunden" in page and '<span class="tag">i kö</span>' in page

    assert run_background_work() == 1
    job.refresh_from_db()
    assert (job.status, job.result) == ("done", {"saved": 147})
    assert IndicatorValue.objects.count() == 147
    response = client.get(url("confirm", record.pk))
    assert response.status_code == 302 and response["Location"] == url("detail", record.pk)


def test_a_big_import_that_became_wrong_fails_at_once_with_its_row_errors(
    login, goteborg, settings, django_capture_on_commit_callbacks
):
    from lofte.background.models import Job
    from lofte.testing import run_background_work

    settings.LOFTE_IMPORT_IN_BACKGROUND_VALUES = 0
    client = login("axel")
    data = "region,2022\nGöteborg (Backa Röd),2\n".encode()
    Area.objects.create(name="Backa Röd", kind="regso", code="1480R006", kommun=goteborg)
    response = client.post(url("upload"), form(goteborg, data=data, create_areas=""))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "confirm"})
    Area.objects.filter(name="Backa Röd").delete()  # after it was confirmed
    with django_capture_on_commit_callbacks(execute=True):
        run_background_work()
    job = Job.objects.get()
    assert (job.status, job.attempts) == ("failed", 1)  # no retry can help
    # Written by the worker in the site's language.
    assert job.reason == "1 rad är fel. Ingenting sparades."
    assert job.result["row_errors"][0]["where"] == "rad 2"
    assert not IndicatorValue.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Det gick inte att spara i bakgrunden: 1 rad är fel. Ingenting sparades." in page
    assert "Det finns inget område ”Backa Röd” (SCB RegSO) i Göteborg." in page
