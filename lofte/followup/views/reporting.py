"""Actors report what they did; coordinators review it; everyone with rights sees the history."""

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lofte.followup.access import coordinated_promise, may_read_everything
from lofte.followup.actions import approve_update, return_update
from lofte.followup.forms import ReviewForm, UpdateForm
from lofte.followup.models import Update
from lofte.followup.reportable import ReportingTarget
from lofte.history.models import Change
from lofte.history.versioned import EditConflict
from lofte.promises.models import Commitment, Membership, Promise
from lofte.text import format_decimal


@login_required
def my_commitments(request, slug):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    commitments = list(
        Commitment.objects.reportable_by(request.user)
        .filter(focus_area__promise=promise)
        .select_related("focus_area")
        .prefetch_related("actors")
        .order_by("focus_area__order", "order", "pk")
    )
    if not commitments:
        raise PermissionDenied
    my_orgs = set(
        Membership.objects.editors()
        .filter(user=request.user, promise=promise)
        .values_list("organisation_id", flat=True)
    )
    periods = list(promise.periods.started().order_by("-starts_on"))
    updates = {
        (u.period_id, u.commitment_id): u
        for u in Update.objects.filter(
            period__in=[p.pk for p in periods], commitment__in=[c.pk for c in commitments]
        ).only("pk", "period_id", "commitment_id", "state", "review_comment", "status")
    }
    today = timezone.localdate()
    rows_by_period = []
    for period in periods:
        rows = []
        for c in commitments:
            update = updates.get((period.pk, c.pk))
            state = update.state if update else None
            rows.append(
                {
                    "commitment": c,
                    "update": update,
                    "state": state,
                    "overdue": period.is_overdue(c, state, today),
                    "for_orgs": [a for a in c.actors.all() if a.pk in my_orgs],
                }
            )
        rows_by_period.append((period, rows))
    ctx = {
        "promise": promise,
        "rows_by_period": rows_by_period,
        "several_orgs": len(my_orgs) > 1,
        "is_coordinator": promise.can_be_changed_by(request.user),
    }
    return render(request, "followup/my_commitments.html", ctx)


def _conflict_data(form, current):
    """Keep the person's input but carry the current version, so saving again can succeed."""
    data = form.data.copy()
    data["version"] = str(current.version)
    return data


def _opened_before(data, update):
    """Whether the posted form was opened on an earlier version of the update than this one."""
    try:
        return 0 <= int(data.get("version", "")) < update.version
    except ValueError:
        return False


@login_required
@require_http_methods(["GET", "POST"])
def edit_update(request, slug, period_id, commitment_id):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    target = ReportingTarget.find(request.user, promise, period_id, commitment_id)
    period, commitment, update = target.period, target.commitment, target.update
    is_coordinator, read_only = target.is_coordinator, target.read_only
    measures = list(commitment.measures.all())
    status = 200
    conflict = None

    if request.method == "POST" and not read_only:
        form = UpdateForm(request.POST, request.FILES, measures=measures, update=update)
        if form.is_valid():
            try:
                target.save(form, request.user)
            except EditConflict as error:
                conflict = error.current
                status = 409
                # A chosen file cannot be kept across pages: the form asks for it again.
                form = UpdateForm(
                    _conflict_data(form, conflict), measures=measures, update=conflict
                )
                form.is_valid()
            else:
                if form.submitting:
                    messages.success(request, _("Your update is submitted for approval."))
                else:
                    messages.success(request, _("Your draft is saved."))
                return redirect("followup:my_commitments", promise.slug)
        else:
            status = 400
    elif request.method == "POST":
        if not _opened_before(request.POST, update):
            raise PermissionDenied
        # Approved by a coordinator while the form was open: not saved, as any conflict.
        conflict = update
        status = 409
        form = None
    else:
        form = UpdateForm(
            measures=measures,
            update=update or Update(commitment=commitment, period=period),
        )
    if conflict is not None:
        conflict_values = [
            (v.measure.name, format_decimal(v.value), v.measure.unit)
            for v in conflict.values.select_related("measure")
        ]
    else:
        conflict_values = []
    ctx = {
        "promise": promise,
        "period": period,
        "commitment": commitment,
        "update": update,
        "form": form,
        "read_only": read_only,
        "is_coordinator": is_coordinator,
        # A coordinator correcting a waiting or approved update keeps it where it is.
        "corrects": is_coordinator
        and update is not None
        and update.state in (Update.State.SUBMITTED, Update.State.APPROVED),
        "conflict": conflict,
        "conflict_message": EditConflict.message,
        "conflict_values": conflict_values,
        "values": _values_table(commitment, update) if read_only else [],
        "overdue": period.is_overdue(commitment, update.state if update else None),
    }
    return render(request, "followup/edit_update.html", ctx, status=status)


def _values_table(commitment, update):
    """Return [(measure, value or None)] for the commitment's measures."""
    values = {v.measure_id: v.value for v in update.values.all()} if update else {}
    return [(m, values.get(m.pk)) for m in commitment.measures.all()]


@login_required
def review_list(request, slug):
    promise = coordinated_promise(request, slug)
    updates = Update.objects.filter(commitment__focus_area__promise=promise).select_related(
        "commitment", "period", "created_by", "reviewed_by"
    )
    ctx = {
        "promise": promise,
        "waiting": updates.filter(state=Update.State.SUBMITTED).order_by("submitted_at", "pk"),
        "reviewed": updates.filter(
            state__in=[Update.State.APPROVED, Update.State.RETURNED], reviewed_at__isnull=False
        ).order_by("-reviewed_at")[:20],
    }
    return render(request, "followup/review_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def review(request, slug, pk):
    promise = coordinated_promise(request, slug)
    updates = Update.objects.select_related("commitment", "period", "created_by", "reviewed_by")
    update = get_object_or_404(updates, pk=pk, commitment__focus_area__promise=promise)
    status = 200
    conflict = False
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if update.state != Update.State.SUBMITTED:
            form.is_valid()
            form.add_error(None, _("Only an update waiting for approval can be reviewed."))
            status = 409
        elif form.is_valid():
            approving = form.cleaned_data["decision"] == form.APPROVE
            decide = approve_update if approving else return_update
            try:
                decide(
                    update,
                    request.user,
                    form.cleaned_data["comment"].strip(),
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                conflict = True
                status = 409
                update = get_object_or_404(updates, pk=error.current.pk)
                form = ReviewForm(
                    initial={"version": update.version, "comment": form.cleaned_data["comment"]}
                )
            else:
                if update.state == Update.State.APPROVED:
                    messages.success(request, _("The update is approved."))
                else:
                    messages.success(request, _("The update is returned to the actor."))
                return redirect("followup:review_list", promise.slug)
        else:
            status = 400
    else:
        form = ReviewForm(initial={"version": update.version})
    ctx = {
        "promise": promise,
        "update": update,
        "commitment": update.commitment,
        "values": _values_table(update.commitment, update),
        "form": form,
        "conflict": conflict,
        "conflict_message": EditConflict.message,
    }
    return render(request, "followup/review.html", ctx, status=status)


def _describe(changes):
    """Attach to each change the object it is about, fetched in bulk, and what it changed."""
    by_type = {}
    for change in changes:
        by_type.setdefault(change.content_type_id, []).append(change)
    for group in by_type.values():
        model = group[0].content_type.model_class()
        queryset = model._default_manager.all() if model else None
        if model is Update:
            queryset = queryset.select_related("commitment", "period")
        objects = queryset.in_bulk({c.object_id for c in group}) if model else {}
        for change in group:
            change.about = objects.get(change.object_id)
            change.rows = change.field_changes()
    return changes


@login_required
def history(request, slug):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    if not may_read_everything(request.user, promise):
        raise PermissionDenied
    changes = Change.objects.filter(promise=promise).select_related("user", "content_type")
    if not promise.shows_people_to(request.user):
        # Who was given or lost a role, by name and address, is not for readers.
        changes = changes.exclude(content_type=ContentType.objects.get_for_model(Membership))
    page = Paginator(changes, 50).get_page(request.GET.get("sida"))
    _describe(page.object_list)
    ctx = {"promise": promise, "page": page}
    return render(request, "followup/history.html", ctx)


@require_http_methods(["GET", "HEAD"])
def evidence(request, slug, pk):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    update = get_object_or_404(
        Update.objects.select_related("commitment"), pk=pk, commitment__focus_area__promise=promise
    )
    if not update.evidence_file:
        raise Http404
    user = request.user
    allowed = Update.objects.published().filter(pk=update.pk).exists() or (
        user.is_authenticated
        and (may_read_everything(user, promise) or update.commitment.can_be_reported_by(user))
    )
    if not allowed:
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    try:
        file = update.evidence_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        file, as_attachment=True, filename=os.path.basename(update.evidence_file.name)
    )
