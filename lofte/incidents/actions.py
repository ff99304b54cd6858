"""Writes of local incident reporting: each one atomic."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lofte.incidents.models import IncidentReport


class ReportChanged(Exception):
    """Someone else corrected or removed the report since this person opened it."""

    message = _(
        "Someone else changed this report while you were correcting it. Your changes are not "
        "saved: they are still in the form below. Look at the report again, then save."
    )


class NameTaken(Exception):
    """Another coordinator saved the same name at the same moment."""


REPORT_FIELDS = [
    "category",
    "occurred_on",
    "time_of_day",
    "part_of_day",
    "place",
    "latitude",
    "longitude",
    "area",
    "text",
]


@transaction.atomic
def file_report(report, user, organisation):
    """Save a new report by the user for the organisation (None: the kommun's own staff)."""
    report.reporter = user
    report.organisation = organisation
    report.created_at = timezone.now()
    report.resolve_area()
    report.save()
    return report


@transaction.atomic
def correct_report(report, expected_version):
    """Save the corrected fields of a report if nobody changed it since `expected_version`."""
    report.resolve_area()
    updated = IncidentReport.objects.filter(pk=report.pk, version=expected_version).update(
        **{name: getattr(report, name) for name in REPORT_FIELDS},
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise ReportChanged
    report.version = expected_version + 1
    return report


@transaction.atomic
def remove_report(report):
    IncidentReport.objects.filter(pk=report.pk).delete()


@transaction.atomic
def save_place(place):
    """Save a place; its reports count for its (new) area from now on."""
    try:
        with transaction.atomic():
            place.save()
    except IntegrityError as error:
        raise NameTaken from error
    IncidentReport.objects.filter(place=place).update(area=place.resolved_area())
    return place


@transaction.atomic
def save_checklist(formset, kommun):
    """Save the checklist's categories; new ones join the kommun's list."""
    try:
        with transaction.atomic():
            for form in formset.forms:
                if not form.has_changed() or not form.cleaned_data.get("name"):
                    continue
                category = form.save(commit=False)
                category.kommun = kommun
                category.save()
    except IntegrityError as error:
        raise NameTaken from error


@transaction.atomic
def assign_areas(reports):
    """Resolve the area of reports that have none (points, once geometry can tell)."""
    changed = 0
    for report in reports.filter(area__isnull=True).select_related("place", "kommun"):
        report.resolve_area()
        if report.area_id:
            IncidentReport.objects.filter(pk=report.pk).update(area=report.area)
            changed += 1
    return changed
