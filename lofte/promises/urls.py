from django.urls import path

from lofte.promises import views

app_name = "promises"
urlpatterns = [
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/hela/", views.whole, name="whole"),
    path("<slug:slug>/hela.pdf", views.whole_pdf, name="whole_pdf"),
    path("<slug:slug>/lofte.json", views.as_json, name="json"),
    path("<slug:slug>/kontakt/", views.contact, name="contact"),
    path("<slug:slug>/ataganden/<int:pk>/", views.commitment, name="commitment"),
]
