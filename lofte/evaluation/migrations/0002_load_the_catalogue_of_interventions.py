"""The national catalogue of kinds of intervention (lofte/evaluation/catalogue.py), each with
its level of evidence and the source that gives it."""

from django.db import migrations

from lofte.evaluation.catalogue import load_catalogue


def load(apps, schema_editor):
    load_catalogue(
        apps.get_model("evaluation", "InterventionKind"),
        apps.get_model("evaluation", "InterventionKindRevision"),
    )


def unload(apps, schema_editor):
    apps.get_model("evaluation", "InterventionKind").objects.filter(kommun=None).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_comparison_areas_and_catalogue")]
    operations = [migrations.RunPython(load, unload)]
