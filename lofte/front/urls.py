from django.contrib.auth import views as auth_views
from django.urls import path

from lofte.front import views
from lofte.front.forms import LoginForm

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "konto/logga-in/",
        auth_views.LoginView.as_view(
            template_name="front/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", views.account, name="account"),
]
