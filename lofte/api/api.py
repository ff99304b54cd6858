"""The versioned API at /api/v1/: django-ninja, its schema at /api/v1/openapi.json.

Reads (`read.py`) are open to everyone and show only what residents see; writes (`write.py`)
need a person's API token (`models.ApiToken`) and go through follow-up's own form and action.
Every answer is JSON, errors included: `{"detail": ..., "errors": {field: [...]}}`.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from lofte.api.api_auth import SharedLimit

DESCRIPTION = """\
Open data of Löfte's medborgarlöften: kommuner, promises, actors, commitments, their measures,
published follow-up updates and events. Only what is public: published promises, updates that
a coordinator approved and that may be published. The data is under CC0 1.0.

Lists are paginated with `limit` (at most 100) and `offset`. Reporting (`/reporting/…`) needs an
API token made on your account page, sent as `Authorization: Bearer <token>`; it reports with
the rights of its owner, under the same rules as the reporting form.
"""


api = NinjaAPI(
    title="Löfte API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    openapi_url="/openapi.json",
    docs_url=None,  # Swagger UI would load scripts from a CDN: the human page is ours (views.docs)
    throttle=SharedLimit("api-read", "API_READS_PER_MINUTE"),
)


def error(request, detail, status, errors=None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


@api.exception_handler(ValidationError)
def invalid_input(request, exc):
    """Say per field what is wrong, in the same shape as a form's errors."""
    errors = {}
    for problem in exc.errors:
        where = [str(part) for part in problem.get("loc", ()) if part not in ("body", "payload")]
        errors.setdefault(".".join(where) or "__all__", []).append(problem.get("msg", ""))
    return error(request, _("The request is not valid."), 400, errors)


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, _("Not found."), 404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return error(request, str(exc) or _("You may not do this."), 403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = error(request, _("Send a valid API token: Authorization: Bearer <token>."), 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Throttled)
def throttled(request, exc):
    return error(request, _("Too many requests. Wait a minute and try again."), 429)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return error(request, str(exc), exc.status_code)


from lofte.api import read, write  # noqa: E402  (they register their routes on `api`)

api.add_router("", read.router)
api.add_router("/reporting", write.router)
