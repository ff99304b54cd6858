"""The actors' pages, under /aktorer/: an actor's commitments across promises."""

from django.urls import path

from lofte.promises import views

app_name = "actors"
urlpatterns = [
    path("<slug:slug>/", views.actor, name="detail"),
]
