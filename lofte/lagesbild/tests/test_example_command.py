import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_example_needs_the_polices_boundary_first(goteborg):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_example_lagesbild", "--kommun", "1480")


def test_the_example_is_made_afresh_from_the_imported_areas(goteborg, mapped):
    from io import StringIO

    from lofte.lagesbild.models import Lagesbild

    lb, _w, _e = mapped
    lb.area.name = "Hisings Backa"
    lb.area.save()
    out = StringIO()
    call_command("load_example_lagesbild", stdout=out)
    call_command("load_example_lagesbild", stdout=out)
    example = Lagesbild.objects.get(is_example=True)
    assert example.is_public and example.problems.count() == 3
    assert "3 problems" in out.getvalue()
