"""The background work about a promise, for its coordinators: queued, running, done, failed
with the reason, and a button that tries a failed job again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lofte.background import jobs
from lofte.background.models import Job
from lofte.followup.access import coordinated_promise

SHOWN = 100


@login_required
def background(request, slug):
    promise = coordinated_promise(request, slug)
    work = list(Job.objects.concerning(promise).select_related("created_by")[:SHOWN])
    return render(request, "followup/background.html", {"promise": promise, "jobs": work})


@login_required
@require_POST
def retry(request, slug, pk):
    promise = coordinated_promise(request, slug)
    job = get_object_or_404(Job.objects.concerning(promise), pk=pk)
    if jobs.retry(job, request.user):
        messages.success(request, _("The work is queued again."))
    else:
        messages.info(request, _("Only failed work can be tried again."))
    return redirect("followup:background", promise.slug)
