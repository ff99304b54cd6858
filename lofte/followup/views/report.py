"""Not built yet."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("Not built yet")


report_page = _todo
report_pdf = _todo
report_xlsx = _todo
