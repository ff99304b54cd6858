"""The old kinds 'city_area' and 'other' become the issue's kinds when the database migrates."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("areas", "0004_areas_record_who_added_them")]
AFTER = [("areas", "0005_area_kinds_boundaries_classifications")]


@pytest.mark.django_db(transaction=True)
def test_city_areas_become_mellanomraden_or_own_areas():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("areas", "Area")
    backa = old.objects.create(name="Hisings Backa", kind="city_area", code="71")
    torg = old.objects.create(name="Backa torg", kind="city_area", code="")
    district = old.objects.create(name="Gamla stadsdelen", kind="city_area", code="412")
    other = old.objects.create(name="Skolvägen", kind="other")
    regso = old.objects.create(name="Backa Röd", kind="regso", code="1480R006")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("areas", "Area")
    kinds = dict(new.objects.values_list("pk", "kind"))
    assert kinds == {
        backa.pk: "mellanomrade",
        torg.pk: "own",
        district.pk: "own",
        other.pk: "own",
        regso.pk: "regso",
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
