import pytest

from lofte.kommuner.models import Kommun


def test_all_290_kommuner_are_there_with_their_scb_codes(db):
    assert Kommun.objects.count() == 290
    goteborg = Kommun.objects.get(code="1480")
    assert (goteborg.name, goteborg.slug, goteborg.county_code) == ("Göteborg", "goteborg", "14")
    # Codes keep their leading zero: Stockholm county's kommuner start with 01.
    assert Kommun.objects.get(name="Upplands Väsby").code == "0114"


def test_every_kommun_has_its_own_slug(db):
    slugs = list(Kommun.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 290
    assert all(slugs)


def test_two_kommuner_whose_names_differ_only_by_a_ring_get_slugs_with_their_codes(db):
    assert Kommun.objects.get(name="Håbo").slug == "habo-0305"
    assert Kommun.objects.get(name="Habo").slug == "habo-0643"


def test_a_local_reporter_reports_for_an_organisation_and_the_other_roles_for_none(db):
    from django.contrib.auth.models import User
    from django.db import IntegrityError, transaction

    from lofte.actors.models import Organisation
    from lofte.kommuner.models import KommunMembership

    user = User.objects.create_user("vakt")
    goteborg = Kommun.objects.get(code="1480")
    org = Organisation.objects.create(name="Bostadsbolaget", slug="bostad", kind="housing")
    KommunMembership.objects.create(user=user, kommun=goteborg, role="reporter", organisation=org)
    for role, organisation in [("analyst", org), ("reporter", None)]:
        with pytest.raises(IntegrityError), transaction.atomic():
            KommunMembership.objects.create(
                user=user, kommun=goteborg, role=role, organisation=organisation
            )
    assert list(KommunMembership.objects.reporters().values_list("user__username", flat=True)) == [
        "vakt"
    ]
