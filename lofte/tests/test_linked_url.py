from django.test import override_settings
from django.urls import include, path, reverse
from django.utils import translation

from lofte.web import linked_url


def test_it_gives_what_reverse_gives_in_each_language():
    for language in ("sv", "en", "ar"):
        with translation.override(language):
            expected = reverse("actors:detail", args=["polisen"])
            assert linked_url("actors:detail", "polisen") == expected
    with translation.override("en"):
        assert linked_url("actors:detail", "polisen").startswith("/en/")
    with translation.override("sv"):
        assert not linked_url("actors:detail", "polisen").startswith("/en/")


def test_it_forgets_what_it_remembered_when_the_url_configuration_changes():
    before = linked_url("actors:detail", "polisen")
    with override_settings(ROOT_URLCONF="lofte.tests.test_linked_url"):
        assert linked_url("actors:detail", "polisen") == "/annat/polisen/"
    assert linked_url("actors:detail", "polisen") == before


def _view(request, slug):  # pragma: no cover - only reversed
    raise AssertionError


urlpatterns = [
    path("annat/", include(([path("<slug:slug>/", _view, name="detail")], "actors"))),
]
