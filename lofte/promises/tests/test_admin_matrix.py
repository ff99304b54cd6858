"""Every admin page of every registered model, for every persona: the exact answer, and that a
refused write changes nothing.

The matrix is generated from `admin.site._registry`, so a model registered later is covered
by itself, and fails until it has an entry in MODELS. The objects tried are those of `testby`,
a promise of Göteborg made a draft, and Göteborg's own (its people, the kommun itself): for
people outside it nothing of it may show, no page, no redirect to its address, no title in any
list, filter or autocomplete, and no name of Göteborg's people. The rules do not depend on
whether a promise is published; the draft is the case where a slip would show.

Besides the promise's own roles, the cast has roles in kommuner: greta coordinates Göteborg
(and so testby), axel is Göteborg's analyst (reads testby), rut Göteborg's local reporter (no
part in promises), mats coordinates Malmö (and so annanstad, not testby).
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.utils import timezone

from lofte.actors.models import ContactPerson
from lofte.events.models import Event
from lofte.indicators.models import Indicator
from lofte.lagesbild.models import Lagesbild, OutcomeMeasure
from lofte.legal.models import ProblemReport
from lofte.promises.models import Promise
from lofte.testing import form_values, snapshot
from lofte.translations.models import Translation

pytestmark = pytest.mark.django_db

# What a request may come to.
OK = "200"
DENIED = "403"
NOT_FOUND = "404"
NOT_ALLOWED = "405"
LOGIN = "302 to the admin's login"
ABSENT = "302 to the admin's index: 'does not exist'"
BACK = "302 back to the same page, nothing done"
SITE = "302 to the object's public page"
WRITTEN = "written"

MEMBERS = ["rosa", "erik", "alice", "axel", "greta", "root"]  # of testby
OUTSIDERS = ["anonymous", "dana", "frida", "charlie", "rut", "mats"]
PERSONAS = OUTSIDERS + MEMBERS

# What a draft's objects are called; none of it may reach an outsider.
DRAFT_TEXTS = [
    "Medborgarlöfte testby",
    " i testby",  # its commitments
    "Utkastträff",  # its event
    "Privat Kontakt",
    "Kontakt testby",
    "/medborgarloften/testby",
]
# Who has a role in Göteborg: for nobody but its coordinators and superusers.
PEOPLE_TEXTS = ["greta"]

ACTIONS = ["changelist", "add", "change", "delete", "history", "view_on_site"]


def same(outcome):
    return (outcome, outcome)


def everywhere(outcome):
    return {action: same(outcome) for action in ACTIONS}


# persona -> action -> (GET, POST), by the kind of rule a model's admin follows.
NO_ROLE = everywhere(DENIED) | {"history": same(ABSENT), "view_on_site": same(NOT_FOUND)}
MANAGES = {
    "changelist": (OK, WRITTEN),
    "add": (OK, WRITTEN),
    "change": (OK, WRITTEN),
    "delete": (OK, WRITTEN),
    "history": same(OK),
    "view_on_site": same(SITE),
}
OUTSIDE = {
    "changelist": (OK, BACK),
    "add": (OK, OK),  # the form refuses the foreign promise
    "change": same(ABSENT),
    "delete": same(ABSENT),
    "history": same(ABSENT),
    "view_on_site": same(NOT_FOUND),
}
READS = {
    "changelist": same(OK),  # the list offers no actions
    "add": same(DENIED),
    "change": (OK, DENIED),
    "delete": same(DENIED),
    "history": same(DENIED),  # who changed what is not for readers
    "view_on_site": same(SITE),
}

# A kommun's coordinator coordinates its promises, its analyst reads them as a reader does,
# its local reporter has no part in them; another kommun's coordinator is an outsider.
PROMISE_CONTENT = {
    "frida": NO_ROLE,
    "charlie": OUTSIDE,
    "rut": NO_ROLE,
    "mats": OUTSIDE,
    "rosa": READS,
    "erik": READS,
    "axel": READS,
    "alice": MANAGES,
    "greta": MANAGES,
    "root": MANAGES,
}
PEOPLE = PROMISE_CONTENT | {"rosa": NO_ROLE, "erik": NO_ROLE, "axel": NO_ROLE}
# Both may view and add; only testby uses the row, so its coordinators may change it, and as
# a promise uses it nobody but a superuser deletes it. Its history names people of any
# promise: superusers only.
OTHER_COORDINATOR = READS | {"changelist": (OK, DENIED), "add": (OK, WRITTEN)}
RESPONSIBLE = MANAGES | {
    "changelist": (OK, DENIED),
    "delete": same(DENIED),
    "history": same(DENIED),
}
REGISTRY = {
    "frida": NO_ROLE,
    "rut": NO_ROLE,
    "rosa": NO_ROLE,
    "erik": NO_ROLE,
    "axel": NO_ROLE,  # an analyst looks after areas, not organisations
    "charlie": OTHER_COORDINATOR,
    "mats": OTHER_COORDINATOR,
    "alice": RESPONSIBLE,
    "greta": RESPONSIBLE,
    "root": MANAGES,
}
# testby's area lies in Göteborg: its analyst imports and changes areas there.
AREAS = REGISTRY | {"axel": RESPONSIBLE}
CONTACTS = REGISTRY | {
    "charlie": OUTSIDE | {"add": (OK, WRITTEN)},
    "mats": OUTSIDE | {"add": (OK, WRITTEN)},
    "alice": MANAGES | {"history": same(DENIED)},
    "greta": MANAGES | {"history": same(DENIED)},
}
SUPERUSERS_ONLY = {
    persona: everywhere(DENIED) | {"view_on_site": same(NOT_FOUND)}
    for persona in ["frida", "rut", "mats", "rosa", "erik", "axel", "charlie", "alice", "greta"]
} | {"root": MANAGES}
# SCB's list of kommuner: looked up by everyone with a role, corrected only by superusers,
# never added to or deleted from. Its history is for superusers.
LOOKS_UP = READS | {"view_on_site": same(NOT_FOUND)}
KOMMUNER = {
    persona: LOOKS_UP
    for persona in ["rut", "mats", "rosa", "erik", "axel", "charlie", "alice", "greta"]
} | {
    "frida": everywhere(DENIED) | {"view_on_site": same(NOT_FOUND)},
    "root": MANAGES | {"changelist": same(OK), "add": same(DENIED), "delete": same(DENIED)},
}
# Who has which role in Göteborg: its coordinators manage it, nobody else sees it.
KOMMUN_PEOPLE = {
    persona: NO_ROLE for persona in ["frida", "rut", "rosa", "erik", "axel", "charlie", "alice"]
} | {"mats": OUTSIDE, "greta": MANAGES, "root": MANAGES}

# The autocomplete of a model answers as its list does.
AUTOCOMPLETE = {
    "frida": DENIED,
    "rut": DENIED,
    "mats": OK,
    "rosa": OK,
    "erik": OK,
    "axel": OK,
    "charlie": OK,
    "alice": OK,
    "greta": OK,
    "root": OK,
}
AUTOCOMPLETE_REGISTRY = AUTOCOMPLETE | {"rosa": DENIED, "erik": DENIED, "axel": DENIED}
AUTOCOMPLETE_AREAS = AUTOCOMPLETE_REGISTRY | {"axel": OK}
AUTOCOMPLETE_SUPERUSERS = dict.fromkeys(AUTOCOMPLETE, DENIED) | {"root": OK}
AUTOCOMPLETE_KOMMUNER = dict.fromkeys(AUTOCOMPLETE, OK) | {"frida": DENIED}


@dataclass
class Model:
    """What the matrix tries on one registered model."""

    rules: dict
    autocomplete: dict
    target: object  # world -> the object tried
    add: object  # world -> what the add form posts
    change: dict  # what the change form posts differently
    exceptions: dict = field(default_factory=dict)  # (persona, action, method) -> outcome


def event_times(prefix, hour):
    return {f"{prefix}_0": "2026-04-20", f"{prefix}_1": f"{hour}:00"}


# An area that holds a promise is protected: its delete page says so and deletes nothing.
AREA_IN_USE = {
    (persona, "changelist", "POST"): OK
    for persona in ["charlie", "mats", "alice", "axel", "greta", "root"]
} | {("root", "delete", "POST"): OK}

MODELS = {
    "promises.promise": Model(
        PROMISE_CONTENT,
        AUTOCOMPLETE,
        target=lambda w: w.promise,
        add=lambda w: {
            "title": "Nytt löfte",
            "slug": "nytt",
            "kommun": w.promise.kommun_id,
            "area": w.promise.area_id,
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "status": "draft",
            "summary": "Nytt.",
        },
        change={"title": "Ändrat löfte"},
        # A new promise belongs to a kommun its maker coordinates: a coordinator of a promise
        # alone starts none, Malmö's coordinator none in Göteborg (the form refuses it).
        exceptions={
            ("charlie", "add", "GET"): DENIED,
            ("charlie", "add", "POST"): DENIED,
            ("alice", "add", "GET"): DENIED,
            ("alice", "add", "POST"): DENIED,
        },
    ),
    "promises.goal": Model(
        PROMISE_CONTENT,
        AUTOCOMPLETE,
        target=lambda w: w.promise.goals.first(),
        add=lambda w: {"promise": w.promise.pk, "title": "Nytt mål", "order": "0"},
        change={"title": "Ändrat mål"},
    ),
    "promises.focusarea": Model(
        PROMISE_CONTENT,
        AUTOCOMPLETE,
        target=lambda w: w.promise.focus_areas.first(),
        add=lambda w: {"promise": w.promise.pk, "name": "Familj", "slug": "familj", "order": "0"},
        change={"name": "Ändrat"},
    ),
    "promises.commitment": Model(
        PROMISE_CONTENT,
        AUTOCOMPLETE,
        target=lambda w: w.promise.commitments().order_by("order").first(),
        add=lambda w: {
            "focus_area": w.promise.focus_areas.first().pk,
            "actors": [w.promise.actors().first().pk],
            "title": "Nytt åtagande",
            "status": "planned",
            "order": "0",
        },
        change={"title": "Ändrat åtagande"},
    ),
    "promises.membership": Model(
        PEOPLE,
        AUTOCOMPLETE,
        target=lambda w: w.promise.memberships.get(user=w.users["rosa"]),
        add=lambda w: {"user": w.users["rosa"].pk, "promise": w.promise.pk, "role": "coordinator"},
        change={"role": "coordinator"},
    ),
    "events.event": Model(
        PROMISE_CONTENT,
        AUTOCOMPLETE,
        target=lambda w: w.promise.events.get(),
        add=lambda w: (
            {"promise": w.promise.pk, "title": "Ny träff", "place_name": "Torget"}
            | event_times("starts_at", 12)
            | event_times("ends_at", 14)
        ),
        change={"title": "Ändrad träff"},
    ),
    "actors.organisation": Model(
        REGISTRY,
        AUTOCOMPLETE_REGISTRY,
        target=lambda w: w.promise.actors().get(slug="aktor-testby-1"),
        add=lambda w: {"name": "Fritidsgården", "slug": "fritidsgarden", "kind": "nonprofit"},
        change={"name": "Omdöpt"},
    ),
    "actors.contactperson": Model(
        CONTACTS,
        AUTOCOMPLETE_REGISTRY,
        target=lambda w: ContactPerson.objects.get(name="Privat Kontakt"),
        add=lambda w: {
            "name": "Ny Kontakt",
            "role": "Rektor",
            "organisation": w.promise.actors().first().pk,
        },
        change={"role": "Ny roll"},
    ),
    "areas.area": Model(
        AREAS,
        AUTOCOMPLETE_AREAS,
        target=lambda w: w.promise.area,
        add=lambda w: {"name": "Backa Röd", "kind": "mellanomrade"},
        change={"name": "Omdöpt område"},
        exceptions=AREA_IN_USE,
    ),
    "kommuner.kommun": Model(
        KOMMUNER,
        AUTOCOMPLETE_KOMMUNER,
        target=lambda w: w.promise.kommun,
        add=lambda w: {"code": "9999", "name": "Påhittad", "slug": "pahittad"},
        change={"name": "Göteborgs kommun"},
    ),
    "kommuner.kommunmembership": Model(
        KOMMUN_PEOPLE,
        AUTOCOMPLETE,  # nothing refers to a role: no autocomplete to try
        target=lambda w: w.users["greta"].kommun_memberships.get(),
        add=lambda w: {
            "user": w.users["axel"].pk,
            "kommun": w.promise.kommun_id,
            "role": "coordinator",
        },
        change={"role": "analyst"},
    ),
    "auth.user": Model(
        SUPERUSERS_ONLY,
        AUTOCOMPLETE_SUPERUSERS,
        target=lambda w: w.users["dana"],
        add=lambda w: {
            "username": "nykomling",
            "usable_password": "true",
            "password1": "ett-långt-lösenord-9",
            "password2": "ett-långt-lösenord-9",
        },
        change={"first_name": "Ändrad"},
    ),
    "auth.group": Model(
        SUPERUSERS_ONLY,
        AUTOCOMPLETE_SUPERUSERS,
        target=lambda w: Group.objects.get(name="Granskare"),
        add=lambda w: {"name": "Nya"},
        change={"name": "Ändrad grupp"},
    ),
    # Residents' reports of accessibility problems: superusers (and staff given Django's
    # permission) read them and mark them handled; nobody adds one here.
    "legal.problemreport": Model(
        SUPERUSERS_ONLY | {"root": MANAGES | {"add": same(DENIED)}},
        AUTOCOMPLETE_SUPERUSERS,
        target=lambda w: ProblemReport.objects.get(),
        add=lambda w: {"description": "Ny rapport"},
        change={"handled": "on"},
    ),
}

# A kommun's lägesbild is its coordinators' and analysts' in the admin, draft or published;
# another kommun's coordinator finds none of it; people of promises alone have no part in it.
LAGESBILD = {
    persona: NO_ROLE for persona in ["frida", "rut", "rosa", "erik", "charlie", "alice"]
} | {"mats": OUTSIDE, "axel": MANAGES, "greta": MANAGES, "root": MANAGES}

MODELS |= {
    "lagesbild.lagesbild": Model(
        LAGESBILD,
        AUTOCOMPLETE,  # no search: nothing to try
        target=lambda w: w.lagesbild,
        add=lambda w: {
            "kommun": w.promise.kommun_id,
            "area": w.promise.area_id,
            "title": "Ny lägesbild",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "status": "draft",
            "problems-TOTAL_FORMS": "0",
            "problems-INITIAL_FORMS": "0",
        },
        change={"title": "Ändrad lägesbild"},
    ),
    "lagesbild.outcomemeasure": Model(
        PROMISE_CONTENT,
        AUTOCOMPLETE,
        target=lambda w: w.outcome,
        add=lambda w: {
            "goal": w.promise.goals.first().pk,
            "indicator": w.outcome.indicator_id,
            "area": w.promise.area_id,
            "order": "1",
        },
        change={"order": "2"},
    ),
}

# A promise's translations: its coordinators (and superusers) change or delete them, through
# the translations app's own rules; nobody adds one here (they are made on the coordinators'
# pages or by the spreadsheet); a promise's readers and editors see none; another promise's
# coordinator finds only their own.
COORDINATES = MANAGES | {"add": same(DENIED)}
TRANSLATIONS = {persona: NO_ROLE for persona in ["frida", "rut", "rosa", "erik", "axel"]} | {
    "charlie": OUTSIDE | {"add": same(DENIED)},
    "mats": OUTSIDE | {"add": same(DENIED)},
    "alice": COORDINATES,
    "greta": COORDINATES,
    "root": COORDINATES,
}

MODELS |= {
    "translations.translation": Model(
        TRANSLATIONS,
        AUTOCOMPLETE,  # nothing refers to a translation: no autocomplete to try
        target=lambda w: w.translation,
        add=lambda w: {"text": "Ny"},
        change={"text": "وعد معدل"},
    ),
}

REGISTERED = sorted(model._meta.label_lower for model in admin.site._registry)


class World:
    """testby, its cast with staff status where the admin needs it, and one of each object."""

    def __init__(self, promise, users):
        self.promise = promise
        self.users = users
        starts = timezone.now()
        Event.objects.create(
            promise=promise,
            title="Utkastträff",
            place_name="Torget",
            starts_at=starts,
            ends_at=starts + timezone.timedelta(hours=2),
        )
        contact = ContactPerson.objects.create(
            name="Privat Kontakt",
            role="Handläggare",
            organisation=promise.actors().first(),
            email="privat@example.se",
        )
        promise.contacts.add(contact)
        Group.objects.create(name="Granskare")
        self.lagesbild = Lagesbild.objects.create(
            kommun=promise.kommun,
            area=promise.area,
            title="Lägesbild testby",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 12, 31),
        )
        indicator = Indicator.objects.create(name="Anmälda brott", slug="brott", theme="crime")
        self.outcome = OutcomeMeasure.objects.create(
            goal=promise.goals.first(), indicator=indicator, area=promise.area
        )
        ProblemReport.objects.create(description="Låg kontrast", email="svar@example.se")
        self.translation = Translation.objects.create(
            promise=promise,
            content_type=ContentType.objects.get_for_model(Promise),
            object_id=promise.pk,
            field="title",
            language="ar",
            text="وعد تيستبي",
        )


@pytest.fixture
def world(promise, alice, rosa, erik, charlie, dana, greta, axel, rut, mats, admin_user):
    promise.status = Promise.Status.DRAFT
    promise.save()
    for user in (rosa, erik, rut):  # the reader, the editor and the reporter, as staff
        user.is_staff = True
        user.save()
    frida = User.objects.create_user("frida", is_staff=True)  # staff, no role anywhere
    users = {
        "dana": dana,
        "frida": frida,
        "charlie": charlie,
        "rut": rut,
        "mats": mats,
        "rosa": rosa,
        "erik": erik,
        "axel": axel,
        "alice": alice,
        "greta": greta,
        "root": admin_user,
    }
    return World(promise, users)


def urls_of(label, model, target):
    base = f"/admin/{label.replace('.', '/')}/"
    content_type = ContentType.objects.get_for_model(model)
    return {
        "changelist": base,
        "add": f"{base}add/",
        "change": f"{base}{target.pk}/change/",
        "delete": f"{base}{target.pk}/delete/",
        "history": f"{base}{target.pk}/history/",
        "view_on_site": f"/admin/r/{content_type.pk}/{target.pk}/",
    }


def autocomplete_urls(model):
    """Return the autocomplete address of each relation to this model from a registered one
    (the admin's own forms), or else from any model."""
    if not admin.site._registry[model].search_fields:
        return []
    registered = [source for source in apps.get_models() if source in admin.site._registry]
    others = [source for source in apps.get_models() if source not in admin.site._registry]
    for sources in (registered, others):
        urls = [
            f"/admin/autocomplete/?app_label={source._meta.app_label}"
            f"&model_name={source._meta.model_name}&field_name={relation.name}&term="
            for source in sources
            for relation in source._meta.get_fields()
            if relation.is_relation and relation.concrete and relation.related_model is model
        ]
        if urls:
            return urls
    return []


def outcome(response, changed, url, target):
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return LOGIN
        if changed:
            return WRITTEN
        if location == "/admin/":
            return ABSENT
        if location == url:
            return BACK
        if hasattr(target, "get_absolute_url"):
            if location == f"http://testserver{target.get_absolute_url()}":
                return SITE
        return f"302 to {location}"
    if changed:
        return f"{response.status_code} and rows changed"
    return str(response.status_code)


def expected(spec, model, persona, action, method):
    if persona in ("anonymous", "dana"):
        return LOGIN
    if action == "autocomplete":
        return NOT_ALLOWED if method == "POST" else spec.autocomplete[persona]
    answer = spec.exceptions.get((persona, action, method))
    if answer is None:
        answer = spec.rules[persona][action][method == "POST"]
    if answer == SITE and not hasattr(model, "get_absolute_url"):
        return NOT_FOUND  # nothing to show on the site
    return answer


def test_every_registered_model_has_an_expectation():
    assert REGISTERED == sorted(MODELS)


@pytest.mark.parametrize("label", REGISTERED)
def test_every_admin_page_answers_each_persona_as_expected(label, world):
    spec = MODELS[label]  # a KeyError here: say what the admin of a new model must answer
    model = apps.get_model(label)
    target = spec.target(world)
    urls = urls_of(label, model, target)

    root = Client()
    root.force_login(world.users["root"])
    change_data = form_values(root.get(urls["change"]).content, f"{model._meta.model_name}_form")
    change_data |= spec.change
    add_page = root.get(urls["add"])  # none where nobody adds (the kommuner are SCB's)
    add_data = {}
    if add_page.status_code == 200:
        add_data = form_values(add_page.content, f"{model._meta.model_name}_form")
    add_data |= spec.add(world)
    posts = {
        "changelist": {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
        "add": add_data,
        "change": change_data,
        "delete": {"post": "yes"},
        "history": {},
        "view_on_site": {},
    }
    requests = [(action, url, method) for action, url in urls.items() for method in ("GET", "POST")]
    requests += [
        ("autocomplete", url, m) for url in autocomplete_urls(model) for m in ("GET", "POST")
    ]

    wrong, leaks = [], []
    for persona in PERSONAS:
        client = Client()
        if persona != "anonymous":
            client.force_login(world.users[persona])
        before = snapshot()  # every request below is rolled back to it
        for action, url, method in requests:
            with transaction.atomic():
                if method == "GET":
                    response = client.get(url)
                    changed = False
                else:
                    response = client.post(url, posts.get(action, {}))
                    changed = snapshot() != before
                transaction.set_rollback(True)
            got = outcome(response, changed, url, target)
            want = expected(spec, model, persona, action, method)
            if got != want:
                wrong.append(f"{persona} {method} {url}: {got}, expected {want}")
            if persona in OUTSIDERS:
                shown = response.content.decode() + response.get("Location", "")
                texts = DRAFT_TEXTS + PEOPLE_TEXTS
                leaks += [f"{persona} {method} {url}: {t!r}" for t in texts if t in shown]
    assert wrong == []
    assert leaks == []


def test_the_draft_texts_are_what_members_see(client, world):
    """The leak check above looks for texts that really are on the admin's pages."""
    client.force_login(world.users["alice"])
    pages = "".join(
        client.get(url).content.decode()
        for url in [
            "/admin/promises/commitment/",
            "/admin/events/event/",
            "/admin/actors/contactperson/",
            f"/admin/promises/promise/{world.promise.pk}/change/",
        ]
    )
    view_on_site = urls_of("promises.promise", Promise, world.promise)["view_on_site"]
    pages += client.get(view_on_site)["Location"]
    for text in DRAFT_TEXTS:
        assert text in pages
    client.force_login(world.users["greta"])
    pages = client.get("/admin/kommuner/kommunmembership/").content.decode()
    for text in PEOPLE_TEXTS:
        assert text in pages


# The apps each persona finds on the admin's index; the others' app pages are a 404.
APPS = {
    "frida": set(),
    "rut": {"kommuner"},
    "rosa": {"promises", "events", "kommuner", "lagesbild"},
    "erik": {"promises", "events", "kommuner", "lagesbild"},
    "axel": {"promises", "events", "areas", "kommuner", "lagesbild"},
    "charlie": {"promises", "events", "actors", "areas", "kommuner", "lagesbild", "translations"},
    "alice": {"promises", "events", "actors", "areas", "kommuner", "lagesbild", "translations"},
    "mats": {"promises", "events", "actors", "areas", "kommuner", "lagesbild", "translations"},
    "greta": {"promises", "events", "actors", "areas", "kommuner", "lagesbild", "translations"},
    "root": {
        "promises",
        "events",
        "actors",
        "areas",
        "kommuner",
        "auth",
        "lagesbild",
        "legal",
        "translations",
    },
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_index_pages_answer_each_persona_as_expected(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.users[persona])
    labels = {model._meta.app_label for model in admin.site._registry}
    pages = {"/admin/": "index"} | {f"/admin/{label}/": label for label in sorted(labels)}

    for url, label in pages.items():
        response = client.get(url)
        if persona in ("anonymous", "dana"):
            assert response.status_code == 302 and response.url.startswith("/admin/login/")
            continue
        shown = response.content.decode()
        if label == "index":
            assert response.status_code == 200
            assert {app["app_label"] for app in response.context["app_list"]} == APPS[persona]
        else:
            assert response.status_code == (200 if label in APPS[persona] else 404), url
        if persona in OUTSIDERS:
            assert not [text for text in DRAFT_TEXTS if text in shown], url
