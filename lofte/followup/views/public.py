"""Follow-up as residents see it: the timeline, the Atom feed and e-mail subscriptions.

Only published updates (`Update.objects.published()`) ever reach these pages. Subscriptions
are double opt-in: nothing is sent to an address until its owner confirms it.
A form that sends e-mail to any address is rate-limited: one confirmation per address and
promise per ten minutes (in the shared cache), and a few subscription requests per client
address (`lofte.ratelimit`, counted across every worker).
"""

import hashlib
import secrets
import smtplib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lofte import ratelimit
from lofte.followup.feeds import UpdatesFeed
from lofte.followup.models import Subscription, Update
from lofte.forms import model_limit
from lofte.promises import pages
from lofte.promises.models import Promise
from lofte.web import absolute_url

UPDATES_PER_PAGE = 20


def timeline(request, slug):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    updates = (
        Update.objects.published()
        .filter(commitment__focus_area__promise=promise)
        .select_related("period", "commitment__focus_area")
        .prefetch_related("commitment__actors")
        # Grouped by period, the newest period first; in a period the newest approval first.
        .order_by("-period__starts_on", "-reviewed_at", "-pk")
    )
    page = Paginator(updates, UPDATES_PER_PAGE).get_page(request.GET.get("sida"))
    shown = list(page.object_list)
    # In the reader's language: the promise's title, the updates and their commitments.
    pages.localise([promise, *shown, *(u.commitment for u in shown), *(u.period for u in shown)])
    ctx = {"promise": promise, "page": page, "updates": shown}
    return render(request, "followup/timeline.html", ctx)


feed = UpdatesFeed()


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=model_limit(Subscription, "email")
    )


RATE_WINDOW = 10 * 60  # seconds
REQUESTS_PER_IP = 5
CACHE_PREFIX = "subscribe:"


@require_http_methods(["GET", "POST"])
def subscribe(request, slug):
    promise = Promise.objects.select_related("area").get_visible_or_404(request.user, slug)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if ratelimit.hit("subscribe", ratelimit.client_key(request), RATE_WINDOW) > REQUESTS_PER_IP:
            return render(
                request, "followup/_progress_rate_limited.html", {"promise": promise}, status=429
            )
        if form.is_valid():
            email = form.cleaned_data["email"].lower()
            # One confirmation per address and promise per window: asking again changes
            # nothing, so the link in the mail already sent keeps working.
            mailed_key = _mailed_key(promise, email)
            if not cache.get(mailed_key):
                try:
                    with transaction.atomic():
                        _send_confirmation(_subscribe(promise, email))
                except (smtplib.SMTPException, OSError):
                    # Rolled back: no token was saved that no e-mail carries.
                    form.add_error(
                        "email",
                        _(
                            "We could not send the e-mail just now. Nothing was saved. "
                            "Please try again in a little while."
                        ),
                    )
                    ctx = {"promise": promise, "form": form}
                    return render(request, "followup/subscribe.html", ctx)
                cache.set(mailed_key, True, RATE_WINDOW)
            # The same answer whether or not the address was already subscribed or mailed:
            # the page must not tell anyone who follows what.
            return render(request, "followup/subscribe_done.html", {"promise": promise})
    return render(request, "followup/subscribe.html", {"promise": promise, "form": form})


def _mailed_key(promise, email):
    # Hashed: the cache need not hold anyone's address.
    digest = hashlib.sha256(email.encode()).hexdigest()
    return f"{CACHE_PREFIX}mailed:{promise.pk}:{digest}"


def _subscribe(promise, email):
    """Create the subscription, or give an unconfirmed one a fresh token and language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    subscription, created = Subscription.objects.get_or_create(
        promise=promise,
        email=email,
        defaults={"token": secrets.token_urlsafe(32), "language": language},
    )
    if not created:
        if subscription.confirmed_at is None:
            subscription.token = secrets.token_urlsafe(32)
        # A confirmed subscription keeps its token, so the unsubscribe links in the e-mails
        # it already got keep working.
        subscription.language = language
        subscription.save(update_fields=["token", "language"])
    return subscription


def _send_confirmation(subscription):
    ctx = {
        "promise": subscription.promise,
        "confirm_url": absolute_url(reverse("progress:confirm", args=[subscription.token])),
        "unsubscribe_url": absolute_url(reverse("progress:unsubscribe", args=[subscription.token])),
    }
    subject = render_to_string("followup/email/subscribe_subject.txt", ctx).strip()
    body = render_to_string("followup/email/subscribe_body.txt", ctx)
    send_mail(" ".join(subject.split()), body, None, [subscription.email])


def _unknown_token(request):
    return render(request, "followup/_progress_unknown_token.html", status=404)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = Subscription.objects.select_related("promise").filter(token=token).first()
    if subscription is None:
        return _unknown_token(request)
    # A GET only shows the button: mail scanners that open links must not confirm.
    if request.method == "POST" and subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    ctx = {
        "subscription": subscription,
        "promise": subscription.promise,
        "confirmed": subscription.confirmed_at is not None,
    }
    return render(request, "followup/confirm.html", ctx)


# The token in the address is the secret; mail clients doing RFC 8058 one-click unsubscribe
# POST "List-Unsubscribe=One-Click" without a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = Subscription.objects.select_related("promise").filter(token=token).first()
    if subscription is None:
        return _unknown_token(request)
    ctx = {"subscription": subscription, "promise": subscription.promise, "done": False}
    if request.method == "POST":
        subscription.delete()
        ctx["done"] = True
    return render(request, "followup/unsubscribe.html", ctx)
