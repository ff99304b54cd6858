"""The synthetic national data set at a tiny scale: counts in proportion, every row marked,
keys that hold, the pages answer on it, and real data is never touched without --force."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection

from lofte.actors.models import Organisation
from lofte.followup.models import MeasureValue, Update
from lofte.incidents.models import IncidentReport
from lofte.kommuner.models import Kommun
from lofte.lagesbild.models import Lagesbild
from lofte.promises.models import Commitment, Promise
from lofte.synthetic import generate
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db
SCALE = 0.001


@pytest.fixture
def synthetic(db):
    return generate.generate(SCALE, seed=3, log=lambda line: None)


def test_the_counts_follow_the_scale(synthetic):
    want = generate.sizes(SCALE)
    assert want == {
        "promises": 2,
        "commitments": 50,
        "updates": 400,
        "measure_values": 1000,
        "incident_reports": 5000,
        "lagesbilder": 1,
    }
    assert Kommun.objects.count() == 290
    assert Promise.objects.count() == want["promises"]
    assert Commitment.objects.count() == want["commitments"]
    assert Update.objects.count() == want["updates"]
    assert MeasureValue.objects.count() == want["measure_values"]
    assert IncidentReport.objects.count() == want["incident_reports"]
    assert Lagesbild.objects.published().count() == want["lagesbilder"]
    assert synthetic.counts["incidentreport"] == want["incident_reports"]


def test_every_row_is_marked_synthetic(synthetic):
    assert all(p.slug.startswith("syntetisk-") for p in Promise.objects.all())
    assert all(p.title.endswith("(Syntetisk)") for p in Promise.objects.all())
    assert all(c.title.endswith("(Syntetisk)") for c in Commitment.objects.all())
    assert not Organisation.objects.filter(is_example=False).exists()
    assert not IncidentReport.objects.filter(is_example=False).exists()
    assert not Lagesbild.objects.filter(is_example=False).exists()
    assert generate.existing_marker() == "(Syntetisk) scale=0.001 seed=3"


def test_the_keys_hold_and_the_sequences_go_on_after_the_generated_rows(synthetic):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
    commitment = Commitment.objects.first()
    made = Commitment.objects.create(focus_area=commitment.focus_area, title="Ny")
    assert made.pk > Commitment.objects.exclude(pk=made.pk).order_by("-pk").first().pk


def test_the_pages_answer_on_the_synthetic_data(client, synthetic):
    promise = Promise.objects.order_by("pk").first()
    lagesbild = Lagesbild.objects.first()
    urls = [
        promise.get_absolute_url(),
        f"{promise.get_absolute_url()}rapport/",
        f"{promise.get_absolute_url()}rapport.pdf",
        "/kommuner/",
        f"/kommuner/{promise.kommun.slug}/",
        lagesbild.get_absolute_url(),
        "/sok/?q=nattvandring",
    ]
    for url in urls:
        assert client.get(url, secure=True).status_code == 200, url
    html = client.get("/sok/?q=nattvandring", secure=True).content.decode()
    assert "(Syntetisk)" in html
    coordinator = get_user_model().objects.get(
        username=f"syntetisk-samordnare-{promise.kommun.code}"
    )
    client.force_login(coordinator)
    assert client.get(f"/uppfoljning/{promise.slug}/", secure=True).status_code == 200


def test_generating_again_replaces_the_set_and_delete_removes_all_of_it(synthetic):
    generate.generate(SCALE, seed=4, log=lambda line: None)
    assert Promise.objects.count() == 2
    assert IncidentReport.objects.count() == 5000
    generate.delete()
    assert not Promise.objects.exists()
    assert not Commitment.objects.exists() and not MeasureValue.objects.exists()
    assert not IncidentReport.objects.exists()
    assert not get_user_model().objects.filter(username__startswith="syntetisk-").exists()
    assert not Organisation.objects.exists()


def test_it_refuses_an_installation_with_real_promises_unless_forced(db):
    real = make_promise("riktig")
    with pytest.raises(CommandError, match="not synthetic"):
        call_command("generate_national_data", scale=SCALE)
    assert Promise.objects.count() == 1
    call_command("generate_national_data", scale=SCALE, force=True, verbosity=0)
    assert Promise.objects.count() == 3
    call_command("generate_national_data", delete=True, verbosity=0)
    assert list(Promise.objects.all()) == [real]
    assert real.commitments().count() == 4
