"""Follow-up as residents see it: progress, the report, the feed and subscriptions."""

from django.urls import path

from lofte.followup.views import public, report

app_name = "progress"
urlpatterns = [
    path("<slug:slug>/uppfoljning/", public.timeline, name="timeline"),
    path("<slug:slug>/uppdateringar.atom", public.feed, name="feed"),
    path("<slug:slug>/prenumerera/", public.subscribe, name="subscribe"),
    path("prenumeration/<str:token>/bekrafta/", public.confirm, name="confirm"),
    path("prenumeration/<str:token>/avsluta/", public.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/rapport/", report.report_page, name="report"),
    path("<slug:slug>/rapport.pdf", report.report_pdf, name="report_pdf"),
    path("<slug:slug>/rapport.xlsx", report.report_xlsx, name="report_xlsx"),
]
