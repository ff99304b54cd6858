"""The human pages of the API: its documentation and a person's tokens (one per language)."""

from django.urls import path

from lofte.api import views

app_name = "api"
urlpatterns = [
    path("oppna-data/", views.docs, name="docs"),
    path("konto/api-nycklar/", views.tokens, name="tokens"),
    path("konto/api-nycklar/<int:pk>/aterkalla/", views.revoke_token, name="revoke_token"),
]
