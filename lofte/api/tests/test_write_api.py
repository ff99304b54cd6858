import pytest

from lofte.api.models import ApiToken
from lofte.followup.models import MeasureValue, Update
from lofte.history.models import Change

pytestmark = pytest.mark.django_db


def token_for(user):
    return ApiToken.create_for(user, "Vårt system")[1]


def auth(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def target(promise, periods):
    """Commitment 0 (erik's actor's, not fatima's) in the first quarter."""
    commitment = promise.commitments().get(order=0)
    return (
        commitment,
        periods[0],
        f"/api/v1/reporting/promises/testby/periods/{periods[0].pk}/commitments/{commitment.pk}",
    )


def body(commitment, **changes):
    return {
        "version": 0,
        "status": "ongoing",
        "text": "Vi höll tre träffar.",
        "values": [{"measure": commitment.measures.get().pk, "value": "3"}],
        "submit": True,
        **changes,
    }


def put(client, url, data, raw=None):
    headers = auth(raw) if raw else {}
    return client.put(url, data, content_type="application/json", **headers)


def test_the_actors_editor_reports_and_submits_an_update(client, erik, target):
    commitment, period, url = target
    answer = put(client, url, body(commitment), token_for(erik))
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["state"] == "submitted" and data["version"] == 1 and data["exists"]
    update = Update.objects.get(commitment=commitment, period=period)
    assert update.created_by == erik and update.text == "Vi höll tre träffar."
    assert MeasureValue.objects.get(update=update).value == 3
    # Recorded in history as the form's saves are.
    assert Change.objects.filter(object_id=update.pk, action="created", user=erik).exists()


def test_a_draft_is_saved_without_status_or_text(client, erik, target):
    commitment, _period, url = target
    answer = put(client, url, {"version": 0, "submit": False}, token_for(erik))
    assert answer.status_code == 200
    assert answer.json()["state"] == "draft"


def test_another_actors_editor_may_not_report_on_the_commitment(client, fatima, target):
    commitment, period, url = target
    answer = put(client, url, body(commitment), token_for(fatima))
    assert answer.status_code == 403
    assert answer["Content-Type"].startswith("application/json")
    assert not Update.objects.filter(commitment=commitment).exists()
    assert client.get(url, **auth(token_for(fatima))).status_code == 403


def test_the_coordinator_may_report_on_any_commitment(client, alice, target):
    commitment, _period, url = target
    answer = put(client, url, body(commitment), token_for(alice))
    assert answer.status_code == 200


def test_a_reader_may_not_report(client, rosa, target):
    commitment, _period, url = target
    assert put(client, url, body(commitment), token_for(rosa)).status_code == 403


def test_without_a_token_nothing_is_saved(client, target):
    commitment, _period, url = target
    answer = put(client, url, body(commitment))
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == "Bearer"
    assert put(client, url, body(commitment), "lofte_wrong").status_code == 401
    assert not Update.objects.exists()


def test_a_logged_in_session_is_not_enough(client, erik, target):
    commitment, _period, url = target
    client.force_login(erik)
    assert put(client, url, body(commitment)).status_code == 401


def test_a_revoked_token_no_longer_works(client, erik, target):
    commitment, _period, url = target
    token, raw = ApiToken.create_for(erik, "Gammalt")
    token.revoke()
    assert put(client, url, body(commitment), raw).status_code == 401
    assert client.get(url, **auth(raw)).status_code == 401


def test_an_inactive_users_token_no_longer_works(client, erik, target):
    commitment, _period, url = target
    raw = token_for(erik)
    erik.is_active = False
    erik.save()
    assert put(client, url, body(commitment), raw).status_code == 401


def test_a_stale_version_is_a_conflict_and_overwrites_nothing(client, erik, target):
    commitment, period, url = target
    raw = token_for(erik)
    assert put(client, url, body(commitment, submit=False), raw).status_code == 200
    # Someone else saves in between: version 2.
    assert (
        put(client, url, body(commitment, version=1, text="Andra.", submit=False), raw).status_code
        == 200
    )
    answer = put(client, url, body(commitment, version=1, text="Min gamla."), raw)
    assert answer.status_code == 409
    data = answer.json()
    assert data["current"]["version"] == 2 and data["current"]["text"] == "Andra."
    assert Update.objects.get(commitment=commitment, period=period).text == "Andra."


def test_a_first_report_when_one_exists_is_a_conflict(client, erik, target):
    commitment, _period, url = target
    raw = token_for(erik)
    put(client, url, body(commitment, submit=False), raw)
    assert put(client, url, body(commitment, version=0), raw).status_code == 409


def test_the_forms_text_limit_holds(client, erik, target):
    commitment, _period, url = target
    answer = put(client, url, body(commitment, text="x" * 5001), token_for(erik))
    assert answer.status_code == 400
    assert "text" in answer.json()["errors"]
    assert not Update.objects.exists()


def test_submitting_needs_status_and_text_as_in_the_form(client, erik, target):
    commitment, _period, url = target
    answer = put(client, url, body(commitment, status="", text=""), token_for(erik))
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {"status", "text"}


def test_bad_measures_are_named_in_the_errors(client, erik, target):
    commitment, _period, url = target
    mine = commitment.measures.get().pk
    answer = put(
        client,
        url,
        body(
            commitment, values=[{"measure": mine, "value": "-1"}, {"measure": 999999, "value": 1}]
        ),
        token_for(erik),
    )
    assert answer.status_code == 400
    errors = answer.json()["errors"]
    assert f"values.{mine}" in errors and "values" in errors


def test_malformed_input_is_a_400_in_json(client, erik, target):
    _commitment, _period, url = target
    raw = token_for(erik)
    for data in ['{"version": -1}', '{"status": "finished", "version": 0}', "not json", "[]"]:
        answer = client.put(url, data, content_type="application/json", **auth(raw))
        assert answer.status_code == 400, data
        assert answer.json()["detail"]
    lone = '{"version": 0, "text": "\\ud800"}'
    assert client.put(url, lone, content_type="application/json", **auth(raw)).status_code == 400


def test_an_approved_update_is_changed_only_by_a_coordinator(client, erik, alice, target):
    commitment, period, url = target
    Update.objects.create(
        commitment=commitment,
        period=period,
        text="Klar.",
        state=Update.State.APPROVED,
        status="done",
    )
    assert put(client, url, body(commitment, version=1), token_for(erik)).status_code == 403
    answer = put(client, url, body(commitment, version=1, submit=False), token_for(alice))
    assert answer.status_code == 200
    assert answer.json()["state"] == "approved"  # a coordinator's correction keeps it approved


def test_a_future_period_cannot_be_reported_on(client, erik, promise, periods):
    import datetime

    from lofte.followup.models import ReportingPeriod

    future = ReportingPeriod.objects.create(
        promise=promise,
        name="2099",
        starts_on=datetime.date(2099, 1, 1),
        ends_on=datetime.date(2099, 3, 31),
        due_on=datetime.date(2099, 4, 15),
    )
    commitment = promise.commitments().get(order=0)
    url = f"/api/v1/reporting/promises/testby/periods/{future.pk}/commitments/{commitment.pk}"
    assert put(client, url, body(commitment), token_for(erik)).status_code == 404


def test_the_editor_reads_their_update_with_its_version(client, erik, target):
    commitment, _period, url = target
    raw = token_for(erik)
    assert client.get(url, **auth(raw)).json()["exists"] is False
    put(client, url, body(commitment, submit=False), raw)
    data = client.get(url, **auth(raw)).json()
    assert data["version"] == 1 and data["values"][0]["value"] == "3.00"


def test_the_editor_lists_the_commitments_they_report_on(client, erik, fatima, target):
    data = client.get("/api/v1/reporting/commitments", **auth(token_for(erik))).json()
    assert [c["title"] for c in data["items"]] == [
        "Åtagande 0 i testby",
        "Åtagande 2 i testby",
        "Åtagande 3 i testby",
    ]
    data = client.get("/api/v1/reporting/commitments", **auth(token_for(fatima))).json()
    assert [c["title"] for c in data["items"]] == ["Åtagande 2 i testby", "Åtagande 1 i testby"]


def test_writes_are_rate_limited_per_token(client, erik, target, settings):
    settings.API_WRITES_PER_MINUTE = 2
    commitment, _period, url = target
    raw = token_for(erik)
    codes = [client.get(url, **auth(raw)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_guessing_tokens_is_slowed_down(client, target):
    _commitment, _period, url = target
    codes = [client.get(url, **auth(f"lofte_guess{i}")).status_code for i in range(21)]
    assert codes[:20] == [401] * 20 and codes[20] == 429


def test_the_token_is_stored_hashed(erik):
    token, raw = ApiToken.create_for(erik, "System")
    assert raw not in token.key_hash and raw.startswith(token.prefix)
    assert ApiToken.objects.authenticate(raw) == token


@pytest.mark.parametrize(
    "persona,status",
    [
        ("erik", 200),  # the actor's editor
        ("alice", 200),  # the promise's coordinator
        ("greta", 200),  # Göteborg's coordinator, through her kommun
        ("fatima", 403),  # another actor's editor
        ("rosa", 403),  # a reader
        ("axel", 403),  # Göteborg's analyst: reads, reports nothing
        ("charlie", 403),  # coordinator of another promise
        ("mats", 403),  # Malmö's coordinator
        ("dana", 403),  # no role at all
    ],
)
def test_each_persona_reports_only_where_the_form_lets_them(
    client, request, target, persona, status
):
    commitment, _period, url = target
    raw = token_for(request.getfixturevalue(persona))
    answer = put(client, url, body(commitment, submit=False), raw)
    assert answer.status_code == status, answer.content
    assert client.get(url, **auth(raw)).status_code == status
    assert Update.objects.filter(commitment=commitment).exists() == (status == 200)
