from django.db import migrations


def add_national_indicators(apps, schema_editor):
    from lofte.indicators.national import NATIONAL

    Indicator = apps.get_model("indicators", "Indicator")
    for spec in NATIONAL:
        Indicator.objects.get_or_create(slug=spec["slug"], defaults=spec)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_indicators_values_imports_police_events")]

    operations = [migrations.RunPython(add_national_indicators, migrations.RunPython.noop)]
