"""How long personal data is kept, and what is due for deletion: one place for the privacy
page and `lofte purge_personal_data`. The number of days of each is a setting."""

import datetime

from django.conf import settings
from django.utils import timezone

from lofte.events.models import Registration
from lofte.followup.models import Subscription
from lofte.legal.models import ProblemReport
from lofte.participation.models import Comment


def days():
    """Return {kind: days kept}, as the settings say."""
    return {
        "registrations": settings.KEEP_REGISTRATIONS_DAYS,
        "unconfirmed_subscriptions": settings.KEEP_UNCONFIRMED_SUBSCRIPTIONS_DAYS,
        "rejected_comments": settings.KEEP_REJECTED_COMMENTS_DAYS,
        "problem_reports": settings.KEEP_PROBLEM_REPORTS_DAYS,
    }


def expired(now=None):
    """Return {kind: QuerySet of the rows whose time is up}."""
    now = now or timezone.now()
    kept = days()

    def before(kind):
        return now - datetime.timedelta(days=kept[kind])

    return {
        "registrations": Registration.objects.expired(kept["registrations"], now),
        "unconfirmed_subscriptions": Subscription.objects.filter(
            confirmed_at__isnull=True, created_at__lt=before("unconfirmed_subscriptions")
        ),
        "rejected_comments": Comment.objects.filter(
            state=Comment.State.REJECTED, moderated_at__lt=before("rejected_comments")
        ),
        "problem_reports": ProblemReport.objects.expired(kept["problem_reports"], now),
    }
