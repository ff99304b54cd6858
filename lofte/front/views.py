from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache

from lofte import languages
from lofte.indicators.access import importable_kommuner
from lofte.promises.models import Membership, Promise


def home(request):
    promises = Promise.objects.public().select_related("kommun", "area")
    return render(request, "front/home.html", {"promises": promises})


def choose_language(request, code):
    """The language switch: remember the reader's language and show `next` in it.

    A link, so it works without JavaScript; it changes nothing but the reader's own cookie.
    """
    if code not in languages.codes():
        raise Http404("No such language")
    next_url = languages.safe_next(request, request.GET.get("next"))
    with translation.override(translation.get_language_from_path(next_url) or "sv"):
        target = translate_url(next_url, code)
    response = redirect(target)
    languages.remember(response, code, request)
    patch_cache_control(response, private=True, no_store=True)
    return response


@never_cache
def healthz(request):
    """Answer 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("OK", content_type="text/plain")


@login_required
def account(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("promise", "organisation")
        .order_by("promise__title", "role")
    )
    kommun_memberships = list(
        request.user.kommun_memberships.select_related("kommun", "organisation").order_by(
            "kommun__name", "role"
        )
    )
    # The promises a kommun role works on (Promise.KOMMUN_ROLES), by kommun.
    promises = {}
    working = [m.kommun_id for m in kommun_memberships if m.role in Promise.KOMMUN_ROLES]
    for promise in Promise.objects.filter(kommun__in=working).order_by("-period_start", "title"):
        promises.setdefault(promise.kommun_id, []).append(promise)
    for m in kommun_memberships:
        m.promises = promises.get(m.kommun_id, []) if m.role in Promise.KOMMUN_ROLES else []
    ctx = {
        "memberships": memberships,
        "kommun_memberships": kommun_memberships,
        "can_import_indicators": importable_kommuner(request.user).exists(),
    }
    return render(request, "front/account.html", ctx)
