"""The API's human pages (documentation, a person's tokens) and the open-data files."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lofte.api import dcat, opendata
from lofte.api.forms import TokenForm
from lofte.api.models import ApiToken
from lofte.promises.models import Promise


def docs(request):
    """How to use the API and the open data: the schema, the endpoints, tokens, the licence."""
    from lofte.api.api import api

    schema = api.get_openapi_schema()
    operations = [
        (method.upper(), "/api/v1" + path, op.get("summary", ""), op.get("description", ""))
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    ctx = {
        "operations": operations,
        "promises": Promise.objects.public().order_by("title").only("slug", "title"),
    }
    return render(request, "api/docs.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """A person's API tokens: make one (shown once), see when each was last used, revoke."""
    new_secret = None
    status = 200
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _token, new_secret = ApiToken.create_for(request.user, form.cleaned_data["name"])
            form = TokenForm()
            status = 201
        else:
            status = 400
    else:
        form = TokenForm()
    ctx = {
        "form": form,
        "new_secret": new_secret,
        "tokens": request.user.api_tokens.all(),
    }
    return render(request, "api/tokens.html", ctx, status=status)


@login_required
@require_POST
def revoke_token(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.revoke()
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("api:tokens")


def _package(slug):
    promise = get_object_or_404(
        Promise.objects.public().select_related("kommun", "area", "previous"), slug=slug
    )
    return promise, opendata.build(promise)


@require_http_methods(["GET", "HEAD"])
def package_zip(request, slug):
    promise, tables = _package(slug)
    response = HttpResponse(opendata.zip_bytes(promise, tables), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="lofte-{promise.slug}.zip"'
    return response


@require_http_methods(["GET", "HEAD"])
def package_json(request, slug):
    promise, tables = _package(slug)
    return JsonResponse(
        opendata.descriptor(promise, tables),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


@require_http_methods(["GET", "HEAD"])
def package_csv(request, slug, resource):
    promise, tables = _package(slug)
    table = next((t for t in tables if t.name == resource.replace("-", "_")), None)
    if table is None:
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return HttpResponse(opendata.csv_bytes(table), content_type="text/csv; charset=utf-8")


@require_http_methods(["GET", "HEAD"])
def catalogue(request, fmt):
    graph = dcat.catalogue_graph()
    content_type = "text/turtle" if fmt == "turtle" else "application/rdf+xml"
    return HttpResponse(graph.serialize(format=fmt), content_type=f"{content_type}; charset=utf-8")


def api_not_found(request):
    return HttpResponse(
        json.dumps({"detail": _("Not found."), "errors": {}}),
        status=404,
        content_type="application/json",
    )
