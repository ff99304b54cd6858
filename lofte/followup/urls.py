"""The back office of follow-up: actors report, coordinators review and steer."""

from django.urls import path

from lofte.followup.views import background, bulk, dashboard, reporting

app_name = "followup"
urlpatterns = [
    path("<slug:slug>/", dashboard.dashboard, name="dashboard"),
    path("<slug:slug>/paminn/", dashboard.remind, name="remind"),
    path("<slug:slug>/perioder/", dashboard.periods, name="periods"),
    path("<slug:slug>/rapportera/", reporting.my_commitments, name="my_commitments"),
    path(
        "<slug:slug>/rapportera/<int:period_id>/<int:commitment_id>/",
        reporting.edit_update,
        name="edit_update",
    ),
    path("<slug:slug>/granska/", reporting.review_list, name="review_list"),
    path("<slug:slug>/granska/<int:pk>/", reporting.review, name="review"),
    path("<slug:slug>/historik/", reporting.history, name="history"),
    path("<slug:slug>/bevis/<int:pk>/", reporting.evidence, name="evidence"),
    path("<slug:slug>/mall-<int:period_id>.xlsx", bulk.template, name="template"),
    path("<slug:slug>/import/", bulk.upload, name="import"),
    path("<slug:slug>/bakgrundsarbete/", background.background, name="background"),
    path("<slug:slug>/bakgrundsarbete/<int:pk>/forsok-igen/", background.retry, name="retry_job"),
]
