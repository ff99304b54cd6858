from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "lofte.participation"
    label = "participation"
    verbose_name = _("Residents' voice")

    def ready(self):
        # The comment form, published comments and open surveys on the promise's pages
        # (lofte.promises.pages).
        from lofte.participation import promise_pages  # noqa: F401
