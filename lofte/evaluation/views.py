"""What is known to work: the catalogue (public), its entries' changes (a kommun's
coordinators), and tagging a commitment with its kind (the promise's coordinators). Did it
work: a promise's evaluation report (public for a published promise), as CSV and PDF."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lofte.areas.models import Area
from lofte.evaluation import report as evaluation_report
from lofte.evaluation import wording
from lofte.evaluation.actions import (
    add_comparison_area,
    remove_comparison_area,
    save_intervention_kind,
    tag_commitment,
)
from lofte.evaluation.charts import outcome_chart
from lofte.evaluation.forms import ComparisonChangeForm, InterventionKindForm, TagForm
from lofte.evaluation.models import CommitmentKind, ComparisonSelection, InterventionKind
from lofte.evaluation.report_pdf import render_report_pdf
from lofte.history.versioned import EditConflict
from lofte.kommuner.models import Kommun
from lofte.promises.models import Commitment, Promise
from lofte.web import absolute_url


def catalogue(request):
    """Every kind with its level of evidence and source: the national ones, then each
    kommun's own."""
    kinds = InterventionKind.objects.select_related("kommun").order_by("kommun__name", "name")
    addable = Kommun.objects.all() if request.user.is_superuser else Kommun.objects.none()
    if request.user.is_authenticated and not request.user.is_superuser:
        addable = Kommun.objects.coordinated_by(request.user)
    ctx = {
        "national": [k for k in kinds if k.kommun_id is None],
        "own": [k for k in kinds if k.kommun_id is not None],
        "addable": list(addable),
        "Evidence": InterventionKind.Evidence,
    }
    return render(request, "evaluation/catalogue.html", ctx)


def entry(request, pk):
    """One kind: its level, source and the history of its changes."""
    kind = get_object_or_404(InterventionKind.objects.select_related("kommun"), pk=pk)
    may_change = kind.can_be_changed_by(request.user)
    ctx = {
        "kind": kind,
        "may_change": may_change,
        # Who changed it is shown to those who may change it; everyone sees what and when.
        "revisions": kind.revisions.select_related("user") if may_change else kind.revisions.all(),
    }
    return render(request, "evaluation/entry.html", ctx)


def _save(request, kind, template, ctx):
    form = InterventionKindForm(request.POST or None, instance=kind)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_intervention_kind(
                request.user, form.save(commit=False), form.cleaned_data.get("version")
            )
        except EditConflict:
            form.add_error(None, _("Someone else saved this entry since you opened it."))
            status = 409
        else:
            return redirect("evaluation:entry", saved.pk)
    return render(request, template, {**ctx, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def add(request, kommun):
    """A kommun's coordinator adds an entry for the kommun."""
    kommun = get_object_or_404(Kommun, slug=kommun)
    if not (
        request.user.is_superuser or Kommun.objects.coordinated_by(request.user).contains(kommun)
    ):
        raise PermissionDenied
    return _save(
        request, InterventionKind(kommun=kommun), "evaluation/edit.html", {"kommun": kommun}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """Change an entry: the kommun's own by its coordinators, the national ones by superusers."""
    kind = get_object_or_404(InterventionKind.objects.select_related("kommun"), pk=pk)
    if not kind.can_be_changed_by(request.user):
        raise PermissionDenied
    return _save(request, kind, "evaluation/edit.html", {"kind": kind, "kommun": kind.kommun})


@login_required
@require_http_methods(["GET", "POST"])
def tag(request, slug, pk):
    """Tag a commitment with its kind of intervention: the promise's coordinators."""
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    if not promise.can_be_changed_by(request.user):
        raise PermissionDenied
    commitment = get_object_or_404(
        Commitment.objects.select_related("focus_area__promise"), pk=pk, focus_area__promise=promise
    )
    current = CommitmentKind.objects.filter(commitment=commitment).first()
    kinds = InterventionKind.objects.for_kommun(promise.kommun).order_by("name")
    form = TagForm(request.POST or None, kinds=kinds, initial={"kind": current and current.kind})
    if request.method == "POST" and form.is_valid():
        tag_commitment(request.user, commitment, form.cleaned_data["kind"])
        return redirect(commitment.get_absolute_url())
    ctx = {"promise": promise, "commitment": commitment, "form": form}
    return render(request, "evaluation/tag.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def selection(request, pk):
    """One outcome's evaluation for the kommun's coordinators and analysts: the result in
    words or why there is none, the chart and its table, the checks, the comparison areas
    with their reasons and every change to them; forms to add or remove an area."""
    selection = get_object_or_404(
        ComparisonSelection.objects.select_related("area", "indicator", "promise"), pk=pk
    )
    if not selection.can_be_changed_by(request.user):
        raise PermissionDenied
    chosen = selection.areas.select_related("area")
    chosen_ids = [c.area_id for c in chosen]
    addable = Area.objects.filter(kind=selection.area.kind).exclude(
        pk__in=[selection.area_id, *chosen_ids]
    )
    add_form = ComparisonChangeForm(areas=addable, prefix="add")
    remove_form = ComparisonChangeForm(
        areas=Area.objects.filter(pk__in=chosen_ids), prefix="remove"
    )
    if request.method == "POST":
        adding = "add" in request.POST
        form = ComparisonChangeForm(
            request.POST,
            areas=addable if adding else Area.objects.filter(pk__in=chosen_ids),
            prefix="add" if adding else "remove",
        )
        if form.is_valid():
            change = add_comparison_area if adding else remove_comparison_area
            change(request.user, selection, form.cleaned_data["area"], form.cleaned_data["reason"])
            return redirect("evaluation:selection", selection.pk)
        if adding:
            add_form = form
        else:
            remove_form = form
    result = selection.evaluate()
    what = selection.indicator.name
    svg, rows = outcome_chart(result, what, "utfall")
    ctx = {
        "selection": selection,
        "chosen": chosen,
        "result": result,
        "sentence": wording.result_text(result.estimate, what, selection.indicator.unit)
        if result.estimate
        else "",
        "caveats": wording.caveats(result) if result.estimate else [],
        "method": wording.method_text(result.estimate) if result.estimate else "",
        "time_placebo": wording.result_text(result.time_placebo, what, selection.indicator.unit)
        if result.time_placebo
        else "",
        "excluded": [(result.panel.name(k), r.text()) for k, r in result.excluded.items()],
        "svg": svg,
        "rows": rows,
        "changes": selection.changes.select_related("user"),
        "add_form": add_form,
        "remove_form": remove_form,
    }
    return render(request, "evaluation/selection.html", ctx)


def _report(request, slug):
    """The evaluation report of a promise the user may see (a draft is a 404 to everyone
    without a role in it)."""
    promise = Promise.objects.select_related("area", "kommun").get_visible_or_404(
        request.user, slug
    )
    return evaluation_report.build(promise, request.user)


def report(request, slug):
    """Did it work? Each goal's outcomes against similar areas, the checks, the logic check
    and the evidence: public for a published promise."""
    built = _report(request, slug)
    promise = built.promise
    ctx = {
        "report": built,
        "promise": promise,
        "may_fix": promise.can_be_changed_by(request.user),
        "may_choose": ComparisonSelection(area=promise.area).can_be_changed_by(request.user),
    }
    return render(request, "evaluation/report.html", ctx)


def report_csv(request, slug):
    """Each goal's numbers, semicolon-separated as Swedish spreadsheets read them."""
    built = _report(request, slug)
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        evaluation_report.csv_rows(built)
    )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"utvardering-{built.promise.slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def report_pdf(request, slug):
    built = _report(request, slug)
    url = absolute_url(reverse("evaluation:report", args=[built.promise.slug]))
    response = HttpResponse(render_report_pdf(built, url), content_type="application/pdf")
    name = f"utvardering-{built.promise.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
