from django.urls import path

from lofte.events import views

app_name = "events"
urlpatterns = [
    path("<slug:slug>/handelser/", views.index, name="index"),
    path("<slug:slug>/handelser/<int:pk>/", views.detail, name="detail"),
    path("<slug:slug>/kalender.ics", views.ical, name="ical"),
]
