"""Turn the demo data in lofte/demo/data.py into rows: one call, one transaction, never twice."""

import datetime
from itertools import chain
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lofte.actors.models import ContactPerson, Organisation
from lofte.areas.actions import import_areas, import_vulnerable_areas
from lofte.areas.models import Area
from lofte.demo import data, followup_data, participation_data, translations_data
from lofte.demo.evaluation_data import load_example_evaluation
from lofte.demo.indicators import load_demo_indicators
from lofte.events.models import Event, EventRecord
from lofte.followup.models import MeasureValue, ReportingPeriod, Update
from lofte.incidents.examples import load_example_incidents
from lofte.kommuner.models import Kommun, KommunMembership
from lofte.lagesbild.examples import load_example_lagesbild
from lofte.participation.actions import known_names
from lofte.participation.models import Answer, Choice, Comment, Question, Response, Survey
from lofte.personal import warning_signs
from lofte.promises.models import Commitment, FocusArea, Goal, Measure, Membership, Promise
from lofte.translations.actions import save_easy_read, save_translations
from lofte.translations.content import easy_read_objects, texts_of

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
    _create_incidents()
    _create_participation(promises[data.MAIN_PROMISE], users)
    _create_translations(promises[data.MAIN_PROMISE])
    load_example_lagesbild()
    load_example_evaluation(promises[data.MAIN_PROMISE])
    return promises[data.MAIN_PROMISE]


def _create_translations(promise):
    """The example translations into English and Arabic, and the easy-Swedish summaries."""
    by_language = {}
    for text in texts_of(promise):
        if text.obj._meta.label_lower == "followup.update":
            for language in ("en", "ar"):
                translated = translations_data.translate_update(text.source, language)
                if translated:
                    by_language.setdefault(language, []).append((text, translated))
            continue
        for source, translations in translations_data.TRANSLATIONS.get(
            (text.obj._meta.label_lower, text.field), {}
        ).items():
            if source is None or text.source.startswith(source):
                for language, translated in translations.items():
                    by_language.setdefault(language, []).append((text, translated))
    for language, translated in by_language.items():
        save_translations(promise, language, translated, None)
    summaries = translations_data.EASY_READ
    save_easy_read(
        promise,
        [
            (obj, summaries[str(obj)])
            for obj, _where in easy_read_objects(promise)
            if str(obj) in summaries
        ],
        None,
    )


def _create_incidents():
    """Example incident reports in Hisings Backa (the demo's kommun roles come with its users)."""
    load_example_incidents(Kommun.objects.get(code="1480"), 800)


def _kommun(code):
    return Kommun.objects.get(code=code) if code else None


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
            "kommun": _kommun(spec.get("kommun", data.GOTEBORG)),
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
            "kommun": _kommun(spec["kommun"]),
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
        kommun=_kommun(spec["kommun"]),
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
    events = Event.objects.bulk_create(
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
    EventRecord.objects.bulk_create(
        EventRecord(event=event, **data.EVENT_RECORDS[event.title])
        for event in events
        if event.title in data.EVENT_RECORDS
    )


def _create_users(promises, organisations):
    """Create the demo logins and their roles; return the users by username.

    The coordinators, the kommuner's people and the superuser come from data.USERS, the
    actors' editors (in the main promise) from followup_data.EDITORS.
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
        for code, role, organisation in spec["kommun_roles"]:
            KommunMembership.objects.get_or_create(
                user=user,
                kommun=_kommun(code),
                role=KommunMembership.Role(role),
                defaults={"organisation": organisations[organisation] if organisation else None},
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


def _create_participation(promise, users):
    """Create the example comments (with replies by the coordinators) and the two surveys."""
    now = timezone.now()
    commitments = {c.title: c for c in promise.commitments()}
    replier = users.get("kommun")
    names = known_names(promise)
    comments = []
    for kind, text, about, state, reply, days in participation_data.COMMENTS:
        at = now - datetime.timedelta(days=days)
        published = state == Comment.State.PUBLISHED
        comments.append(
            Comment(
                promise=promise,
                commitment=commitments[about] if about else None,
                kind=Comment.Kind(kind),
                text=text,
                language="sv",
                flags=warning_signs(text, names),
                state=Comment.State(state),
                created_at=at,
                published_at=at + datetime.timedelta(hours=5) if published else None,
                reply=reply,
                replied_at=at + datetime.timedelta(days=1) if reply else None,
                moderated_by=replier if published else None,
                moderated_at=at + datetime.timedelta(hours=5) if published else None,
            )
        )
    Comment.objects.bulk_create(comments)
    today = timezone.localdate()
    closed = participation_data.CLOSED_SURVEY
    _create_survey(promise, closed, closed["opens_on"], closed["closes_on"])
    spec = participation_data.OPEN_SURVEY
    _create_survey(
        promise,
        spec,
        today + datetime.timedelta(days=spec["opens_days"]),
        today + datetime.timedelta(days=spec["closes_days"]),
    )


def _create_survey(promise, spec, opens_on, closes_on):
    """Create a published survey and deal its counts out to respondents in order: respondent
    i takes the options whose counts reach past i."""
    survey = Survey.objects.create(
        promise=promise,
        title=spec["title"],
        intro=spec["intro"],
        opens_on=opens_on,
        closes_on=closes_on,
        state=Survey.State.PUBLISHED,
    )
    responses = Response.objects.bulk_create(
        Response(survey=survey, submitted_on=min(closes_on, opens_on + datetime.timedelta(i % 20)))
        for i in range(spec["respondents"])
    )
    answers = []
    for order, q in enumerate(spec["questions"]):
        question = Question.objects.create(
            survey=survey,
            order=order,
            kind=Question.Kind(q["kind"]),
            text=q["text"],
            required=q["required"],
            scale_low_label=q.get("scale_low_label", ""),
            scale_high_label=q.get("scale_high_label", ""),
        )
        if q["kind"] == "text":
            answers += [
                Answer(response=r, question=question, text=t)
                for r, t in zip(responses, q["texts"], strict=False)
            ]
            continue
        if q["kind"] == "scale":
            values = chain.from_iterable([v] * n for v, n in q["values"])
            answers += [
                Answer(response=r, question=question, value=v)
                for r, v in zip(responses, values, strict=False)
            ]
            continue
        choices = Choice.objects.bulk_create(
            Choice(question=question, order=i, label=label)
            for i, (label, _n) in enumerate(q["options"])
        )
        if q["kind"] == "single":
            picks = chain.from_iterable(
                [c] * n for c, (_l, n) in zip(choices, q["options"], strict=True)
            )
            answers += [
                Answer(response=r, question=question, choice=c)
                for r, c in zip(responses, picks, strict=False)
            ]
        else:
            # Each option is chosen by the first respondents after a shift, so that
            # respondents choose different sets.
            for shift, (choice, (_label, n)) in enumerate(zip(choices, q["options"], strict=True)):
                chosen = [responses[(shift * 7 + i) % len(responses)] for i in range(n)]
                answers += [Answer(response=r, question=question, choice=choice) for r in chosen]
    Answer.objects.bulk_create(answers)
    return survey
