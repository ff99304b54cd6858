"""Bulk follow-up: a coordinator downloads a pre-filled sheet and uploads it filled in."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lofte.followup import spreadsheet
from lofte.followup.models import ReportingPeriod, Update
from lofte.history.versioned import EditConflict
from lofte.promises.models import Commitment, Promise

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _coordinated_promise(request, slug):
    """Return the promise if the user coordinates it: 404 for drafts they cannot see, 403
    for the rest. Anonymous users are sent to log in before this."""
    promise = get_object_or_404(Promise.objects.visible_to(request.user), slug=slug)
    if not promise.can_be_changed_by(request.user):
        raise PermissionDenied
    return promise


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
    promise = _coordinated_promise(request, slug)
    period = get_object_or_404(ReportingPeriod, pk=period_id, promise=promise)
    commitments, updates = _commitments_and_updates(promise, period)
    rows = spreadsheet.template_rows(commitments.values(), updates, period)
    name = f"uppfoljning-{promise.slug}-{slugify(period.name)}"
    if request.GET.get("format") == "csv":
        response = HttpResponse(spreadsheet.build_csv(rows), content_type="text/csv; charset=utf-8")
        name += ".csv"
    else:
        response = HttpResponse(spreadsheet.build_xlsx(rows), content_type=XLSX_TYPE)
        name += ".xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class ImportForm(forms.Form):
    SUBMIT, DRAFT = "submit", "draft"

    period = forms.ModelChoiceField(
        label=gettext_lazy("Period"), queryset=ReportingPeriod.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("The filled-in template: XLSX or CSV, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("What to do with the updates"),
        choices=[
            (SUBMIT, gettext_lazy("Submit them for approval")),
            (DRAFT, gettext_lazy("Save them as drafts")),
        ],
        initial=SUBMIT,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, promise, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = promise.periods.all()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > spreadsheet.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than %(max)s MB.") % {"max": 2})
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Upload an XLSX or CSV file."))
        return upload


@login_required
def upload(request, slug):
    """Import a filled-in template: every row is checked, and nothing is saved unless all pass."""
    promise = _coordinated_promise(request, slug)
    periods = list(promise.periods.all())
    row_errors, result = [], None
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
    return render(request, "followup/import.html", ctx)

