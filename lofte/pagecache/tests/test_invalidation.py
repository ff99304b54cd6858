"""Every kind of change is on the next anonymous page: made through the real action, view or
admin, after the page was kept."""

import datetime
import re

import pytest
from django.db import connection, transaction
from django.test import Client

from lofte.events.models import Event
from lofte.events.tests.test_event_pages import FUTURE, make_event
from lofte.followup.models import Update
from lofte.followup.tests.test_review import review_url, submitted
from lofte.indicators.models import Indicator, IndicatorValue
from lofte.lagesbild.models import Lagesbild
from lofte.lagesbild.tests.conftest import make_lagesbild
from lofte.pagecache import versions
from lofte.pagecache.tests.conftest import get, kept
from lofte.participation.models import Comment
from lofte.participation.tests.conftest import make_comment, make_survey
from lofte.participation.tests.test_results import answer_many
from lofte.promises.models import Commitment
from lofte.promises.tests.test_admin_access import COMMITMENTS, change_url, form_data
from lofte.translations.tests.test_coordinator_pages import _fields

pytestmark = pytest.mark.django_db

PAGE = "/medborgarloften/testby/"


def text(client, url):
    response, fresh = get(client, url)
    assert response.status_code == 200
    return response.content.decode(), fresh


@pytest.fixture
def staff(alice):
    client = Client()
    client.force_login(alice)
    return client


def test_an_approved_update_is_on_the_promise_and_commitment_pages_at_once(
    promise, periods, erik, staff
):
    c0 = promise.commitments().order_by("order").first()
    commitment_url = f"/medborgarloften/testby/ataganden/{c0.pk}/"
    update = submitted(c0, periods[0], erik, text="Tio kvällsvandringar genomförda.")
    for url in (PAGE, commitment_url):
        assert "Tio kvällsvandringar" not in kept(Client(), url).content.decode()
    response = staff.post(review_url(promise, update), {"decision": "approve", "version": 1})
    assert response.status_code == 302
    html, fresh = text(Client(), commitment_url)
    assert fresh and "Tio kvällsvandringar genomförda." in html


def test_a_returned_update_makes_the_pages_afresh(promise, periods, erik, staff):
    c0 = promise.commitments().order_by("order").first()
    update = submitted(c0, periods[0], erik)
    kept(Client(), PAGE)
    staff.post(review_url(promise, update), {"decision": "return", "comment": "Mer.", "version": 1})
    assert Update.objects.get(pk=update.pk).state == Update.State.RETURNED
    _html, fresh = text(Client(), PAGE)
    assert fresh


def test_a_commitment_edited_in_the_admin_is_on_the_pages_at_once(promise, staff):
    commitment = promise.commitments().order_by("order").first()
    url = f"/medborgarloften/testby/ataganden/{commitment.pk}/"
    for page in (PAGE, url, "/medborgarloften/testby/lofte.json"):
        kept(Client(), page)
    form = staff.get(change_url(COMMITMENTS, commitment))
    data = form_data(form, title="Läxhjälp varje tisdag", status=Commitment.Status.DONE)
    assert staff.post(change_url(COMMITMENTS, commitment), data).status_code == 302
    for page in (PAGE, url, "/medborgarloften/testby/lofte.json"):
        html, fresh = text(Client(), page)
        assert fresh and "Läxhjälp varje tisdag" in html, page


def test_a_changed_event_is_on_the_events_pages_and_in_the_calendar_at_once(promise):
    event = make_event(promise, FUTURE, title="Trygghetsvandring")
    urls = [
        "/medborgarloften/testby/handelser/",
        f"/medborgarloften/testby/handelser/{event.pk}/",
        f"/medborgarloften/testby/handelser/{event.pk}/handelse.ics",
        "/medborgarloften/testby/kalender.ics",
    ]
    for url in urls:
        kept(Client(), url)
    event = Event.objects.get(pk=event.pk)
    event.title = "Kvällsvandring i parken"
    event.save()
    for url in urls:
        html, fresh = text(Client(), url)
        assert fresh and "Kvällsvandring i parken" in html, url


def test_a_registration_through_a_kept_page_changes_the_places_left(promise, resident):
    event = make_event(promise, FUTURE, title="Dialogmöte", registration=True, capacity=3)
    url = f"/en/medborgarloften/testby/handelser/{event.pk}/"
    kept(Client(), url)
    page, fresh = text(resident, url)
    assert not fresh and "3 places left" in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = resident.post(
        f"{url}anmalan/",
        {"email": "anna@example.se", "places": 2, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    html, fresh = text(Client(), url)
    assert fresh and "1 place left" in html


def test_a_translation_added_is_on_the_page_in_that_language_at_once(promise, staff):
    kept(Client(), "/ar" + PAGE)
    fields = _fields(promise)
    response = staff.post("/oversattningar/testby/ar/", {fields["The promise|title"]: "وعد تيستبي"})
    assert response.status_code == 302
    html, fresh = text(Client(), "/ar" + PAGE)
    assert fresh and "وعد تيستبي" in html


def test_a_moderation_decision_is_on_the_comments_page_at_once(promise, staff):
    comment = make_comment(promise, text="Mer ljus vid torget.", state="waiting", published_at=None)
    url = "/medborgarloften/testby/synpunkter/"
    assert "Mer ljus vid torget." not in kept(Client(), url).content.decode()
    response = staff.post(
        f"/en/dialog/testby/synpunkter/{comment.pk}/",
        {"decision": "approve", "version": comment.version},
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).state == Comment.State.PUBLISHED
    html, fresh = text(Client(), url)
    assert fresh and "Mer ljus vid torget." in html


def test_a_survey_answered_changes_its_public_results_at_once(promise):
    survey = make_survey(promise, opens=-30, closes=-1)
    answer_many(survey, [{"single": 1, "multiple": [0], "scale": 3}] * 6)
    url = f"/en/medborgarloften/testby/enkater/{survey.pk}/resultat/"
    assert "6 people answered." in kept(Client(), url).content.decode()
    answer_many(survey, [{"single": 1, "multiple": [0], "scale": 3}])
    html, fresh = text(Client(), url)
    assert fresh and "7 people answered." in html


def test_lagesbild_data_written_in_bulk_is_on_its_page_and_csv_at_once(goteborg):
    from lofte.areas.models import Area

    area = Area.objects.create(name="Testby centrum", kind="own", kommun=goteborg)
    lb = make_lagesbild(goteborg, area, Lagesbild.Status.PUBLISHED)
    urls = [lb.get_absolute_url(), f"{lb.get_absolute_url()}lagesbild.csv"]
    for url in urls:
        kept(Client(), url)
    indicator = Indicator.objects.create(name="Anmälda rån", slug="ran", theme="crime")
    # As an import saves: bulk_create, which sends no signals.
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator=indicator,
                area=area,
                period_kind="year",
                period_start=datetime.date(2025, 1, 1),
                period_end=datetime.date(2025, 12, 31),
                period_label="2025",
                value=17,
                status="reported",
            )
        ]
    )
    for url in urls:
        html, fresh = text(Client(), url)
        assert fresh and "Anmälda rån" in html, url


def test_an_imported_file_of_statistics_makes_the_national_pages_afresh(goteborg):
    from lofte.indicators.actions import record_import, save_import
    from lofte.indicators.tests.conftest import BRA_SHORT, read
    from lofte.indicators.tests.test_import_limits import check

    kept(Client(), "/kommuner/goteborg/")
    data = read(BRA_SHORT)
    save_import(
        check("bra", data), record_import(format="bra", via="command", data=data, file_name="b")
    )
    _html, fresh = text(Client(), "/kommuner/goteborg/")
    assert fresh


def test_queryset_update_bulk_update_and_raw_sql_are_seen_too(promise):
    commitment = promise.commitments().order_by("order").first()
    url = f"/medborgarloften/testby/ataganden/{commitment.pk}/"
    kept(Client(), url)
    Commitment.objects.filter(pk=commitment.pk).update(title="Uppdaterad med update()")
    html, fresh = text(Client(), url)
    assert fresh and "Uppdaterad med update()" in html
    kept(Client(), url)
    commitment.title = "Uppdaterad med bulk_update"
    Commitment.objects.bulk_update([commitment], ["title"])
    html, fresh = text(Client(), url)
    assert fresh and "Uppdaterad med bulk_update" in html
    kept(Client(), url)
    table = Commitment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{table}" SET title = %s WHERE id = %s', ["Rå SQL", commitment.pk])
    html, fresh = text(Client(), url)
    assert fresh and "Rå SQL" in html


def test_the_version_changes_again_after_the_commit(promise):
    """Between a write and its commit a reader may keep the old content (Redis sees the
    first bump at once): the bump after the commit makes that copy unreachable."""
    with transaction.atomic():
        promise.title = "Nytt namn"
        promise.save()
        during = versions.current()
        assert any(f is versions.bump for _s, f, _r in connection.run_on_commit)
    # The test's own transaction holds this one's commit: run what the commit would run.
    for _sids, func, _robust in list(connection.run_on_commit):
        if func is versions.bump:
            func()
    assert versions.current() != during


def test_sessions_rate_limits_and_the_cache_itself_change_no_page(promise, alice):
    kept(Client(), PAGE)
    before = versions.current()
    client = Client()
    client.force_login(alice)  # a session row, and the login's time on the user
    from lofte.ratelimit import hit

    hit("test", "key", 60)
    assert versions.current() == before
    _response, fresh = get(Client(), PAGE)
    assert not fresh


def test_sql_that_cannot_be_told_apart_counts_as_a_change():
    assert versions.changes_content('INSERT INTO "promises_commitment" (x) VALUES (1)')
    assert versions.changes_content("TRUNCATE promises_commitment")
    assert not versions.changes_content('SELECT 1 FROM "promises_commitment"')
    assert not versions.changes_content('(SELECT 1 FROM "a") UNION (SELECT 2 FROM "b")')
    assert not versions.changes_content('UPDATE "django_session" SET x = 1')
    assert not versions.changes_content(
        'UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s'
    )
    assert versions.changes_content('UPDATE "auth_user" SET "first_name" = %s WHERE id = %s')


def test_the_version_read_straight_from_the_table_is_the_caches_own():
    from django.core.cache import cache

    token = versions.current()
    assert token == cache.get(versions.KEY) == versions._read()
    versions.bump()
    assert versions._read() == cache.get(versions.KEY) != token


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_shared_version_changes_before_the_answer_is_sent(promise):
    """As another server sees it: straight from the shared cache, not through this process."""
    from django.core.cache import cache

    commitment = promise.commitments().order_by("order").first()
    url = f"/medborgarloften/testby/ataganden/{commitment.pk}/"
    kept(Client(), url)
    before = cache.get(versions.KEY)
    Commitment.objects.filter(pk=commitment.pk).update(title="Ändrad utan transaktion")
    assert cache.get(versions.KEY) != before  # at once, in autocommit
    before = cache.get(versions.KEY)
    make_comment(promise, text="Ny kommentar.")  # an INSERT: made before the next statement
    promise.refresh_from_db()
    assert cache.get(versions.KEY) != before
    html, fresh = text(Client(), url)
    assert fresh and "Ändrad utan transaktion" in html
