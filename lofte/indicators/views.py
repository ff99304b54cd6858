"""The analyst's import: upload a file, see its errors or what it would change, confirm."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lofte.background.models import Job
from lofte.indicators.access import can_import_indicators, importable_kommuner
from lofte.indicators.actions import ImportConflict, record_import, save_import
from lofte.indicators.forms import ConfirmForm, UploadForm
from lofte.indicators.importing import FileProblem, check_file
from lofte.indicators.jobs import save_later
from lofte.indicators.models import IndicatorImport

# How many changed values the confirmation page lists before it says how many more.
SHOWN_CHANGES = 50
# And how many row errors, so that a file of wrong rows does not make a page of megabytes.
SHOWN_ERRORS = 500


def _kommuner_or_403(user):
    kommuner = importable_kommuner(user)
    if not kommuner.exists():
        raise PermissionDenied
    return kommuner


@login_required
def upload(request):
    """Step 1: choose the format and the file. Errors are shown here; nothing is saved."""
    kommuner = _kommuner_or_403(request.user)
    row_errors = []
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, kommuner=kommuner)
        if form.is_valid():
            kommun = form.cleaned_data["kommun"]
            if not can_import_indicators(request.user, kommun):
                raise PermissionDenied
            upload = form.cleaned_data["file"]
            data = upload.read()
            options = form.import_options()
            fmt = form.cleaned_data["format"]
            try:
                plan = check_file(fmt, data, options=options, scope=kommun)
            except FileProblem as problem:
                form.add_error("file", str(problem))
            else:
                row_errors = plan.errors
                if not row_errors:
                    IndicatorImport.purge_unconfirmed()
                    record = record_import(
                        format=fmt,
                        via=IndicatorImport.Via.UPLOAD,
                        data=data,
                        file_name=upload.name,
                        user=request.user,
                        kommun=kommun,
                        options=options,
                    )
                    record.content = data
                    record.save()
                    return redirect("indicators:confirm", record.pk)
    else:
        form = UploadForm(kommuner=kommuner)
    ctx = {"form": form, "row_errors": row_errors, "shown_errors": SHOWN_ERRORS}
    return render(request, "indicators/upload.html", ctx)


def _own_unconfirmed(request, pk):
    record = get_object_or_404(
        IndicatorImport, pk=pk, user=request.user, state=IndicatorImport.State.CHECKED
    )
    if not can_import_indicators(request.user, record.kommun):
        raise PermissionDenied
    return record


@login_required
def confirm(request, pk):
    """Step 2: what the file would change; save it all, or cancel. A big file is saved by a
    worker (settings.LOFTE_IMPORT_IN_BACKGROUND_VALUES); this page then follows it."""
    if IndicatorImport.objects.filter(
        pk=pk, user=request.user, state=IndicatorImport.State.SAVED
    ).exists():
        return redirect("indicators:detail", pk)
    record = _own_unconfirmed(request, pk)
    job = record.job
    if job is not None and job.status != Job.Status.FAILED:
        return render(request, "indicators/saving.html", {"record": record, "job": job})
    problem = None
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        if form.is_valid() and form.cleaned_data["action"] == ConfirmForm.CANCEL:
            record.delete()
            return redirect("indicators:upload")
    try:
        # Checked again: someone may have imported or changed areas since the upload.
        plan = check_file(
            record.format, bytes(record.content), options=record.options, scope=record.kommun
        )
    except FileProblem as e:
        plan, problem = None, str(e)
    if request.method == "POST" and plan is not None and not plan.errors:
        try:
            with transaction.atomic():
                # A second click on "Save" waits here, then finds the import saved or queued.
                locked = IndicatorImport.objects.select_for_update().get(pk=record.pk)
                if locked.job_id != record.job_id:
                    return redirect("indicators:confirm", record.pk)  # queued by another click
                if plan.new + plan.changed > settings.LOFTE_IMPORT_IN_BACKGROUND_VALUES:
                    save_later(locked, request.user)
                    return redirect("indicators:confirm", record.pk)
                if locked.state == IndicatorImport.State.CHECKED:
                    save_import(plan, record)
        except ImportConflict:
            problem = _(
                "Another import saved the same values at the same time. Nothing was saved; "
                "confirm again."
            )
        else:
            return redirect("indicators:detail", record.pk)
    if job is not None and problem is None:
        problem = _("Saving in the background failed: %(reason)s") % {"reason": job.reason}
    ctx = {
        "record": record,
        "plan": plan,
        "problem": problem,
        "row_errors": plan.errors if plan else [],
        "shown_errors": SHOWN_ERRORS,
        "changes": plan.changes[:SHOWN_CHANGES] if plan else [],
    }
    return render(request, "indicators/confirm.html", ctx)


@login_required
def detail(request, pk):
    """A saved import: what it brought and what it changed."""
    record = get_object_or_404(
        IndicatorImport.objects.select_related("kommun", "user"),
        pk=pk,
        state=IndicatorImport.State.SAVED,
    )
    if record.user_id != request.user.pk and not can_import_indicators(request.user, record.kommun):
        raise PermissionDenied
    revisions = record.revisions.select_related("value__indicator", "value__area").order_by(
        "value__indicator__name", "value__area__name", "value__period_start"
    )
    ctx = {
        "record": record,
        "revisions": revisions[:SHOWN_CHANGES],
        "revision_count": revisions.count(),
    }
    return render(request, "indicators/detail.html", ctx)
