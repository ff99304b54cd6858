"""The coordinators' translations of a promise, under /oversattningar/<slug>/."""

from django.urls import path

from lofte.translations import views

app_name = "translations"
urlpatterns = [
    path("<slug:slug>/", views.overview, name="overview"),
    path("<slug:slug>/lattlast/", views.easy_read, name="easy_read"),
    path("<slug:slug>/<str:language>/", views.edit, name="edit"),
    path("<slug:slug>/<str:language>/historik/", views.history, name="history"),
    path("<slug:slug>/<str:language>/export.xlsx", views.export, name="export"),
    path("<slug:slug>/<str:language>/import/", views.import_file, name="import"),
]
