"""Not built yet."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404("Not built yet")


edit_update = _todo
evidence = _todo
history = _todo
my_commitments = _todo
review = _todo
review_list = _todo
