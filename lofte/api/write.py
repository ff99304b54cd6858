"""Reporting from an actor's own systems: token-authenticated, through follow-up's own form
(`UpdateForm`), rule (`ReportingTarget`) and action (`save_update`), so the API can do
nothing the reporting form cannot: the same rights, text limits, checks and conflicts."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from lofte.actors.models import Organisation
from lofte.api import schemas
from lofte.api.api_auth import SharedLimit, TokenAuth
from lofte.api.read import Id, Limit, Offset, Slug, paginate
from lofte.api.schemas import SLUG_PATTERN
from lofte.followup.forms import UpdateForm
from lofte.followup.models import Update
from lofte.followup.reportable import ReportingTarget
from lofte.history.versioned import EditConflict
from lofte.promises.models import Commitment, Promise

router = Router(auth=TokenAuth(), throttle=SharedLimit("api-write", "API_WRITES_PER_MINUTE"))
ERRORS = {
    400: schemas.Error,
    401: schemas.Error,
    403: schemas.Error,
    404: schemas.Error,
    429: schemas.Error,
}


def reportable_dict(commitment):
    return {
        "id": commitment.pk,
        "promise": commitment.focus_area.promise.slug,
        "title": commitment.title,
        "status": commitment.status,
        "actors": [a.slug for a in commitment.actors.all()],
        "measures": [m.to_dict() for m in commitment.measures.all()],
    }


@router.get(
    "/commitments",
    response={200: schemas.ReportableCommitmentPage, **ERRORS},
    tags=["reporting"],
)
def my_commitments(
    request,
    promise: str | None = Query(None, pattern=SLUG_PATTERN, description="A promise's slug."),
    limit: int = Limit,
    offset: int = Offset,
):
    """The commitments the token's owner may report on, with their measures."""
    queryset = (
        Commitment.objects.reportable_by(request.user)
        .filter(focus_area__promise__in=Promise.objects.visible_to(request.user))
        .select_related("focus_area__promise")
        .prefetch_related(
            Prefetch("actors", queryset=Organisation.objects.order_by("slug")), "measures"
        )
        .order_by("focus_area__promise__slug", "focus_area__order", "order", "pk")
    )
    if promise:
        queryset = queryset.filter(focus_area__promise__slug=promise)
    return paginate(request, queryset, limit, offset, reportable_dict)


def own_update(target, update=None):
    """Return the person's view of the update on the target: drafts and comments included."""
    update = update if update is not None else target.update
    if update is None or update.pk is None:
        return {
            "commitment": target.commitment.pk,
            "period": target.period.pk,
            "exists": False,
            "version": 0,
            "state": None,
            "status": "",
            "text": "",
            "evidence_url": "",
            "is_publishable": True,
            "review_comment": "",
            "editable": True,
            "values": [],
        }
    read_only = update.state == Update.State.APPROVED and not target.is_coordinator
    return {
        "commitment": update.commitment_id,
        "period": update.period_id,
        "exists": True,
        "version": update.version,
        "state": update.state,
        "status": update.status,
        "text": update.text,
        "evidence_url": update.evidence_url,
        "is_publishable": update.is_publishable,
        "review_comment": update.review_comment,
        "editable": not read_only,
        "values": [
            {"measure": v.measure_id, "value": v.value}
            for v in update.values.order_by("measure_id")
        ],
    }


def find_target(request, slug, period_id, commitment_id):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    return ReportingTarget.find(request.user, promise, period_id, commitment_id)


UPDATE_PATH = "/promises/{slug}/periods/{period_id}/commitments/{commitment_id}"


@router.get(UPDATE_PATH, response={200: schemas.OwnUpdate, **ERRORS}, tags=["reporting"])
def get_update(request, slug: str = Slug, period_id: int = Id, commitment_id: int = Id):
    """The update on a commitment for a period, as its reporter sees it, with its version."""
    return own_update(find_target(request, slug, period_id, commitment_id))


def _has_lone_surrogate(payload):
    texts = [payload.status, payload.text, payload.evidence_url]
    try:
        for text in texts:
            text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@router.put(
    UPDATE_PATH,
    response={200: schemas.OwnUpdate, 409: schemas.Conflict, **ERRORS},
    tags=["reporting"],
)
def put_update(
    request,
    payload: schemas.UpdateIn,
    slug: str = Slug,
    period_id: int = Id,
    commitment_id: int = Id,
):
    """Save the update as a draft, or submit it for approval (`submit`), as the reporting form
    does: the same checks, limits and rights. Send the `version` you read: if someone saved
    the update since, nothing is saved and the answer is 409 with the current update."""
    target = find_target(request, slug, period_id, commitment_id)
    if target.read_only:
        raise PermissionDenied(_("An approved update can only be changed by a coordinator."))
    if _has_lone_surrogate(payload):
        return Status(400, {"detail": _("The text is not valid Unicode."), "errors": {}})
    measures = list(target.commitment.measures.all())
    known = {m.pk for m in measures}
    errors = {}
    data = {
        "version": str(payload.version),
        "status": payload.status,
        "text": payload.text,
        "evidence_url": payload.evidence_url,
        "is_publishable": payload.is_publishable,
        "action": UpdateForm.SUBMIT if payload.submit else UpdateForm.SAVE,
    }
    for value in payload.values:
        key = f"measure_{value.measure}"
        if value.measure not in known:
            errors.setdefault("values", []).append(
                _("%(id)s is not a measure of this commitment.") % {"id": value.measure}
            )
        elif key in data:
            errors.setdefault("values", []).append(
                _("The measure %(id)s is given twice.") % {"id": value.measure}
            )
        else:
            data[key] = "" if value.value is None else format(value.value, "f")
    form = UpdateForm(data, measures=measures, update=target.update)
    if not form.is_valid() or errors:
        for field, messages in form.errors.items():
            name = field
            if field.startswith("measure_"):
                name = "values." + field.removeprefix("measure_")
            errors.setdefault(name, []).extend(messages)
        return Status(
            400, {"detail": _("The update is not saved: correct the errors."), "errors": errors}
        )
    try:
        saved = target.save(form, request.user)
    except EditConflict as conflict:
        current = Update.objects.get(pk=conflict.current.pk)
        return Status(
            409,
            {
                "detail": str(EditConflict.message),
                "errors": {},
                "current": own_update(target, current),
            },
        )
    return Status(200, own_update(target, saved))
