"""The coordinator's dashboard, reminders and reporting periods."""

import smtplib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lofte.followup.access import READS_EVERYTHING, coordinated_promise, roles_in
from lofte.followup.forms import PeriodForm, RemindForm
from lofte.followup.models import ReportingPeriod
from lofte.followup.progress import Progress
from lofte.followup.reminders import (
    last_reminders,
    overdue,
    reachable_organisations,
    send_overdue_reminders,
    send_reminder,
)
from lofte.promises import pages
from lofte.promises.models import Commitment, Membership, Promise

Role = Membership.Role


@login_required
def dashboard(request, slug):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    roles = roles_in(request.user, promise)
    if not roles & READS_EVERYTHING:
        if Role.EDITOR in roles:
            return redirect("followup:my_commitments", promise.slug)
        raise PermissionDenied

    today = timezone.localdate()
    progress = Progress(promise, today)
    reminded = last_reminders(promise)
    reachable = reachable_organisations(promise)
    late = [
        {
            "period": period,
            "organisation": organisation,
            "missing": missing,
            "last_reminder": reminded.get((period.pk, organisation.pk)),
            "has_editor": organisation.pk in reachable,
        }
        for period, organisation, missing in overdue(
            promise, today, commitments=progress.commitments, states=progress.states
        )
    ]
    ctx = {
        "promise": promise,
        "today": today,
        # Readers see the numbers; reviewing, reminding and managing are for coordinators.
        "is_coordinator": Role.COORDINATOR in roles,
        "can_remind": Role.COORDINATOR in roles,
        "latest_period": progress.latest_due_period,
        "status_choices": Commitment.Status.choices,
        "tables": [
            ("focus-areas", _("Progress by focus area"), _("Focus area"), progress.by_focus_area()),
            ("actors", _("Progress by actor"), _("Actor"), progress.by_actor()),
        ],
        "late": late,
        "any_remindable": any(row["has_editor"] for row in late),
        "at_risk": progress.at_risk(),
        **pages.context("dashboard", request, promise),
    }
    return render(request, "followup/dashboard.html", ctx)


@login_required
@require_POST
def remind(request, slug):
    promise = coordinated_promise(request, slug)
    try:
        if "all" in request.POST:
            results = send_overdue_reminders(promise, timezone.localdate(), sent_by=request.user)
            sent = sum(n for _p, _o, n in results if n)
        else:
            form = RemindForm(request.POST, promise=promise)
            if not form.is_valid():
                messages.error(
                    request, _("That reminder could not be sent: choose it from the list.")
                )
                return redirect("followup:dashboard", promise.slug)
            sent = send_reminder(
                form.cleaned_data["period"],
                form.cleaned_data["organisation"],
                sent_by=request.user,
            )
    except (smtplib.SMTPException, OSError):
        # Reminders already sent in this batch are recorded; the rest can be sent again.
        messages.error(
            request,
            _("The e-mail server did not answer, so not every reminder was sent. Try again later."),
        )
        return redirect("followup:dashboard", promise.slug)
    if sent:
        messages.success(
            request,
            ngettext("Reminder sent to %(n)s person.", "Reminder sent to %(n)s people.", sent)
            % {"n": sent},
        )
    else:
        messages.warning(request, _("No reminder was sent: nobody to send it to."))
    return redirect("followup:dashboard", promise.slug)


@login_required
def periods(request, slug):
    promise = coordinated_promise(request, slug)
    form = PeriodForm(promise=promise)
    if request.method == "POST":
        if "quarters" in request.POST:
            created = ReportingPeriod.create_missing_quarters(promise)
            if created:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s reporting period created.",
                        "%(n)s reporting periods created.",
                        len(created),
                    )
                    % {"n": len(created)},
                )
            else:
                messages.info(request, _("Every quarter already has a reporting period."))
            return redirect("followup:periods", promise.slug)
        form = PeriodForm(request.POST, promise=promise)
        if form.is_valid():
            period = form.save()
            messages.success(
                request, _("Reporting period “%(name)s” added.") % {"name": period.label}
            )
            return redirect("followup:periods", promise.slug)
    ctx = {
        "promise": promise,
        "periods": promise.periods.all(),
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "followup/periods.html", ctx)
