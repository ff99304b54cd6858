"""Who is late with which report, and the e-mails that remind them."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lofte.followup.models import Reminder, ReportingPeriod, Update
from lofte.promises.models import Commitment, Membership
from lofte.web import absolute_url


def _missing(commitments, periods, states):
    """Yield (period, commitment) for every report owed and not handed in."""
    for period in periods:
        for c in commitments:
            if period.is_missing_report(c, states.get((c.pk, period.pk))):
                yield period, c


def _states(promise):
    return Update.objects.filter(commitment__focus_area__promise=promise).states()


def overdue(promise, today=None, *, commitments=None, states=None):
    """Return [(period, organisation, missing_count)] for every period whose due date has
    passed, in period order, then by organisation name.

    A caller that has fetched them gives the promise's `commitments` (with their
    `actor_list`, Commitment.fetch_parts) and their updates' `states()` (the dashboard's
    Progress), instead of fetching them again.
    """
    periods = list(ReportingPeriod.objects.filter(promise=promise).due(today))
    if not periods:
        return []
    if commitments is None:
        commitments = Commitment.fetch_parts(promise.commitments(), measures=False)
    if states is None:
        states = _states(promise)
    counts, orgs = {}, {}
    for period, c in _missing(commitments, periods, states):
        for actor in c.actor_list:
            orgs[actor.pk] = actor
            counts[period, actor.pk] = counts.get((period, actor.pk), 0) + 1
    rows = [(period, orgs[org_id], n) for (period, org_id), n in counts.items()]
    rows.sort(key=lambda r: (r[0].starts_on, r[1].name.casefold()))
    return rows


def missed_latest_report(promise, commitments, today=None):
    """Return (period, [organisation]) for the promise's latest period whose reports are due:
    the actors of `commitments` (with their actors fetched) that owe a report for it and have
    not handed one in, by name. (None, []) while no period is due. Two queries."""
    period = ReportingPeriod.objects.filter(promise=promise).due(today).order_by("starts_on").last()
    if period is None:
        return None, []
    states = Update.objects.filter(commitment__in=[c.pk for c in commitments], period=period)
    organisations = {
        a.pk: a for _p, c in _missing(commitments, [period], states.states()) for a in c.actor_list
    }
    return period, sorted(organisations.values(), key=lambda o: o.name.casefold())


def missing_commitments(period, organisation):
    """Return the organisation's commitments that owe a report for the period."""
    commitments = period.promise.commitments().filter(actors=organisation)
    states = _states(period.promise)
    return [c for _p, c in _missing(commitments, [period], states)]


def editors(promise, organisation=None):
    """Return the users who report for the organisation (or any) and have an e-mail address."""
    filters = {
        "memberships__promise": promise,
        "memberships__role": Membership.Role.EDITOR,
    }
    if organisation is not None:
        filters["memberships__organisation"] = organisation
    return get_user_model().objects.filter(**filters).exclude(email="").distinct()


def reachable_organisations(promise):
    """Return the ids of the organisations with at least one editor who has an e-mail."""
    return set(
        Membership.objects.editors()
        .filter(promise=promise)
        .exclude(user__email="")
        .values_list("organisation_id", flat=True)
    )


def last_reminders(promise):
    """Return {(period_id, organisation_id): when the last reminder was sent}."""
    rows = (
        Reminder.objects.filter(period__promise=promise)
        .values("period_id", "organisation_id")
        .annotate(last=Max("sent_at"))
        .order_by()
    )
    return {(r["period_id"], r["organisation_id"]): r["last"] for r in rows}


def recently_reminded(period, organisation, days):
    since = timezone.now() - datetime.timedelta(days=days)
    return Reminder.objects.filter(
        period=period, organisation=organisation, sent_at__gte=since
    ).exists()


def send_reminder(period, organisation, sent_by=None):
    """E-mail every editor of the organisation about its missing reports for the period.

    Records a Reminder when anyone was e-mailed; returns how many e-mails were sent.
    """
    promise = period.promise
    recipients = list(editors(promise, organisation))
    if not recipients:
        return 0
    # The editors' language is not known: write in the site's default language.
    with translation.override(settings.LANGUAGE_CODE):
        url = absolute_url(reverse("followup:my_commitments", args=[promise.slug]))
        context = {
            "promise": promise,
            "period": period,
            "organisation": organisation,
            "commitments": missing_commitments(period, organisation),
            "url": url,
        }
        subject = _("Reminder: report on %(period)s for %(promise)s") % {
            "period": period.name,
            "promise": promise.title,
        }
        messages = [
            EmailMessage(
                subject,
                render_to_string("followup/email/reminder.txt", {**context, "recipient": user}),
                to=[user.email],
            )
            for user in recipients
        ]
    with transaction.atomic():
        sent = get_connection().send_messages(messages) or 0
        if sent:
            Reminder.objects.create(period=period, organisation=organisation, sent_by=sent_by)
    return sent


def send_overdue_reminders(promise, today=None, *, sent_by=None, skip_days=None, dry_run=False):
    """Remind every organisation that is late, as of today; return [(period, org, sent)].

    With skip_days, those reminded about the period in the last skip_days days are left
    out; organisations without an editor to write to are left out always (sent is None
    for them, so callers can say so).
    """
    reachable = reachable_organisations(promise)
    results = []
    for period, organisation, _n in overdue(promise, today):
        if organisation.pk not in reachable:
            results.append((period, organisation, None))
            continue
        if skip_days is not None and recently_reminded(period, organisation, skip_days):
            continue
        if dry_run:
            sent = editors(promise, organisation).count()
        else:
            sent = send_reminder(period, organisation, sent_by=sent_by)
        results.append((period, organisation, sent))
    return results
