from django.urls import path

from lofte.actors import views

app_name = "actors"
urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
]
