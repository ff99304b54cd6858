from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lofte.actors.models import Organisation
from lofte.promises.models import Commitment, Promise
from lofte.promises.pdf import render_promise_pdf


def _get_promise(request, slug, queryset=None):
    """Return the promise if this user may see it; 404 for drafts they have no rights in."""
    queryset = Promise.objects.select_related("area") if queryset is None else queryset
    return get_object_or_404(queryset.visible_to(request.user), slug=slug)


def detail(request, slug):
    promise = _get_promise(request, slug, Promise.objects.with_content())
    focus_areas = list(promise.focus_areas.all())
    actors = promise.actors_from_prefetch()

    chosen_area = request.GET.get("fokus", "")
    chosen_kind = request.GET.get("aktor", "")
    valid_areas = {fa.slug for fa in focus_areas}
    valid_kinds = {a.kind for a in actors}
    # An unknown filter value shows everything and says so, rather than an empty page.
    bad_filter = (chosen_area and chosen_area not in valid_areas) or (
        chosen_kind and chosen_kind not in valid_kinds
    )
    if bad_filter:
        chosen_area = chosen_kind = ""

    sections = []
    for fa in focus_areas:
        if chosen_area and fa.slug != chosen_area:
            continue
        commitments = [
            c
            for c in fa.commitments.all()
            if not chosen_kind or any(a.kind == chosen_kind for a in c.actors.all())
        ]
        sections.append((fa, commitments))

    events = promise.events.upcoming()[:3]
    kinds = [(k, label) for k, label in Organisation.Kind.choices if k in valid_kinds]
    ctx = {
        "promise": promise,
        "sections": sections,
        "actors": actors,
        "status_counts": promise.status_counts_from_prefetch(),
        "upcoming_events": events,
        "kinds": kinds,
        "chosen_area": chosen_area,
        "chosen_kind": chosen_kind,
        "bad_filter": bad_filter,
        "filtered": bool(chosen_area or chosen_kind),
        "shown_count": sum(len(cs) for _fa, cs in sections),
    }
    return render(request, "promises/detail.html", ctx)


def whole(request, slug):
    promise = _get_promise(request, slug, Promise.objects.with_content())
    ctx = {
        "promise": promise,
        "actors": promise.actors_from_prefetch(),
        "events": promise.events.order_by("starts_at"),
    }
    return render(request, "promises/whole.html", ctx)


def whole_pdf(request, slug):
    promise = _get_promise(request, slug, Promise.objects.with_content())
    events = list(promise.events.order_by("starts_at"))
    url = request.build_absolute_uri(promise.get_absolute_url())
    response = HttpResponse(render_promise_pdf(promise, events, url), content_type="application/pdf")
    filename = f"{slugify(_('medborgarlofte'))}-{promise.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_json(request, slug):
    promise = _get_promise(request, slug, Promise.objects.with_content())
    events = promise.events.order_by("starts_at")
    doc = promise.to_dict(events)
    doc["links"] = {
        "html": request.build_absolute_uri(promise.get_absolute_url()),
        "json": request.build_absolute_uri(reverse("promises:json", args=[promise.slug])),
        "pdf": request.build_absolute_uri(reverse("promises:whole_pdf", args=[promise.slug])),
        "ical": request.build_absolute_uri(reverse("events:ical", args=[promise.slug])),
    }
    response = JsonResponse(doc, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if promise.is_public:
        # Open data: any site may read a published promise.
        response["Access-Control-Allow-Origin"] = "*"
    return response


def contact(request, slug):
    promise = _get_promise(request, slug, Promise.objects.with_content())
    contacts = promise.public_contacts
    ctx = {
        "promise": promise,
        "press_contacts": [c for c in contacts if c.is_press_contact],
        "other_contacts": [c for c in contacts if not c.is_press_contact],
        "actors": promise.actors_from_prefetch(),
    }
    return render(request, "promises/contact.html", ctx)


def commitment(request, slug, pk):
    promise = _get_promise(request, slug)
    commitment = get_object_or_404(
        Commitment.objects.select_related("focus_area").prefetch_related(
            "actors", "goals", "measures"
        ),
        focus_area__promise=promise,
        pk=pk,
    )
    ctx = {"promise": promise, "commitment": commitment}
    return render(request, "promises/commitment.html", ctx)

