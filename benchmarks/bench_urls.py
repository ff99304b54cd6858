"""Löfte's URLs plus /bench/floor, the cheapest Django view; the product carries no bench code."""

from django.http import HttpResponse
from django.urls import path

from lofte.urls import urlpatterns as lofte_urlpatterns


def floor(request):
    """Return the smallest response a view can give, through the same middleware as every page."""
    return HttpResponse("ok")


urlpatterns = [path("bench/floor", floor), *lofte_urlpatterns]
