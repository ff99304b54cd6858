from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "lofte.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        # The records of events in the follow-up report (lofte.promises.pages).
        from lofte.events import promise_pages  # noqa: F401
