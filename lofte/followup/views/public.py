"""Not built yet."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("Not built yet")


confirm = _todo
feed = _todo
subscribe = _todo
timeline = _todo
unsubscribe = _todo
