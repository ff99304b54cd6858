"""What is known to work: the catalogue of kinds of intervention, and tagging commitments."""

from django.urls import path

from lofte.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:pk>/", views.entry, name="entry"),
    path("<int:pk>/andra/", views.edit, name="edit"),
    path("kommun/<slug:kommun>/ny/", views.add, name="add"),
    path("jamforelse/<int:pk>/", views.selection, name="selection"),
    path("medborgarloften/<slug:slug>/atagande/<int:pk>/", views.tag, name="tag"),
    path("medborgarloften/<slug:slug>/", views.report, name="report"),
    path("medborgarloften/<slug:slug>/utvardering.csv", views.report_csv, name="report_csv"),
    path("medborgarloften/<slug:slug>/utvardering.pdf", views.report_pdf, name="report_pdf"),
]
