"""Read endpoints: only what residents see, every list paginated, each a fixed number of
queries whatever its size."""

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import Path, Query, Router

from lofte.actors.models import Organisation
from lofte.api import schemas
from lofte.api.schemas import MAX_ID, MAX_LIMIT, MAX_OFFSET, SLUG_PATTERN
from lofte.events.models import Event
from lofte.followup.models import Update
from lofte.kommuner.models import Kommun
from lofte.promises.models import PUBLIC_STATUSES, Commitment, Promise
from lofte.web import absolute_url

router = Router()
NOT_FOUND = {404: schemas.Error, 400: schemas.Error, 429: schemas.Error}


def page_url(name, *args):
    """Return the absolute address of a public page, in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, args=args))


def api_url(name, *args):
    return absolute_url(reverse(f"api_v1:{name}", args=args))


def paginate(request, queryset, limit, offset, to_item):
    """Return one page of `queryset` as the API's page shape: a count query and one for the
    rows (plus the queryset's own prefetches)."""
    count = queryset.count()
    items = [to_item(row) for row in queryset[offset : offset + limit]]

    def link(at):
        query = request.GET.copy()
        query["offset"], query["limit"] = str(at), str(limit)
        return absolute_url(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
        "items": items,
    }


Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}.")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")
Slug = Path(..., pattern=SLUG_PATTERN)
Id = Path(..., ge=1, le=MAX_ID)


def public_promise(slug):
    return get_object_or_404(Promise.objects.public(), slug=slug)


# Kommuner


@router.get("/kommuner", response={200: schemas.KommunPage, **NOT_FOUND}, tags=["kommuner"])
def kommuner(request, limit: int = Limit, offset: int = Offset):
    """Sweden's kommuner with SCB's codes: the owners of promises."""
    return paginate(request, Kommun.objects.order_by("code"), limit, offset, Kommun.to_dict)


@router.get("/kommuner/{code}", response={200: schemas.Kommun, **NOT_FOUND}, tags=["kommuner"])
def kommun(request, code: str = Path(..., pattern=r"^[0-9]{4}$")):
    return get_object_or_404(Kommun, code=code).to_dict()


# Promises


def promise_links(promise):
    return {
        "page": page_url("promises:detail", promise.slug),
        "api": api_url("promise", promise.slug),
        "data_package": absolute_url(reverse("opendata:package_zip", args=[promise.slug])),
    }


def promise_summary(promise):
    return {
        "slug": promise.slug,
        "title": promise.title,
        "status": promise.status,
        "kommun": promise.kommun.to_dict() if promise.kommun_id else None,
        "area": promise.area.to_dict(),
        "period_start": promise.period_start,
        "period_end": promise.period_end,
        "summary": promise.summary,
        "updated_at": promise.updated_at,
        "links": promise_links(promise),
    }


@router.get("/promises", response={200: schemas.PromisePage, **NOT_FOUND}, tags=["promises"])
def promises(
    request,
    kommun: str | None = Query(None, pattern=r"^[0-9]{4}$", description="A kommun's code."),
    limit: int = Limit,
    offset: int = Offset,
):
    """Published and archived promises, newest first."""
    queryset = Promise.objects.public().select_related("kommun", "area")
    if kommun:
        queryset = queryset.filter(kommun__code=kommun)
    return paginate(request, queryset, limit, offset, promise_summary)


@router.get(
    "/promises/{slug}",
    response={200: schemas.Promise, **NOT_FOUND},
    tags=["promises"],
    url_name="promise",
)
def promise(request, slug: str = Slug):
    """One promise: its goals, focus areas, actors and reporting periods."""
    found = get_object_or_404(
        Promise.objects.public()
        .select_related("kommun", "area", "previous")
        .prefetch_related("goals", "focus_areas", "periods"),
        slug=slug,
    )
    previous = found.previous
    return {
        **promise_summary(found),
        "background": found.background,
        "follows": previous.slug if previous and previous.is_public else None,
        "goals": [g.to_dict() for g in found.goals.all()],
        "focus_areas": [
            {"slug": fa.slug, "name": fa.name, "why": fa.why} for fa in found.focus_areas.all()
        ],
        "actors": list(found.actors().order_by("slug").values_list("slug", flat=True)),
        "periods": [period_dict(p) for p in found.periods.all()],
    }


def period_dict(period):
    return {
        "id": period.pk,
        "name": period.name,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "due_on": period.due_on,
    }


# Actors


def actor_dict(organisation):
    return {**organisation.to_dict(), "url": page_url("actors:detail", organisation.slug)}


def public_actors():
    """Organisations with a commitment in a public promise: the actors residents can see."""
    acting = Commitment.objects.filter(focus_area__promise__status__in=PUBLIC_STATUSES)
    return Organisation.objects.filter(pk__in=acting.values("actors")).order_by("name", "pk")


@router.get("/actors", response={200: schemas.ActorPage, **NOT_FOUND}, tags=["actors"])
def actors(request, limit: int = Limit, offset: int = Offset):
    """The organisations with a commitment in a public promise."""
    return paginate(request, public_actors(), limit, offset, actor_dict)


@router.get("/actors/{slug}", response={200: schemas.Actor, **NOT_FOUND}, tags=["actors"])
def actor(request, slug: str = Slug):
    return actor_dict(get_object_or_404(public_actors(), slug=slug))


# Commitments and their measures


def public_commitments():
    return (
        Commitment.objects.filter(focus_area__promise__status__in=PUBLIC_STATUSES)
        .select_related("focus_area__promise")
        .prefetch_related(
            Prefetch(
                "actors", queryset=Organisation.objects.order_by("slug"), to_attr="actor_list"
            ),
            "goals",
            "measures",
        )
        .order_by("focus_area__promise__slug", "focus_area__order", "order", "pk")
    )


def commitment_dict(commitment):
    promise = commitment.focus_area.promise
    return {
        **commitment.to_dict(),
        "promise": promise.slug,
        "focus_area": commitment.focus_area.slug,
        "url": page_url("promises:commitment", promise.slug, commitment.pk),
    }


@router.get(
    "/promises/{slug}/commitments",
    response={200: schemas.CommitmentPage, **NOT_FOUND},
    tags=["commitments"],
)
def promise_commitments(request, slug: str = Slug, limit: int = Limit, offset: int = Offset):
    """A promise's commitments with their actors, goals and measures."""
    found = public_promise(slug)
    queryset = public_commitments().filter(focus_area__promise=found)
    return paginate(request, queryset, limit, offset, commitment_dict)


@router.get(
    "/commitments/{commitment_id}",
    response={200: schemas.Commitment, **NOT_FOUND},
    tags=["commitments"],
)
def commitment(request, commitment_id: int = Id):
    return commitment_dict(get_object_or_404(public_commitments(), pk=commitment_id))


# Published updates


def update_dict(update):
    file_url = None
    if update.evidence_file:
        file_url = page_url("followup:evidence", update.promise_slug, update.pk)
    return {
        "id": update.pk,
        "commitment": update.commitment_id,
        "period": update.period_id,
        "period_name": update.period.name,
        "status": update.status,
        "text": update.text,
        "evidence_url": update.evidence_url,
        "evidence_file": file_url,
        "approved_at": update.reviewed_at,
        "values": [{"measure": v.measure_id, "value": v.value} for v in update.values.all()],
    }


@router.get(
    "/promises/{slug}/updates",
    response={200: schemas.UpdatePage, **NOT_FOUND},
    tags=["updates"],
)
def promise_updates(
    request,
    slug: str = Slug,
    commitment: int | None = Query(None, ge=1, le=MAX_ID, description="One commitment's."),
    limit: int = Limit,
    offset: int = Offset,
):
    """Published updates: approved by a coordinator and marked publishable, oldest first."""
    found = public_promise(slug)
    queryset = (
        Update.objects.published()
        .filter(commitment__focus_area__promise=found)
        .select_related("period")
        .prefetch_related("values")
        .order_by("period__starts_on", "commitment__focus_area__order", "commitment__order", "pk")
    )
    if commitment:
        queryset = queryset.filter(commitment=commitment)

    def to_item(update):
        update.promise_slug = found.slug
        return update_dict(update)

    return paginate(request, queryset, limit, offset, to_item)


# Events


def event_dict(event):
    return {
        **event.to_dict(),
        "promise": event.promise.slug,
        "url": page_url("events:detail", event.promise.slug, event.pk),
    }


@router.get(
    "/promises/{slug}/events", response={200: schemas.EventPage, **NOT_FOUND}, tags=["events"]
)
def promise_events(request, slug: str = Slug, limit: int = Limit, offset: int = Offset):
    """A promise's events, in the order they take place."""
    found = public_promise(slug)
    queryset = (
        Event.objects.filter(promise=found).select_related("promise").order_by("starts_at", "pk")
    )
    return paginate(request, queryset, limit, offset, event_dict)
