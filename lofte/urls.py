from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from lofte.api.urls import api_urls
from lofte.front import views as front_views
from lofte.front.forms import AdminLoginForm

admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("healthz", front_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("lofte.api.urls")),
    *api_urls,
    # The language switch, one address for every language's page.
    path("sprak/<str:code>/", front_views.choose_language, name="choose_language"),
]
# Swedish at /, English at /en/, Arabic at /ar/, …: every page has one address per language.
urlpatterns += i18n_patterns(
    path("", include("lofte.front.urls")),
    path("", include("lofte.accounts.urls")),
    path("", include("lofte.legal.urls")),
    path("uppfoljning/", include("lofte.followup.urls")),
    path("dialog/", include("lofte.participation.backoffice_urls")),
    path("oversattningar/", include("lofte.translations.urls")),
    path("medborgarloften/", include("lofte.followup.public_urls")),
    path("medborgarloften/", include("lofte.promises.urls")),
    path("medborgarloften/", include("lofte.events.urls")),
    path("medborgarloften/", include("lofte.participation.urls")),
    path("aktorer/", include("lofte.promises.actor_urls")),
    path("kommun/", include("lofte.incidents.urls")),
    path("kommun/", include("lofte.lagesbild.urls")),
    path("", include("lofte.national.urls")),
    path("indikatorer/", include("lofte.indicators.urls")),
    path("", include("lofte.api.page_urls")),
    path("vad-fungerar/", include("lofte.evaluation.urls")),
    prefix_default_language=False,
)
