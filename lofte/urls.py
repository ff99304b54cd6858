from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from lofte.front import views as front_views
from lofte.front.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("healthz", front_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
# Swedish at /, English at /en/: every page has one address per language.
urlpatterns += i18n_patterns(
    path("", include("lofte.front.urls")),
    path("", include("lofte.accounts.urls")),
    path("", include("lofte.legal.urls")),
    path("uppfoljning/", include("lofte.followup.urls")),
    path("dialog/", include("lofte.participation.backoffice_urls")),
    path("medborgarloften/", include("lofte.followup.public_urls")),
    path("medborgarloften/", include("lofte.promises.urls")),
    path("medborgarloften/", include("lofte.events.urls")),
    path("medborgarloften/", include("lofte.participation.urls")),
    path("aktorer/", include("lofte.promises.actor_urls")),
    path("kommun/", include("lofte.incidents.urls")),
    path("", include("lofte.national.urls")),
    path("indikatorer/", include("lofte.indicators.urls")),
    prefix_default_language=False,
)
