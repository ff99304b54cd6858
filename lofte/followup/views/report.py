"""The follow-up report: a page, a PDF and a spreadsheet with the same content."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lofte.followup.report import build_report
from lofte.followup.report_pdf import render_report_pdf
from lofte.followup.report_xlsx import render_report_xlsx
from lofte.promises import pages
from lofte.promises.models import Promise
from lofte.web import absolute_url

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request, slug):
    """Return the report this user may see, for ?period=<id> or the whole promise."""
    promise = Promise.objects.with_content().get_visible_or_404(request.user, slug)
    period = None
    chosen = request.GET.get("period", "")
    if chosen:
        if not (chosen.isascii() and chosen.isdecimal()):
            raise Http404("No such period")
        period = get_object_or_404(promise.periods, pk=int(chosen))
    return build_report(promise, period)


def _filename(report, extension):
    name = f"{slugify(_('follow-up report'))}-{report.promise.slug}"
    if report.period:
        name += f"-{slugify(report.period.name)}"
    return f"{name}.{extension}"


def report_page(request, slug):
    report = _report(request, slug)
    query = f"?period={report.period.pk}" if report.period else ""
    ctx = {
        "report": report,
        "promise": report.promise,
        "query": query,
        "page_url": absolute_url(request.get_full_path()),
        # What the apps above add (events: the records of the period's events; evaluation:
        # the logic check).
        **pages.context("report", request, report.promise, period=report.period),
    }
    return render(request, "followup/report.html", ctx)


def _sections(request, report):
    """What the apps above add to the report (the page's "end" parts), as the PDF and the
    spreadsheet show it: from the same hooks, so the files say what the page says."""
    added = pages.context("report", request, report.promise, period=report.period)
    return added.get("sections", [])


def report_pdf(request, slug):
    report = _report(request, slug)
    url = absolute_url(request.get_full_path())
    pdf = render_report_pdf(report, url, _sections(request, report))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "pdf")}"'
    return response


def report_xlsx(request, slug):
    report = _report(request, slug)
    url = absolute_url(request.get_full_path())
    xlsx = render_report_xlsx(report, url, _sections(request, report))
    response = HttpResponse(xlsx, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "xlsx")}"'
    return response
