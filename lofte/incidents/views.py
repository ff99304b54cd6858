"""Local incident reporting: partners report from a phone, the kommun's coordinators and
analysts see the picture, residents see suppressed aggregates. Who may do what is decided by
`IncidentReport.objects` (models.py); these views only ask."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lofte.areas.models import Area
from lofte.incidents import summaries
from lofte.incidents.actions import (
    NameTaken,
    ReportChanged,
    correct_report,
    file_report,
    remove_report,
    save_checklist,
    save_place,
)
from lofte.incidents.charts import bar_chart
from lofte.incidents.forms import CategoryFormSet, PlaceForm, ReportForm
from lofte.incidents.models import CORRECTION_PERIOD, IncidentCategory, IncidentReport, Place
from lofte.incidents.summaries import Period
from lofte.kommuner.models import Kommun

reports_ = IncidentReport.objects


def _rights(request, kommun, needed=None):
    """Return the user's rights in the kommun; refuse (403) without the `needed` one."""
    rights = reports_.rights_in(request.user, kommun)
    if needed and needed not in rights:
        raise PermissionDenied
    return rights


def _report_form(request, kommun, report=None, **kwargs):
    """Return a ReportForm for the kommun's active places and categories (and the report's own,
    should they since have been retired)."""
    keep_place = Q(pk=report.place_id) if report and report.place_id else Q(pk__in=[])
    keep_category = Q(pk=report.category_id) if report else Q(pk__in=[])
    places = Place.objects.filter(kommun=kommun).filter(Q(is_active=True) | keep_place)
    categories = IncidentCategory.objects.filter(kommun=kommun).filter(
        Q(is_active=True) | keep_category
    )
    known_names = []
    if request.method == "POST":
        known_names = [*places.values_list("name", flat=True)]
        known_names += Area.objects.filter(kommun=kommun).values_list("name", flat=True)
    data = request.POST if request.method == "POST" else None
    return ReportForm(
        data, kommun=kommun, places=places, categories=categories, known_names=known_names, **kwargs
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request, kommun):
    kommun = get_object_or_404(Kommun, slug=kommun)
    rights = _rights(request, kommun, "report")
    IncidentCategory.ensure_checklist(kommun)  # the EST checklist on first use
    organisation = reports_.reporting_organisation(request.user, kommun)
    status = 200
    if request.method == "POST":
        form = _report_form(request, kommun)
        if form.is_valid():
            file_report(form.apply_to(IncidentReport(kommun=kommun)), request.user, organisation)
            messages.success(request, _("Thank you: the report is saved."))
            return redirect("incidents:report", kommun.slug)
        status = 400
    else:
        form = _report_form(request, kommun, initial=ReportForm.initial_now())
    ctx = {"kommun": kommun, "form": form, "organisation": organisation, "rights": rights}
    return render(request, "incidents/report.html", ctx, status=status)


@login_required
@require_GET
def reports(request, kommun):
    kommun = get_object_or_404(Kommun, slug=kommun)
    rights = _rights(request, kommun, "report")
    visible = (
        reports_.visible_to(request.user)
        .filter(kommun=kommun)
        .select_related("category", "place", "area", "organisation")
        .order_by("-created_at", "-pk")
    )
    # The week's (or quarter's) reports, from the summaries: the weekly picture in full.
    period = Period.parse(request.GET.get("period"))
    if period:
        visible = visible.in_period(period.start, period.end).order_by(
            "occurred_on", "time_of_day", "pk"
        )
    page = Paginator(visible, 50).get_page(request.GET.get("page"))
    editable = set(
        reports_.editable_by(request.user)
        .filter(pk__in=[r.pk for r in page.object_list])
        .values_list("pk", flat=True)
    )
    ctx = {
        "kommun": kommun,
        "page": page,
        "editable": editable,
        "rights": rights,
        "period": period,
        "correction_days": CORRECTION_PERIOD.days,
    }
    return render(request, "incidents/reports.html", ctx)


def _visible_report(request, kommun, pk):
    """Return the report if the user may see it: a 404 to everyone else."""
    return get_object_or_404(
        reports_.visible_to(request.user)
        .filter(kommun=kommun)
        .select_related("category", "place", "area", "organisation"),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, kommun, pk):
    kommun = get_object_or_404(Kommun, slug=kommun)
    report = _visible_report(request, kommun, pk)
    editable = report.is_correctable_by(request.user)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    status, conflict, form = 200, False, None
    if request.method == "POST":
        form = _report_form(request, kommun, report)
        if form.is_valid():
            try:
                correct_report(form.apply_to(report), form.cleaned_data["version"] or 0)
            except ReportChanged:
                conflict, status = True, 409
                report = _visible_report(request, kommun, pk)
                data = request.POST.copy()
                data["version"] = str(report.version)
                form = ReportForm(
                    data,
                    kommun=kommun,
                    places=form.fields["place"].queryset,
                    categories=form.fields["category"].queryset,
                    known_names=form.known_names,
                )
                form.is_valid()
            else:
                messages.success(request, _("The report is corrected."))
                return redirect("incidents:reports", kommun.slug)
        else:
            status = 400
    elif editable:
        form = _report_form(request, kommun, report, initial=ReportForm.initial_from(report))
    ctx = {
        "kommun": kommun,
        "report": report,
        "form": form,
        "conflict": conflict,
        "rights": reports_.rights_in(request.user, kommun),
    }
    return render(request, "incidents/edit.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request, kommun, pk):
    kommun = get_object_or_404(Kommun, slug=kommun)
    report = _visible_report(request, kommun, pk)
    if not report.is_correctable_by(request.user):
        raise PermissionDenied
    if request.method == "POST":
        remove_report(report)
        messages.success(request, _("The report is removed."))
        return redirect("incidents:reports", kommun.slug)
    return render(request, "incidents/remove.html", {"kommun": kommun, "report": report})


def _categories_for(kommun, reports):
    """The kommun's categories in use, and retired ones that have reports among `reports`."""
    return list(
        IncidentCategory.objects.filter(kommun=kommun).filter(
            Q(is_active=True) | Q(pk__in=reports.values("category_id"))
        )
    )


def _table_with_chart(table, chart_id, title, suppressed=None):
    shown = table.display(suppressed)
    items = [(label, total) for label, _cells, total in shown["rows"]]
    if len(table.columns) == 1:
        items = [(label, cells[0]) for label, cells, _total in shown["rows"]]
    return {
        "table": table,
        "shown": shown,
        "chart": bar_chart(items, chart_id, title),
        "id": chart_id,
        "title": title,
    }


@login_required
@require_GET
def overview(request, kommun):
    kommun = get_object_or_404(Kommun, slug=kommun)
    rights = _rights(request, kommun, "read_all")
    today = timezone.localdate()
    period = Period.parse(request.GET.get("period")) or Period.containing("quarter", today)
    everything = IncidentReport.objects.filter(kommun=kommun)
    reports = everything.in_period(period.start, period.end)
    categories = _categories_for(kommun, reports)
    ctx = {
        "kommun": kommun,
        "rights": rights,
        "period": period,
        "periods": {
            "previous": period.previous(),
            "next": period.next(),
            "kinds": [Period.containing(k, period.start) for k in ("week", "quarter", "year")],
        },
        "areas": _table_with_chart(
            summaries.by_area_and_category(reports, categories),
            "chart-areas",
            _("Reports per area"),
        ),
        "series": _table_with_chart(
            summaries.series(reports, period, categories),
            "chart-series",
            _("Reports per day") if period.kind == "week" else _("Reports per week"),
        ),
        "hot_places": summaries.hotspots(everything, period, by="place"),
        "hot_areas": summaries.hotspots(everything, period, by="area"),
        "patterns": [
            _table_with_chart(
                summaries.by_pattern(reports, pattern, categories, period),
                f"chart-{pattern}",
                title,
            )
            for pattern, title in (
                ("month", _("Reports per month")),
                ("weekday", _("Reports per weekday")),
                ("part_of_day", _("Reports per part of the day")),
                ("hour", _("Reports per hour (where the time is known)")),
            )
        ],
        "has_examples": reports.filter(is_example=True).exists(),
    }
    return render(request, "incidents/overview.html", ctx)


@require_GET
def public(request, kommun):
    """What residents see: counts per area and category and when incidents happen, per
    finished quarter, with small counts hidden.

    Only finished quarters, one at a time and never overlapping, so that no one can take one
    published number from another to find a single incident.
    """
    kommun = get_object_or_404(Kommun, slug=kommun)
    latest = Period.containing("quarter", timezone.localdate()).previous()
    period = latest
    if "period" in request.GET:
        period = Period.parse(request.GET["period"])
        if period is None or period.kind != "quarter" or period.start > latest.start:
            raise Http404
    everything = IncidentReport.objects.filter(kommun=kommun)
    first = everything.aggregate(first=Min("occurred_on"))["first"]
    quarters = []
    if first:
        quarter = latest
        while quarter.end > first and len(quarters) < 20:
            quarters.append(quarter)
            quarter = quarter.previous()
    reports = everything.in_period(period.start, period.end)
    categories = _categories_for(kommun, reports)
    threshold = settings.SUPPRESS_BELOW
    tables = summaries.public_tables(reports, categories, threshold, period)
    titles = {
        "areas": _("Reports per area"),
        "month": _("Reports per month"),
        "weekday": _("Reports per weekday"),
        "part_of_day": _("Reports per part of the day"),
    }
    shown = {
        name: _table_with_chart(table, f"chart-{name}", titles[name], suppressed)
        for name, (table, suppressed) in tables.items()
    }
    ctx = {
        "kommun": kommun,
        "period": period,
        "quarters": quarters,
        "threshold": threshold,
        "areas": shown["areas"],
        "patterns": [shown["month"], shown["weekday"], shown["part_of_day"]],
        "any_hidden": any(s.hidden for _t, s in tables.values()),
        "has_examples": reports.filter(is_example=True).exists(),
    }
    return render(request, "incidents/public.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def checklist(request, kommun):
    kommun = get_object_or_404(Kommun, slug=kommun)
    rights = _rights(request, kommun, "configure")
    IncidentCategory.ensure_checklist(kommun)
    queryset = IncidentCategory.objects.filter(kommun=kommun)
    status = 200
    if request.method == "POST":
        formset = CategoryFormSet(request.POST, queryset=queryset)
        if formset.is_valid():
            try:
                save_checklist(formset, kommun)
            except NameTaken:
                status = 409
                messages.error(request, _("Someone else saved the same name: try again."))
            else:
                messages.success(request, _("The checklist is saved."))
                return redirect("incidents:checklist", kommun.slug)
        else:
            status = 400
    else:
        formset = CategoryFormSet(queryset=queryset)
    ctx = {"kommun": kommun, "formset": formset, "rights": rights}
    return render(request, "incidents/checklist.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def places(request, kommun):
    kommun = get_object_or_404(Kommun, slug=kommun)
    rights = _rights(request, kommun, "configure")
    return _place_form(request, kommun, Place(kommun=kommun), rights)


@login_required
@require_http_methods(["GET", "POST"])
def place(request, kommun, pk):
    kommun = get_object_or_404(Kommun, slug=kommun)
    rights = _rights(request, kommun, "configure")
    return _place_form(request, kommun, get_object_or_404(Place, kommun=kommun, pk=pk), rights)


def _place_form(request, kommun, place, rights):
    status = 200
    if request.method == "POST":
        form = PlaceForm(request.POST, instance=place, kommun=kommun)
        if form.is_valid():
            try:
                save_place(form.save(commit=False))
            except NameTaken:
                form.add_error("name", _("The municipality already has a place by this name."))
                status = 409
            else:
                messages.success(request, _("The place is saved."))
                return redirect("incidents:places", kommun.slug)
        else:
            status = 400
    else:
        form = PlaceForm(instance=place, kommun=kommun)
    ctx = {
        "kommun": kommun,
        "form": form,
        "place": place,
        "places": Place.objects.filter(kommun=kommun).select_related("area"),
        "rights": rights,
    }
    return render(request, "incidents/places.html", ctx, status=status)
