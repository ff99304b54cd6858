"""Events for a promise's coordinators: the record of what happened at an event.

For those who may change the promise (`Promise.can_be_changed_by`: its coordinators, its
kommun's coordinators and superusers): a draft is a 404 to everyone else, as on every page of
a promise, and a published promise's record form a 403. Coordinators see how many registered,
never who.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from lofte.events.actions import save_record
from lofte.events.forms import RecordForm
from lofte.promises.models import Promise


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def record(request, slug, pk):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    if not promise.can_be_changed_by(request.user):
        raise PermissionDenied
    event = get_object_or_404(promise.events.select_related("record"), pk=pk)
    existing = getattr(event, "record", None)
    started = event.starts_at <= timezone.now()
    form = RecordForm(request.POST if request.method == "POST" else None, instance=existing)
    status = 200
    if request.method == "POST":
        if not started:
            status = 409
        elif form.is_valid():
            save_record(event, **form.cleaned_data)
            return redirect(event)
        else:
            status = 400
    ctx = {
        "promise": promise,
        "event": event,
        "form": form,
        "started": started,
        "counts": event.registration_counts() if event.registration else None,
    }
    return render(request, "events/record.html", ctx, status=status)
