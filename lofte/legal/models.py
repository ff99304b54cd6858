import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProblemReportQuerySet(models.QuerySet):
    def expired(self, days, now=None):
        """Return the reports older than `days` days."""
        return self.filter(created_at__lt=(now or timezone.now()) - datetime.timedelta(days=days))


class ProblemReport(models.Model):
    """Someone's report of an accessibility problem on the site, for the staff to act on.

    The address, if given, is only for the answer, and is deleted with the report
    (`lofte purge_personal_data`). Seen in the admin by superusers and by staff given the
    right to view problem reports.
    """

    page = models.CharField(
        _("page"), max_length=500, blank=True, help_text=_("The address or name of the page.")
    )
    description = models.TextField(_("the problem"), max_length=3000)
    email = models.EmailField(
        _("e-mail for an answer"),
        blank=True,
        help_text=_("Only if you want an answer. Used for nothing else."),
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    objects = ProblemReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility problem report")
        verbose_name_plural = _("accessibility problem reports")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} #{self.pk}"
