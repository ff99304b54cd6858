from django.urls import path

from lofte.national import views

app_name = "national"
urlpatterns = [
    path("kommuner/", views.kommuner, name="kommuner"),
    path("kommuner/<slug:slug>/", views.kommun, name="kommun"),
    path("sok/", views.search, name="search"),
]
