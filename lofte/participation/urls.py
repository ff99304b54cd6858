"""Residents' voice as residents see it, under /medborgarloften/<slug>/."""

from django.urls import path

from lofte.participation.views import public

app_name = "participation"
urlpatterns = [
    path("<slug:slug>/synpunkter/", public.comments, name="comments"),
    path("<slug:slug>/synpunkter/tack/", public.comment_thanks, name="comment_thanks"),
    path(
        "<slug:slug>/ataganden/<int:pk>/synpunkter/",
        public.commitment_comments,
        name="commitment_comments",
    ),
    path("<slug:slug>/enkater/", public.surveys, name="surveys"),
    path("<slug:slug>/enkater/<int:pk>/", public.survey, name="survey"),
    path("<slug:slug>/enkater/<int:pk>/tack/", public.survey_thanks, name="survey_thanks"),
    path("<slug:slug>/enkater/<int:pk>/resultat/", public.results, name="results"),
    path("<slug:slug>/enkater/<int:pk>/resultat.csv", public.results_csv, name="results_csv"),
]
