"""Under /kommun/<kommun>/incidenter/: the public page, then the back office."""

from django.urls import path

from lofte.incidents import views

app_name = "incidents"
urlpatterns = [
    path("<slug:kommun>/incidenter/", views.public, name="public"),
    path("<slug:kommun>/incidenter/rapportera/", views.report, name="report"),
    path("<slug:kommun>/incidenter/rapporter/", views.reports, name="reports"),
    path("<slug:kommun>/incidenter/rapporter/<int:pk>/", views.edit, name="edit"),
    path("<slug:kommun>/incidenter/rapporter/<int:pk>/ta-bort/", views.remove, name="remove"),
    path("<slug:kommun>/incidenter/oversikt/", views.overview, name="overview"),
    path("<slug:kommun>/incidenter/checklista/", views.checklist, name="checklist"),
    path("<slug:kommun>/incidenter/platser/", views.places, name="places"),
    path("<slug:kommun>/incidenter/platser/<int:pk>/", views.place, name="place"),
]
