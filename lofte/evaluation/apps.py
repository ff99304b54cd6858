from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "lofte.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        # The evidence level beside a tagged commitment on the promise's pages.
        from lofte.evaluation import promise_pages  # noqa: F401
