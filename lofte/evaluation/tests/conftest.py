import pytest


@pytest.fixture(autouse=True)
def catalogue(request, django_db_blocker):
    """The national catalogue, which a migration loads, is there for every evaluation test,
    also after an earlier transactional test's flush emptied every table."""
    from lofte.conftest import _uses_database

    if _uses_database(request):
        from lofte.evaluation.models import InterventionKind

        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            InterventionKind.objects.load()
