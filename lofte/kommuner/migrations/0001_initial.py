from django.db import migrations, models


def load_kommuner(apps, schema_editor):
    from lofte.kommuner.models import kommun_slugs, read_kommuner

    Kommun = apps.get_model("kommuner", "Kommun")
    kommuner = read_kommuner()
    slugs = kommun_slugs(kommuner)
    Kommun.objects.bulk_create(Kommun(slug=slugs[k["code"]], **k) for k in kommuner)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Kommun",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(help_text="SCB's code, e.g. 1480.", max_length=4, unique=True, verbose_name="municipality code")),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="slug")),
                ("county_code", models.CharField(max_length=2, verbose_name="county code")),
                ("county_name", models.CharField(max_length=100, verbose_name="county")),
            ],
            options={"verbose_name": "municipality", "verbose_name_plural": "municipalities", "ordering": ["name"]},
        ),
        migrations.RunPython(load_kommuner, migrations.RunPython.noop),
    ]
