from itertools import groupby

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from lofte.actors.models import Organisation
from lofte.promises.models import Commitment, Promise


def detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    commitments = (
        Commitment.objects.filter(
            actors=organisation,
            focus_area__promise__in=Promise.objects.visible_to(request.user),
        )
        .select_related("focus_area__promise")
        .prefetch_related("actors")
        .order_by(
            "-focus_area__promise__period_start",
            "focus_area__promise_id",
            "focus_area__order",
            "order",
            "pk",
        )
    )
    commitments = list(commitments)
    # An organisation in no promise this person may see is not theirs to look up.
    if not commitments:
        raise Http404("No visible commitments")
    for c in commitments:
        c.partners = [a for a in c.actors.all() if a.pk != organisation.pk]
    by_promise = [
        (promise, list(items))
        for promise, items in groupby(commitments, key=lambda c: c.focus_area.promise)
    ]
    ctx = {"organisation": organisation, "by_promise": by_promise}
    return render(request, "actors/detail.html", ctx)
