from django.urls import path

from lofte.legal import views

app_name = "legal"
urlpatterns = [
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("tillganglighet/tack/", views.report_thanks, name="report_thanks"),
    path("personuppgifter/", views.privacy, name="privacy"),
]
