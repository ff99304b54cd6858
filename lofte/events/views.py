import datetime
import json

import icalendar
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods

from lofte import ratelimit
from lofte.events.actions import cancel as cancel_registration
from lofte.events.actions import register as register_for
from lofte.events.forms import RegistrationForm
from lofte.events.models import Registration
from lofte.languages import text_language
from lofte.promises import pages
from lofte.promises.models import Promise
from lofte.web import absolute_url, site_host

# Registrations per client address and per event: enough for a family and a room on one wifi,
# too few for a robot to fill an event with made-up addresses.
REGISTRATIONS_PER_CLIENT = ("event-register-client", 10, 10 * 60)
REGISTRATIONS_PER_EVENT = ("event-register-event", 200, 60 * 60)

# The feed and its VTIMEZONE are always in the site's own zone; Löfte is Swedish.
TZID = "Europe/Stockholm"

# As django.utils.html.json_script does, so that the data cannot close the <script>.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def index(request, slug):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    now = timezone.now()
    # Through the related manager every event knows its promise: no query per event link.
    upcoming, past = list(promise.events.upcoming(now)), list(promise.events.past(now))
    pages.localise([promise, *upcoming, *past])
    ctx = {"promise": promise, "upcoming": upcoming, "past": past}
    return render(request, "events/index.html", ctx)


def detail(request, slug, pk):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    event = get_object_or_404(promise.events.select_related("record"), pk=pk)
    return _detail(request, promise, event, RegistrationForm())


def _detail(request, promise, event, form, status=200, **extra):
    now = timezone.now()
    pages.localise([promise, event])
    ctx = {
        "promise": promise,
        "event": event,
        "is_past": event.has_ended(now),
        "json_ld": _json_ld(_schema_org_event(promise, event)),
        "calendar_links": event.calendar_links(),
        "record": getattr(event, "record", None),
        "form": form,
        "accepts_registrations": event.accepts_registrations(now),
        "can_change": promise.can_be_changed_by(request.user),
        **extra,
    }
    if event.registration:
        ctx["counts"] = event.registration_counts()
    if event.has_coordinates:
        lat, lon = _coordinate(event.latitude), _coordinate(event.longitude)
        ctx["coordinates"] = f"{lat}, {lon}"
        ctx["map_url"] = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return render(request, "events/detail.html", ctx, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug, pk):
    """Register for the event: the form is on the event page, and comes back there with errors."""
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    event = get_object_or_404(promise.events.select_related("record"), pk=pk)
    if request.method != "POST":
        return redirect(event)
    form = RegistrationForm(request.POST)
    if not event.accepts_registrations() or not promise.is_public:
        return _detail(request, promise, event, form, status=409)
    if form.caught:
        return redirect("events:registered", promise.slug, event.pk)
    if not form.is_valid():
        return _detail(request, promise, event, form, status=400)
    if _over_limit(REGISTRATIONS_PER_CLIENT, ratelimit.client_key(request)) or _over_limit(
        REGISTRATIONS_PER_EVENT, str(event.pk)
    ):
        return _detail(request, promise, event, form, status=429, rate_limited=True)
    register_for(event, form.cleaned_data["email"], form.cleaned_data["places"])
    # The same page whether or not the address had registered before, and whatever place it
    # got: the mail says which; the page must not tell anyone who has registered.
    return redirect("events:registered", promise.slug, event.pk)


def registered(request, slug, pk):
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    event = get_object_or_404(promise.events, pk=pk)
    pages.localise([promise, event])
    return render(request, "events/registered.html", {"promise": promise, "event": event})


@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    """Cancel a registration from the link in its mail. A GET only shows the button: mail
    scanners that open links must not cancel anyone."""
    registration = (
        Registration.objects.select_related("event__promise").filter(token=token[:64]).first()
    )
    if registration is None:
        return render(request, "events/cancel_unknown.html", status=404)
    event = registration.event
    pages.localise([event.promise, event])
    ctx = {"event": event, "promise": event.promise, "registration": registration, "done": False}
    if request.method == "POST":
        cancel_registration(registration)
        ctx["done"] = True
    return render(request, "events/cancel.html", ctx)


def event_ics(request, slug, pk):
    """Return the one event as an iCalendar file, for "add to my calendar"."""
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    event = get_object_or_404(promise.events, pk=pk)
    pages.localise([promise, event])
    cal = _calendar(promise, [event])
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{promise.slug}-{event.pk}.ics"'
    return response


def _over_limit(limit, key):
    name, most, window = limit
    return ratelimit.hit(name, key, window) > most


def ical(request, slug):
    """Return all events of the promise as an iCalendar feed that calendar apps can subscribe to."""
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    events = list(promise.events.all())
    # In the language of the address (/en/…): translated where there is a translation.
    pages.localise([promise, *events])
    cal = _calendar(promise, events)
    cal.add("x-wr-caldesc", promise.summary, parameters=_language(promise, "summary"))
    cal.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{promise.slug}.ics"'
    return response


def _language(obj, field):
    """The LANGUAGE parameter (RFC 5545, 3.2.10) of a text: the language it is shown in."""
    return {"LANGUAGE": text_language(obj, field)}


def _calendar(promise, events):
    """Return a calendar of the events, each with the UID it has in every feed and file; their
    texts as pages.localise() left them, each with its language."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Lofte//Medborgarloften//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", promise.title, parameters=_language(promise, "title"))
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_vtimezone(events))
    uid_host = site_host()
    for event in events:
        vevent = icalendar.Event()
        # The host keeps UIDs of two Löfte sites apart in a calendar subscribed to both.
        vevent.add("uid", f"event-{event.pk}@{uid_host}")
        # Without METHOD, DTSTAMP is when the event was last revised (RFC 5545, 3.8.7.2),
        # which also keeps the feed byte-for-byte stable between requests.
        vevent.add("dtstamp", event.updated_at)
        vevent.add("last-modified", event.updated_at)
        vevent.add("dtstart", timezone.localtime(event.starts_at))
        vevent.add("dtend", timezone.localtime(event.ends_at))
        vevent.add("summary", event.title, parameters=_language(event, "title"))
        if event.description:
            vevent.add("description", event.description, parameters=_language(event, "description"))
        vevent.add(
            "location",
            ", ".join(filter(None, [event.place_name, event.address])),
            parameters=_language(event, "place_name"),
        )
        if event.has_coordinates:
            vevent.add("geo", (float(event.latitude), float(event.longitude)))
        vevent.add("url", absolute_url(event.get_absolute_url()))
        cal.add_component(vevent)
    return cal


def _vtimezone(events):
    """Return a VTIMEZONE for TZID covering the years of the events, and no more."""
    today = timezone.localdate()
    first = min((timezone.localtime(e.starts_at).date() for e in events), default=today)
    last = max((timezone.localtime(e.ends_at).date() for e in events), default=today)
    return icalendar.Timezone.from_tzid(
        TZID,
        first_date=datetime.date(first.year, 1, 1),
        last_date=datetime.date(last.year + 1, 1, 1),
    )


def _schema_org_event(promise, event):
    """Return the event as a schema.org Event, for search engines and link previews."""
    address = {"@type": "PostalAddress", "addressCountry": "SE"}
    if event.address:
        address["streetAddress"] = event.address
    place = {"@type": "Place", "name": event.place_name, "address": address}
    if event.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    organizers = [
        {
            "@type": "Organization",
            "name": actor.name,
            "url": absolute_url(actor.get_absolute_url()),
        }
        for actor in promise.actors()
    ] or [
        {
            "@type": "Organization",
            "name": promise.title,
            "url": absolute_url(promise.get_absolute_url()),
        }
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": organizers,
        "url": absolute_url(event.get_absolute_url()),
        "inLanguage": text_language(event, "title"),
    }
    if event.description:
        data["description"] = event.description
    if event.audience:
        data["audience"] = {"@type": "Audience", "audienceType": event.audience}
    return data


def _json_ld(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))


def _coordinate(value):
    """Return a Decimal coordinate as plain digits with a dot, whatever the locale."""
    whole, _, fraction = f"{value:f}".partition(".")
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole
