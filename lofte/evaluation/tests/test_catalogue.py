import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from lofte.evaluation.models import CommitmentKind, InterventionKind
from lofte.history.models import Change
from lofte.testing import make_promise

CATALOGUE = "/vad-fungerar/"


@pytest.fixture
def lighting(db):
    return InterventionKind.objects.get(name="Förbättrad gatubelysning")


@pytest.fixture
def own_kind(goteborg):
    return InterventionKind.objects.create(name="Nattvandring", kommun=goteborg)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.se", "secret-pass-1")


def entry_values(**changes):
    values = {
        "name": "Läxhjälp",
        "name_en": "Homework help",
        "description": "",
        "evidence": "unknown",
        "finding": "",
        "source": "",
        "source_url": "",
    }
    return values | changes


def test_the_catalogue_is_loaded_with_a_source_for_every_known_level(db):
    kinds = InterventionKind.objects.filter(kommun=None)
    assert kinds.count() >= 15
    for kind in kinds.exclude(evidence="unknown"):
        assert kind.source.strip(), kind.name
        assert kind.revisions.filter(action="created").exists()
    for name in ("Vuxennärvaro i skolan", "Idrottsaktiviteter", "Polis i skolan"):
        assert kinds.get(name=name).evidence == "unknown"
        assert kinds.get(name=name).source == ""
    assert kinds.get(name="Avskräckande besök på anstalt (Scared Straight)").evidence == "harmful"


def test_the_database_refuses_a_level_of_evidence_without_a_source(db):
    with pytest.raises(IntegrityError):
        InterventionKind.objects.create(name="Gissning", evidence="effective", source="")


def test_anyone_may_read_the_catalogue_and_an_entry(client, lighting):
    html = client.get(CATALOGUE).content.decode()
    assert "Förbättrad gatubelysning" in html
    assert "Welsh, B. C. &amp; Farrington" in html
    assert "okänt" in html.lower()
    page = client.get(f"{CATALOGUE}{lighting.pk}/")
    assert page.status_code == 200
    assert "21 %" in page.content.decode()
    en = client.get(f"/en{CATALOGUE}").content.decode()
    assert "Improved street lighting" in en


def test_a_kommuns_coordinator_adds_an_entry_for_the_kommun(client, greta, goteborg):
    client.force_login(greta)
    url = f"{CATALOGUE}kommun/{goteborg.slug}/ny/"
    assert client.get(url).status_code == 200
    response = client.post(url, entry_values())
    kind = InterventionKind.objects.get(name="Läxhjälp")
    assert response.status_code == 302
    assert kind.kommun == goteborg and kind.created_by == greta
    assert kind.revisions.get().action == "created"
    assert "Läxhjälp" in client.get(CATALOGUE).content.decode()


def test_a_level_without_a_source_is_refused_with_a_reason(client, greta, goteborg):
    client.force_login(greta)
    url = f"{CATALOGUE}kommun/{goteborg.slug}/ny/"
    response = client.post(url, entry_values(evidence="effective"))
    assert response.status_code == 200
    assert "behöver källan" in response.content.decode()
    assert not InterventionKind.objects.filter(name="Läxhjälp").exists()


@pytest.mark.parametrize("persona", ["axel", "mats", "alice", "erik", "rosa", "rut", "dana"])
def test_no_one_else_adds_an_entry_for_the_kommun(client, request, persona, goteborg):
    client.force_login(request.getfixturevalue(persona))
    url = f"{CATALOGUE}kommun/{goteborg.slug}/ny/"
    assert client.get(url).status_code == 403
    assert client.post(url, entry_values()).status_code == 403
    assert not InterventionKind.objects.filter(name="Läxhjälp").exists()


def test_an_anonymous_visitor_is_asked_to_log_in_to_add(client, goteborg):
    response = client.get(f"{CATALOGUE}kommun/{goteborg.slug}/ny/")
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_every_change_to_an_entry_is_kept_and_shown(client, greta, own_kind):
    client.force_login(greta)
    url = f"{CATALOGUE}{own_kind.pk}/andra/"
    values = entry_values(
        name="Nattvandring",
        evidence="promising",
        source="Kommunens egen utvärdering 2024, dnr 123",
        version=own_kind.version,
    )
    assert client.post(url, values).status_code == 302
    own_kind.refresh_from_db()
    assert own_kind.evidence == "promising" and own_kind.version == 2
    revision = own_kind.revisions.get()
    assert revision.user == greta
    assert revision.fields["evidence"] == ["unknown", "promising"]
    html = client.get(f"{CATALOGUE}{own_kind.pk}/").content.decode()
    assert "Greta" in html and "lovande" in html


def test_a_stale_form_is_answered_with_a_conflict(client, greta, own_kind):
    client.force_login(greta)
    url = f"{CATALOGUE}{own_kind.pk}/andra/"
    assert client.post(url, entry_values(name="A", version=1)).status_code == 302
    response = client.post(url, entry_values(name="B", version=1))
    assert response.status_code == 409
    own_kind.refresh_from_db()
    assert own_kind.name == "A"


def test_who_changed_an_entry_is_shown_only_to_those_who_may_change_it(
    client, greta, own_kind, dana
):
    client.force_login(greta)
    client.post(f"{CATALOGUE}{own_kind.pk}/andra/", entry_values(name="Nattvandring", version=1))
    client.force_login(dana)
    assert "Greta" not in client.get(f"{CATALOGUE}{own_kind.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["axel", "mats", "alice", "dana"])
def test_only_the_kommuns_coordinators_change_its_entries(client, request, persona, own_kind):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"{CATALOGUE}{own_kind.pk}/andra/").status_code == 403


def test_the_national_catalogue_is_changed_only_by_superusers(client, greta, superuser, lighting):
    client.force_login(greta)
    assert client.get(f"{CATALOGUE}{lighting.pk}/andra/").status_code == 403
    client.force_login(superuser)
    assert client.get(f"{CATALOGUE}{lighting.pk}/andra/").status_code == 200


def tag_url(promise, commitment):
    return f"{CATALOGUE}medborgarloften/{promise.slug}/atagande/{commitment.pk}/"


@pytest.mark.parametrize("persona", ["alice", "greta"])
def test_the_promises_coordinators_tag_a_commitment_and_its_evidence_shows(
    client, request, persona, promise, lighting
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    commitment = promise.commitments().first()
    assert client.get(tag_url(promise, commitment)).status_code == 200
    response = client.post(tag_url(promise, commitment), {"kind": lighting.pk})
    assert response.status_code == 302
    assert CommitmentKind.objects.get(commitment=commitment).kind == lighting
    change = Change.objects.of(commitment).get()
    assert change.user == user and change.is_public
    assert list(change.fields.values()) == [["", "Förbättrad gatubelysning"]]
    client.logout()
    html = client.get(f"/medborgarloften/{promise.slug}/").content.decode()
    assert "Förbättrad gatubelysning" in html
    assert "fungerar: visat i systematiska översikter" in html
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Brotten minskade i genomsnitt med 21 %" in page
    assert tag_url(promise, commitment) not in page


def test_untagging_a_commitment_is_kept_too(client, alice, promise, lighting):
    client.force_login(alice)
    commitment = promise.commitments().first()
    client.post(tag_url(promise, commitment), {"kind": lighting.pk})
    client.post(tag_url(promise, commitment), {"kind": ""})
    assert not CommitmentKind.objects.filter(commitment=commitment).exists()
    assert Change.objects.of(commitment).count() == 2


def test_a_kommuns_own_kinds_are_offered_only_in_its_promises(client, alice, promise, malmo):
    theirs = InterventionKind.objects.create(name="Malmös egen", kommun=malmo)
    client.force_login(alice)
    commitment = promise.commitments().first()
    assert "Malmös egen" not in client.get(tag_url(promise, commitment)).content.decode()
    assert client.post(tag_url(promise, commitment), {"kind": theirs.pk}).status_code == 200
    assert not CommitmentKind.objects.exists()


@pytest.mark.parametrize("persona", ["axel", "erik", "rosa", "charlie", "mats", "dana"])
def test_no_one_else_tags_a_commitment(client, request, persona, promise, lighting):
    client.force_login(request.getfixturevalue(persona))
    commitment = promise.commitments().first()
    assert client.get(tag_url(promise, commitment)).status_code == 403
    assert client.post(tag_url(promise, commitment), {"kind": lighting.pk}).status_code == 403
    assert not CommitmentKind.objects.exists()


def test_a_draft_promises_commitments_are_not_found_by_outsiders(client, draft, charlie):
    client.force_login(charlie)
    assert client.get(tag_url(draft, draft.commitments().first())).status_code == 404


def test_an_anonymous_visitor_is_asked_to_log_in_to_tag(client, promise):
    response = client.get(tag_url(promise, promise.commitments().first()))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_the_evidence_costs_the_promise_page_one_query_whatever_its_size(client, lighting):
    small = make_promise("liten", actors=2, commitments=2)
    large = make_promise("stor", actors=30, commitments=40, focus_areas=("A", "B", "C", "D"))
    for promise in (small, large):
        for c in promise.commitments():
            CommitmentKind.objects.create(commitment=c, kind=lighting)

    def count(slug):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/medborgarloften/{slug}/").status_code == 200
        return [q["sql"] for q in ctx.captured_queries]

    small_queries, large_queries = count("liten"), count("stor")
    assert len(small_queries) == len(large_queries)
    assert sum("evaluation_commitmentkind" in q for q in large_queries) == 1
