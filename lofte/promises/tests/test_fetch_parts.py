"""Commitment.fetch_parts: the actors and measures of many commitments in three queries, the
same as prefetch_related gives, with one instance per organisation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lofte.actors.models import Organisation
from lofte.promises.models import Commitment, Measure
from lofte.testing import make_promise

pytestmark = pytest.mark.django_db


def test_each_commitment_gets_the_actors_and_measures_prefetch_related_gives_in_three_queries(
    goteborg,
):
    promise = make_promise("testby", kommun=goteborg, actors=3, commitments=6)
    first = Commitment.objects.filter(focus_area__promise=promise).first()
    first.actors.add(Organisation.objects.create(name="Aardvark AB", slug="aardvark"))
    Measure.objects.create(commitment=first, name="Extra", unit="st")
    expected = list(
        Commitment.objects.filter(focus_area__promise=promise).prefetch_related(
            "actors", "measures"
        )
    )
    with CaptureQueriesContext(connection) as ctx:
        found = Commitment.fetch_parts(Commitment.objects.filter(focus_area__promise=promise))
    assert (
        len(ctx.captured_queries) == 4
    )  # the commitments; who acts in which, the actors; the measures
    assert [c.pk for c in found] == [c.pk for c in expected]
    for got, want in zip(found, expected, strict=True):
        assert [a.pk for a in got.actor_list] == [a.pk for a in want.actors.all()]
        assert [m.pk for m in got.measure_list] == [m.pk for m in want.measures.all()]
    assert found[0].actor_list[0].name == "Aardvark AB"  # by name, as Organisation orders
    assert len(found[0].measure_list) >= 2


def test_an_organisation_acting_in_many_commitments_is_one_instance():
    promise = make_promise("testby", actors=1, commitments=4)
    found = Commitment.fetch_parts(
        Commitment.objects.filter(focus_area__promise=promise), measures=False
    )
    actors = {id(a) for c in found for a in c.actor_list}
    assert len(actors) == 1 and all(len(c.actor_list) == 1 for c in found)
    assert not hasattr(found[0], "measure_list")


def test_a_commitment_without_actors_or_measures_gets_empty_lists(goteborg):
    promise = make_promise("testby", kommun=goteborg)
    lone = Commitment.objects.create(focus_area=promise.focus_areas.first(), title="Ensam")
    (found,) = Commitment.fetch_parts([lone])
    assert found.actor_list == [] and found.measure_list == []
