"""Under /kommun/<kommun>/lagesbild/: the public pages and exports, then editing."""

from django.urls import path

from lofte.lagesbild import views

app_name = "lagesbild"
urlpatterns = [
    path("<slug:kommun>/lagesbild/", views.index, name="index"),
    path("<slug:kommun>/lagesbild/ny/", views.create, name="create"),
    path("<slug:kommun>/lagesbild/<int:pk>/", views.detail, name="detail"),
    path("<slug:kommun>/lagesbild/<int:pk>/lagesbild.csv", views.csv_export, name="csv"),
    path("<slug:kommun>/lagesbild/<int:pk>/lagesbild.pdf", views.pdf_export, name="pdf"),
    path("<slug:kommun>/lagesbild/<int:pk>/redigera/", views.edit, name="edit"),
    path("<slug:kommun>/lagesbild/<int:pk>/problem/ny/", views.problem, name="add_problem"),
    path(
        "<slug:kommun>/lagesbild/<int:pk>/problem/<int:problem_id>/",
        views.problem,
        name="problem",
    ),
    path(
        "<slug:kommun>/lagesbild/<int:pk>/problem/<int:problem_id>/ta-bort/",
        views.remove_problem,
        name="remove_problem",
    ),
]
