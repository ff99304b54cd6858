from django.urls import path

from lofte.events import backoffice, views

app_name = "events"
urlpatterns = [
    path("<slug:slug>/handelser/", views.index, name="index"),
    path("<slug:slug>/handelser/<int:pk>/", views.detail, name="detail"),
    path("<slug:slug>/handelser/<int:pk>/handelse.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/handelser/<int:pk>/anmalan/", views.register, name="register"),
    path("<slug:slug>/handelser/<int:pk>/anmalan/tack/", views.registered, name="registered"),
    path("<slug:slug>/handelser/<int:pk>/referat/", backoffice.record, name="record"),
    path("<slug:slug>/kalender.ics", views.ical, name="ical"),
    path("anmalan/<str:token>/avboka/", views.cancel, name="cancel"),
]
