"""Residents' voice for a promise's coordinators, under /dialog/<slug>/."""

from django.urls import path

from lofte.participation.views import backoffice

app_name = "dialog"
urlpatterns = [
    path("<slug:slug>/", backoffice.queue, name="queue"),
    path("<slug:slug>/synpunkter/<int:pk>/", backoffice.moderate, name="moderate"),
    path("<slug:slug>/installningar/", backoffice.settings_page, name="settings"),
    path("<slug:slug>/enkater/", backoffice.survey_list, name="surveys"),
    path("<slug:slug>/enkater/ny/", backoffice.survey_edit, name="survey_new"),
    path("<slug:slug>/enkater/<int:pk>/", backoffice.survey_edit, name="survey_edit"),
    path("<slug:slug>/enkater/<int:pk>/publicering/", backoffice.survey_state, name="survey_state"),
    path("<slug:slug>/enkater/<int:pk>/fritext/", backoffice.free_text, name="free_text"),
]
