from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "lofte.followup"
    label = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        # Follow-up's parts of the promise's pages (lofte.promises.pages).
        from lofte.followup import promise_pages  # noqa: F401
