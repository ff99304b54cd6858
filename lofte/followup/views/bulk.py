"""Bulk follow-up: a coordinator downloads a pre-filled sheet and uploads it filled in."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lofte.followup import spreadsheet
from lofte.followup.access import coordinated_promise
from lofte.followup.forms import ImportForm
from lofte.followup.models import ReportingPeriod, Update
from lofte.history.versioned import EditConflict
from lofte.promises.models import Commitment

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _commitments_and_updates(promise, period):
    """Return ({id: commitment} of the promise, in order, and {commitment id: update} of the
    period), with what the template and the checks read prefetched."""
    commitments = (
        Commitment.objects.filter(focus_area__promise=promise)
        .select_related("focus_area")
        .prefetch_related("actors", "measures")
    )
    updates = Update.objects.filter(period=period).prefetch_related("values")
    return {c.pk: c for c in commitments}, {u.commitment_id: u for u in updates}


@login_required
def template(request, slug, period_id):
    """The period's template as XLSX, or as CSV with ?format=csv."""
    promise = coordinated_promise(request, slug)
    period = get_object_or_404(ReportingPeriod, pk=period_id, promise=promise)
    commitments, updates = _commitments_and_updates(promise, period)
    # The commitments that owe a report for the period, and any that has one anyway.
    owing = [c for c in commitments.values() if period.expects_report(c, c.pk in updates)]
    rows = spreadsheet.template_rows(owing, updates, period)
    name = f"uppfoljning-{promise.slug}-{slugify(period.name)}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(spreadsheet.build_csv(rows), content_type="text/csv; charset=utf-8")
        name += ".csv"
    else:
        response = HttpResponse(spreadsheet.build_xlsx(rows), content_type=XLSX_TYPE)
        name += ".xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def upload(request, slug):
    """Import a filled-in template: every row is checked, and nothing is saved unless all pass."""
    promise = coordinated_promise(request, slug)
    periods = list(promise.periods.all())
    row_errors, result, status = [], None, 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, promise=promise)
        if form.is_valid():
            period = form.cleaned_data["period"]
            submit = form.cleaned_data["mode"] == ImportForm.SUBMIT
            upload = form.cleaned_data["file"]
            try:
                commitments, updates = _commitments_and_updates(promise, period)
                plan, row_errors, skipped = spreadsheet.check_upload(
                    upload.name, upload.read(), commitments, updates, submit=submit, period=period
                )
                if any(isinstance(e, spreadsheet.StaleRow) for e in row_errors):
                    status = 409  # someone changed an update since the template was made
                if not row_errors:
                    updated, unchanged = spreadsheet.save_plan(
                        plan, period=period, user=request.user, submit=submit
                    )
                    result = {
                        "period": period,
                        "updated": updated,
                        "unchanged": unchanged,
                        "skipped": skipped,
                        "submitted": submit,
                    }
                    form = ImportForm(
                        initial={"period": period, "mode": form.cleaned_data["mode"]},
                        promise=promise,
                    )
            except spreadsheet.FileProblem as problem:
                form.add_error("file", str(problem))
            except EditConflict as conflict:
                status = 409
                form.add_error(
                    None,
                    _(
                        "Someone else changed commitment %(id)s while the file was imported. "
                        "Nothing was saved; upload the file again."
                    )
                    % {"id": conflict.current.commitment_id},
                )
    else:
        initial = {}
        chosen = request.GET.get("period", "")
        if chosen.isascii() and chosen.isdecimal():
            initial["period"] = next((p for p in periods if p.pk == int(chosen)), None)
        form = ImportForm(initial=initial, promise=promise)
    ctx = {
        "promise": promise,
        "periods": periods,
        "form": form,
        "row_errors": row_errors,
        "result": result,
    }
    return render(request, "followup/import.html", ctx, status=status)
