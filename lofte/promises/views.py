from itertools import groupby

from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lofte.actors.models import Organisation
from lofte.charts import status_bar
from lofte.history.models import Change
from lofte.promises import pages
from lofte.promises.models import Commitment, Membership, Promise, count_statuses
from lofte.promises.pdf import render_promise_pdf
from lofte.web import absolute_url


def detail(request, slug):
    promise = Promise.objects.with_content(commitment_parts=[]).get_visible_or_404(
        request.user, slug
    )
    # Their actors as with_content() gives them, `actor_list`, but one instance per
    # organisation: 10 ms less for the largest promise, whose 151 commitments name 8 actors in
    # 302 pairs.
    Commitment.fetch_parts(promise.commitments_from_prefetch(), measures=False)
    events = list(promise.events.upcoming()[:3])
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

    # The filters choose the commitments (by slug and kind, no text read yet), and every count
    # on the page is of those: the overview, each focus area's bar and the follow-up part.
    chosen = promise.sections_from_prefetch(chosen_area, chosen_kind)
    shown = [c for _fa, cs in chosen for c in cs]
    details = Promise.lists_details(shown, chosen_area)
    if details:
        # The measures each card follows up; the goals a commitment serves are on its own page.
        prefetch_related_objects(shown, "measures")
    # Then the apps above (translations first) have their say, before any text is read.
    added = pages.context(
        "detail", request, promise, commitments=shown, events=events, details=details
    )
    sections = [(fa, cs, _focus_area_chart(fa, cs)) for fa, cs in chosen]
    kinds = [(k, label) for k, label in Organisation.Kind.choices if k in valid_kinds]
    ctx = {
        "promise": promise,
        "sections": sections,
        "actors": actors,
        "status_counts": count_statuses(shown),
        "upcoming_events": events,
        "kinds": kinds,
        "chosen_area": chosen_area,
        "chosen_kind": chosen_kind,
        "chosen_area_name": next((fa.name for fa in focus_areas if fa.slug == chosen_area), ""),
        "chosen_kind_name": dict(Organisation.Kind.choices).get(chosen_kind, ""),
        "bad_filter": bad_filter,
        "filtered": bool(chosen_area or chosen_kind),
        "shown_count": len(shown),
        # Without details, each focus area links to itself with them.
        "brief": not details,
        **added,
    }
    return render(request, "promises/detail.html", ctx)


def _focus_area_chart(focus_area, commitments):
    """Return the status bar and its numbers of the focus area's commitments on the page."""
    counts = count_statuses(commitments)
    chart_id = f"fa-{focus_area.slug}-status"
    title = _("Status of the commitments in “%(focus_area)s”") % {"focus_area": focus_area.name}
    return {
        "id": chart_id,
        "title": title,
        "counts": counts,
        "total": sum(n for _s, _l, n in counts),
        "svg": status_bar(counts, chart_id, title) if counts else "",
    }


def whole(request, slug):
    promise = Promise.objects.with_content().get_visible_or_404(request.user, slug)
    events = list(promise.events.order_by("starts_at"))
    added = pages.context(
        "whole", request, promise, commitments=promise.commitments_from_prefetch(), events=events
    )
    ctx = {
        "promise": promise,
        "actors": promise.actors_from_prefetch(),
        "events": events,
        "page_url": absolute_url(request.get_full_path()),
        **added,
    }
    return render(request, "promises/whole.html", ctx)


def whole_pdf(request, slug):
    promise = Promise.objects.with_content().get_visible_or_404(request.user, slug)
    events = list(promise.events.order_by("starts_at"))
    # As the whole page: in the reader's language where translated.
    pages.context(
        "whole", request, promise, commitments=promise.commitments_from_prefetch(), events=events
    )
    url = absolute_url(promise.get_absolute_url())
    response = HttpResponse(
        render_promise_pdf(promise, events, url), content_type="application/pdf"
    )
    filename = f"{slugify(_('medborgarlofte'))}-{promise.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def as_json(request, slug):
    promise = Promise.objects.with_content().get_visible_or_404(request.user, slug)
    events = list(promise.events.order_by("starts_at"))
    pages.context(
        "json", request, promise, commitments=promise.commitments_from_prefetch(), events=events
    )
    doc = promise.to_dict(events)
    doc["links"] = {
        "html": absolute_url(promise.get_absolute_url()),
        "json": absolute_url(reverse("promises:json", args=[promise.slug])),
        "pdf": absolute_url(reverse("promises:whole_pdf", args=[promise.slug])),
        "ical": absolute_url(reverse("events:ical", args=[promise.slug])),
    }
    response = JsonResponse(doc, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if promise.is_public:
        # Open data: any site may read a published promise.
        response["Access-Control-Allow-Origin"] = "*"
    return response


def contact(request, slug):
    promise = Promise.objects.with_content().get_visible_or_404(request.user, slug)
    added = pages.context("contact", request, promise)
    contacts = promise.public_contacts
    ctx = {
        **added,
        "promise": promise,
        "press_contacts": [c for c in contacts if c.is_press_contact],
        "other_contacts": [c for c in contacts if not c.is_press_contact],
        "actors": promise.actors_from_prefetch(),
    }
    return render(request, "promises/contact.html", ctx)


def commitment(request, slug, pk):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    commitment = get_object_or_404(
        Commitment.objects.select_related("focus_area__promise").prefetch_related(
            "actors", "goals", "measures"
        ),
        focus_area__promise=promise,
        pk=pk,
    )
    ctx = {
        "promise": promise,
        "commitment": commitment,
        **pages.context("commitment", request, promise, commitment=commitment),
        "history": _public_history(promise, commitment),
    }
    return render(request, "promises/commitment.html", ctx)


def _public_history(promise, commitment):
    """Return the commitment's public changes, each said by whom as an organisation or role.

    Residents see which actor or role changed something, never the person's name.
    """
    changes = list(Change.objects.public().of(commitment))
    users = {c.user_id for c in changes if c.user_id}
    roles = {}
    editors = Membership.objects.editors().filter(promise=promise, user_id__in=users)
    for m in editors.select_related("organisation"):
        # An editor speaks for their organisation; that says more than "coordinator".
        roles[m.user_id] = m.organisation.name
    for user_id, held in promise.roles_by_user(users).items():
        if Membership.Role.COORDINATOR in held:  # also through the promise's kommun
            roles.setdefault(user_id, _("the promise's coordinators"))
    return [
        {
            "at": change.at,
            "who": roles.get(change.user_id, ""),
            "action": change.action,
            "lines": change.field_changes(),
        }
        for change in changes
    ]


def actor(request, slug):
    """An actor's page: its commitments in every promise this person may see."""
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
    return render(request, "promises/actor.html", ctx)
