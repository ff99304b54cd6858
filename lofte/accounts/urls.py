from django.urls import path

from lofte.accounts import views

app_name = "accounts"
urlpatterns = [
    path("konto/inbjudan/<str:token>/", views.accept, name="accept"),
    path("uppfoljning/<slug:slug>/personer/", views.people, name="people"),
    path("kommun/<slug:kommun>/personer/", views.kommun_people, name="kommun_people"),
]
