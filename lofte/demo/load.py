"""Turn the demo data in lofte/demo/data.py into rows: one call, one transaction, never twice."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from lofte.actors.models import ContactPerson, Organisation
from lofte.areas.actions import import_areas, import_vulnerable_areas
from lofte.areas.models import Area
from lofte.demo import data, followup_data
from lofte.demo.indicators import load_demo_indicators
from lofte.events.models import Event
from lofte.followup.models import MeasureValue, ReportingPeriod, Update
from lofte.incidents.examples import load_example_incidents
from lofte.kommuner.models import Kommun, KommunMembership
from lofte.promises.models import Commitment, FocusArea, Goal, Measure, Membership, Promise

DATA = Path(__file__).parent / "data"


class DemoAlreadyLoaded(Exception):
    """The demo promises exist already; loading them again would duplicate them."""


@transaction.atomic
def load_demo():
    """Create the Hisings Backa demo data set and return the Hisings Backa promise."""
    slugs = [spec["slug"] for spec in data.PROMISES]
    existing = sorted(Promise.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    if existing:
        raise DemoAlreadyLoaded(
            f"The demo data is already loaded (found {', '.join(existing)}); nothing was changed."
        )

    organisations = {spec["slug"]: _get_or_create_organisation(spec) for spec in data.ACTORS}
    areas = {spec["key"]: _get_or_create_area(spec) for spec in data.AREAS}
    _load_boundaries()
    promises = {}
    for spec in data.PROMISES:
        promises[spec["slug"]] = _create_promise(spec, areas, organisations, promises)
    _create_contacts(organisations, promises)
    _create_events(promises)
    users = _create_users(promises, organisations)
    _create_followup(promises[data.MAIN_PROMISE], users)
    load_demo_indicators()
    _create_incidents(users)
    return promises[data.MAIN_PROMISE]


# Roles in Göteborg's local incident reporting for demo logins: (username, role, organisation).
INCIDENT_ROLES = [
    ("kommun", KommunMembership.Role.COORDINATOR, None),
    ("polis", KommunMembership.Role.ANALYST, None),
    ("bostad", KommunMembership.Role.REPORTER, "backa-bostader-exempel"),
]


def _create_incidents(users):
    """Example incident reports in Hisings Backa, and roles in them for three demo logins."""
    goteborg = Kommun.objects.get(code="1480")
    load_example_incidents(goteborg, 800)
    for username, role, organisation in INCIDENT_ROLES:
        KommunMembership.objects.get_or_create(
            user=users[username],
            kommun=goteborg,
            role=role,
            organisation=Organisation.objects.get(slug=organisation) if organisation else None,
        )


def _get_or_create_organisation(spec):
    # Reuse an organisation someone already made under the same slug (the Police, say)
    # rather than failing on the unique slug or making a second one.
    organisation, _ = Organisation.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "kind": Organisation.Kind(spec["kind"]),
            "website": spec.get("website", ""),
            "description": spec["description"],
            "is_example": spec.get("is_example", False),
        },
    )
    return organisation


def _get_or_create_area(spec):
    # Another import (areas from SCB or the city) may have made the same area already.
    area, _ = Area.objects.get_or_create(
        kind=Area.Kind(spec["kind"]),
        code=spec["code"],
        defaults={
            "name": spec["name"],
            "description": spec["description"],
            "kommun": Kommun.objects.get(code=spec["kommun"]),
        },
    )
    return area


def _load_boundaries():
    """Import the demo's real boundary files; a problem in one is a bug in the demo."""
    results = []
    for spec in data.BOUNDARIES:
        mapping = {k: v for k, v in spec.items() if k not in ("file", "kommun")}
        results.append(
            import_areas(
                (DATA / spec["file"]).read_bytes(),
                kommun=Kommun.objects.get(code=spec["kommun"]),
                source=spec["file"],
                **mapping,
            )
        )
    spec = data.VULNERABLE_AREAS
    results.append(
        import_vulnerable_areas(
            (DATA / spec["file"]).read_bytes(), year=spec["year"], source=spec["file"]
        )
    )
    problems = [str(p) for result in results for p in result.problems]
    if problems:
        raise ValueError("The demo's boundary files did not import: " + "; ".join(problems))


def _create_promise(spec, areas, organisations, promises):
    promise = Promise.objects.create(
        title=spec["title"],
        slug=spec["slug"],
        area=areas[spec["area"]],
        period_start=spec["period_start"],
        period_end=spec["period_end"],
        status=Promise.Status(spec["status"]),
        summary=spec["summary"],
        background=spec["background"],
        previous=promises[spec["previous"]] if spec["previous"] else None,
    )
    goals = {
        goal["key"]: Goal.objects.create(
            promise=promise, title=goal["title"], description=goal["description"], order=order
        )
        for order, goal in enumerate(spec["goals"], start=1)
    }
    focus_areas = {
        focus["slug"]: FocusArea.objects.create(
            promise=promise, name=focus["name"], slug=focus["slug"], why=focus["why"], order=order
        )
        for order, focus in enumerate(spec["focus_areas"], start=1)
    }
    measures = []
    for order, item in enumerate(spec["commitments"], start=1):
        commitment = Commitment.objects.create(
            focus_area=focus_areas[item["focus"]],
            title=item["title"],
            description=item["description"],
            target_group=item["target_group"],
            factor_kind=Commitment.Factor(item["factor_kind"]) if item["factor_kind"] else "",
            factor=item["factor"],
            starts_on=item.get("starts_on"),
            ends_on=item.get("ends_on"),
            status=Commitment.Status(item["status"]),
            order=order,
        )
        commitment.actors.set([organisations[slug] for slug in item["actors"]])
        commitment.goals.set([goals[key] for key in item["goals"]])
        measures += [Measure(commitment=commitment, **measure) for measure in item["measures"]]
    Measure.objects.bulk_create(measures)
    return promise


def _create_contacts(organisations, promises):
    for spec in data.CONTACTS:
        contact = ContactPerson.objects.create(
            name=spec["name"],
            role=spec["role"],
            organisation=organisations[spec["organisation"]],
            phone=spec["phone"],
            email=spec["email"],
            is_press_contact=spec["is_press_contact"],
            is_public=spec["is_public"],
        )
        for slug in spec["promises"]:
            promises[slug].contacts.add(contact)


def _create_events(promises):
    Event.objects.bulk_create(
        Event(
            promise=promises[spec["promise"]],
            title=spec["title"],
            description=spec["description"],
            place_name=spec["place_name"],
            address=spec["address"],
            latitude=spec.get("latitude"),
            longitude=spec.get("longitude"),
            starts_at=spec["starts_at"],
            ends_at=spec["ends_at"],
            audience=spec["audience"],
        )
        for spec in data.EVENTS
    )


def _create_users(promises, organisations):
    """Create the demo logins and their roles; return the users by username.

    The coordinators and the superuser come from data.USERS, the actors' editors (in the
    main promise) from followup_data.EDITORS.
    """
    users = {}
    for spec in data.USERS:
        user = _get_or_create_user(
            spec, is_staff=spec["is_staff"], is_superuser=spec["is_superuser"]
        )
        for slug in spec["coordinator_of"]:
            Membership.objects.get_or_create(
                user=user, promise=promises[slug], role=Membership.Role.COORDINATOR
            )
        users[user.username] = user
    for spec in followup_data.EDITORS:
        user = _get_or_create_user(spec)
        Membership.objects.get_or_create(
            user=user,
            promise=promises[data.MAIN_PROMISE],
            role=Membership.Role.EDITOR,
            organisation=organisations[spec["organisation"]],
        )
        users[user.username] = user
    return users


def _get_or_create_user(spec, **flags):
    # An existing account keeps its password: the demo never resets someone's login.
    User = get_user_model()
    user = User.objects.filter(username=spec["username"]).first()
    if user is None:
        user = User.objects.create_user(
            spec["username"],
            spec["email"],
            spec["password"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            **flags,
        )
    return user


def _create_followup(promise, users):
    """Create the quarterly periods and the example updates, and set each commitment's
    status to that of its latest approved update."""
    periods = ReportingPeriod.objects.bulk_create(ReportingPeriod.quarters_for(promise))
    commitments = list(promise.commitments().order_by("order").prefetch_related("measures"))
    specs = next(p for p in data.PROMISES if p["slug"] == promise.slug)["commitments"]
    period_specs = [
        {"name": p.name, "starts_on": p.starts_on, "ends_on": p.ends_on, "due_on": p.due_on}
        for p in periods
    ]
    items = followup_data.updates(specs, period_specs)
    updates = Update.objects.bulk_create(
        Update(
            commitment=commitments[item["commitment"]],
            period=periods[item["period"]],
            status=Commitment.Status(item["status"]),
            text=item["text"],
            is_publishable=item["is_publishable"],
            state=Update.State(item["state"]),
            review_comment=item["review_comment"],
            created_by=users.get(item["created_by"]),
            submitted_at=item["submitted_at"],
            reviewed_by=users.get(item["reviewed_by"]),
            reviewed_at=item["reviewed_at"],
        )
        for item in items
    )
    MeasureValue.objects.bulk_create(
        MeasureValue(update=update, measure=update.commitment.measures.all()[m], value=value)
        for update, item in zip(updates, items, strict=True)
        for m, value in item["values"]
    )
    latest = {}
    for update in updates:  # in period order, so the last approved one wins
        if update.state == Update.State.APPROVED:
            latest[update.commitment_id] = update.status
    changed = [c for c in commitments if latest.get(c.pk, c.status) != c.status]
    for commitment in changed:
        commitment.status = latest[commitment.pk]
    Commitment.objects.bulk_update(changed, ["status"])
