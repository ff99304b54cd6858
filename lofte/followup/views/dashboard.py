"""Not built yet."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("Not built yet")


dashboard = _todo
periods = _todo
remind = _todo
