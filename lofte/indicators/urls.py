"""The analyst's import of statistics for the lägesbild."""

from django.urls import path

from lofte.indicators import views

app_name = "indicators"
urlpatterns = [
    path("importera/", views.upload, name="upload"),
    path("importera/<int:pk>/", views.confirm, name="confirm"),
    path("importer/<int:pk>/", views.detail, name="detail"),
]
