"""The API, the open data and the catalogue: addresses outside the language prefixes, so
that a harvester or a program finds them at one stable place."""

from django.urls import path, re_path

from lofte.api import views
from lofte.api.api import api

app_name = "opendata"
urlpatterns = [
    path("oppna-data/katalog.ttl", views.catalogue, {"fmt": "turtle"}, name="catalogue_ttl"),
    path("oppna-data/katalog.rdf", views.catalogue, {"fmt": "xml"}, name="catalogue_rdf"),
    path("oppna-data/<slug:slug>/datapaket.zip", views.package_zip, name="package_zip"),
    path("oppna-data/<slug:slug>/datapackage.json", views.package_json, name="package_json"),
    path("oppna-data/<slug:slug>/<slug:resource>.csv", views.package_csv, name="package_csv"),
]
# The API's own namespace is api_v1 (its operations' url_name).
api_urls = [
    path("api/v1/", api.urls),
    # Any other address under /api/ answers in JSON too, not with the site's HTML 404 page.
    re_path(r"^api/", views.api_not_found),
]
