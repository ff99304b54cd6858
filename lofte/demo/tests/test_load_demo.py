import datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from lofte.actors.models import ContactPerson, Organisation
from lofte.demo import data
from lofte.demo.load import DemoAlreadyLoaded, load_demo
from lofte.events.models import Event
from lofte.promises.models import Commitment, Measure, Promise

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The press release's real contact details: they must never ship in the demo.
REAL_PHONE = "070-685 20 45"
REAL_EMAIL = "hakan.bredinge@polisen.se"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The loader makes three users; the real hasher would make every test a second slower.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def promise(db):
    return load_demo()


def _counts():
    return [
        model.objects.count()
        for model in (Promise, Organisation, Commitment, Measure, Event, ContactPerson, User)
    ]


@pytest.mark.django_db
def test_it_returns_the_published_hisings_backa_promise(promise):
    assert promise.slug == "hisings-backa"
    assert promise.status == Promise.Status.PUBLISHED
    assert promise.period_start == datetime.date(2024, 2, 27)
    assert promise.period_end == datetime.date(2025, 12, 31)


@pytest.mark.django_db
def test_it_says_which_area_the_promise_covers(promise):
    assert promise.area.name == "Hisings Backa"
    assert promise.area.code == "71"
    assert "mellanområde 71 Backa" in promise.area.description
    assert "Backa Röd" in promise.area.description
    assert "Backa centrala" in promise.area.description


@pytest.mark.django_db
def test_it_has_27_actors(promise):
    assert promise.actors().count() == 27


@pytest.mark.django_db
def test_it_gives_every_actor_at_least_one_commitment(promise):
    # promise.actors() only finds organisations that have a commitment, so look for the
    # ones left without any.
    assert Organisation.objects.count() == len(data.ACTORS)
    assert list(Organisation.objects.filter(commitments=None)) == []


@pytest.mark.django_db
def test_it_shares_some_commitments_between_several_actors(promise):
    shared = [c for c in promise.commitments() if c.actors.count() > 1]
    assert len(shared) >= 10


@pytest.mark.django_db
def test_it_makes_30_to_40_commitments_each_with_a_measure(promise):
    commitments = promise.commitments()
    assert 30 <= commitments.count() <= 40
    for commitment in commitments:
        assert 1 <= commitment.measures.count() <= 2, commitment
        assert commitment.goals.exists(), commitment


@pytest.mark.django_db
def test_it_keeps_every_commitment_inside_the_period(promise):
    for commitment in promise.commitments():
        assert promise.period_start <= commitment.starts_on <= commitment.ends_on, commitment
        assert commitment.ends_on <= promise.period_end, commitment


@pytest.mark.django_db
def test_it_mixes_statuses_as_a_promise_near_its_end(promise):
    statuses = {c.status for c in promise.commitments()}
    assert {Commitment.Status.ONGOING, Commitment.Status.DONE} <= statuses
    assert Commitment.Status.DELAYED in statuses
    assert Commitment.Status.CANCELLED in statuses


@pytest.mark.django_db
def test_it_includes_the_promises_the_press_release_names(promise):
    police = Organisation.objects.get(kind=Organisation.Kind.POLICE)
    own = police.commitments.filter(focus_area__promise=promise)
    police_titles = " ".join(c.title for c in own)
    assert "i skolan för att bygga relationer" in police_titles
    assert "tidiga tecken på kriminalitet" in police_titles
    titles = " ".join(promise.commitments().values_list("title", flat=True))
    for phrase in [
        "vuxna förebilder i skolan",
        "praktik",
        "Sommarjobb",
        "prova på",
        "Mentorsprogram",
        "Föräldrastöd",
    ]:
        assert phrase in titles, phrase


@pytest.mark.django_db
def test_it_has_the_four_focus_areas_in_order(promise):
    assert list(promise.focus_areas.values_list("slug", flat=True)) == [
        "skola",
        "fritid",
        "lokalomrade",
        "familj",
    ]
    assert all(focus.why for focus in promise.focus_areas.all())


@pytest.mark.django_db
def test_it_has_the_two_goals(promise):
    titles = list(promise.goals.values_list("title", flat=True))
    assert len(titles) == 2
    assert titles[0] == "Minska nyrekryteringen till kriminella nätverk"
    assert "listan över utsatta områden" in titles[1]


@pytest.mark.django_db
def test_it_launches_at_poseidonvarvet_on_20_april_2024(promise):
    launch = promise.events.order_by("starts_at").first()
    starts = launch.starts_at.astimezone(STOCKHOLM)
    assert "Poseidonvarvet" in launch.place_name
    assert starts.date() == datetime.date(2024, 4, 20)
    assert (starts.hour, starts.utcoffset()) == (11, datetime.timedelta(hours=2))
    assert "Media är välkomna" in launch.description


@pytest.mark.django_db
def test_it_holds_no_event_after_the_promise_ends(promise):
    assert promise.events.count() >= 4
    last = promise.events.order_by("-starts_at").first()
    assert last.ends_at.astimezone(STOCKHOLM).date() <= promise.period_end


@pytest.mark.django_db
def test_it_marks_every_actor_but_the_police_and_the_city_as_fictional(promise):
    real_kinds = [Organisation.Kind.POLICE, Organisation.Kind.MUNICIPAL]
    for actor in promise.actors().exclude(kind__in=real_kinds):
        assert actor.is_example, actor
        assert actor.description.startswith("Fiktiv exempelorganisation i demodata"), actor
    for actor in promise.actors().filter(kind__in=real_kinds):
        assert not actor.is_example, actor


@pytest.mark.django_db
def test_it_ships_only_placeholder_contact_details(promise):
    emails = list(ContactPerson.objects.values_list("email", flat=True))
    emails += list(User.objects.values_list("email", flat=True))
    assert all(email.endswith("@example.se") for email in emails), emails
    phones = ContactPerson.objects.values_list("phone", flat=True)
    assert all(phone in ("", "010-000 00 00", "010-000 00 01") for phone in phones), phones
    source = Path(data.__file__).read_text()
    assert REAL_PHONE not in source
    assert REAL_EMAIL not in source


@pytest.mark.django_db
def test_it_attaches_the_police_contacts_to_the_promise(promise):
    contacts = {c.name: c for c in promise.contacts.all()}
    bredinge = contacts["Håkan Bredinge"]
    assert bredinge.is_press_contact and bredinge.is_public
    assert bredinge.organisation.kind == Organisation.Kind.POLICE
    assert contacts["Daniel Norlander"].role == "Lokalpolisområdeschef Hisingen"
    assert any("Trygghetssamordnare" in c.role for c in contacts.values())


@pytest.mark.django_db
def test_it_follows_the_archived_backa_rod_promise_of_2019(promise):
    previous = promise.previous
    assert previous.slug == "backa-rod-2019"
    assert previous.status == Promise.Status.ARCHIVED
    assert previous.period_start == datetime.date(2019, 6, 1)
    assert previous.period_end == datetime.date(2020, 12, 31)
    names = set(previous.actors().values_list("name", flat=True))
    assert {"Kriminalvården", "Västtrafik", "Framtidskoncernen"} <= names
    assert not previous.actors().filter(is_example=True).exists()


@pytest.mark.django_db
def test_it_makes_the_demo_logins_work(promise, client):
    for username, password, _ in data.DEMO_LOGINS:
        assert client.login(username=username, password=password), username
    polis = User.objects.get(username="polis")
    kommun = User.objects.get(username="kommun")
    # Logins are fictional: the made-up follow-up they approve carries no real officer's name.
    for user in User.objects.all():
        assert user.get_full_name() not in ("Håkan Bredinge", "Daniel Norlander"), user
    assert promise.can_be_changed_by(polis)
    assert promise.can_be_changed_by(kommun)
    assert User.objects.get(username="admin").is_superuser


@pytest.mark.django_db
def test_it_refuses_to_load_twice(promise):
    before = _counts()
    with pytest.raises(DemoAlreadyLoaded):
        load_demo()
    assert _counts() == before


@pytest.mark.django_db
def test_it_reuses_an_organisation_that_already_exists(db):
    Organisation.objects.create(
        name="Polisen", slug="polisen-lokalpolisomrade-hisingen", kind=Organisation.Kind.POLICE
    )
    promise = load_demo()
    assert promise.actors().count() == 27
    assert Organisation.objects.filter(kind=Organisation.Kind.POLICE).count() == 1


@pytest.mark.django_db
def test_the_command_loads_and_then_refuses(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Medborgarlöfte för Hisings Backa" in out.getvalue()
    assert "27 actors" in out.getvalue()
    before = _counts()
    with pytest.raises(CommandError, match="already loaded"):
        call_command("load_demo", stdout=StringIO())
    assert _counts() == before


@pytest.mark.django_db
def test_it_reports_every_quarter_of_the_promise(promise):
    from lofte.followup.models import Update

    periods = list(promise.periods.all())
    assert len(periods) == 8
    assert periods[0].starts_on == datetime.date(2024, 2, 27)
    for period in periods:
        assert Update.objects.published().filter(period=period).exists(), period
    last = periods[-1].updates.all()
    assert last.filter(state=Update.State.SUBMITTED).exists()
    assert last.filter(state=Update.State.RETURNED).exists()
    assert Update.objects.filter(is_publishable=False).count() >= 2
    assert all(t.startswith("(Exempel)") for t in Update.objects.values_list("text", flat=True))


@pytest.mark.django_db
def test_it_keeps_each_commitments_status_from_its_latest_approved_update(promise):
    from lofte.followup.models import Update

    specs = {spec["title"]: spec["status"] for spec in data.HISINGS_BACKA["commitments"]}
    for commitment in promise.commitments():
        latest = (
            commitment.updates.filter(state=Update.State.APPROVED)
            .order_by("-period__starts_on")
            .first()
        )
        assert latest is not None, commitment
        assert commitment.status == latest.status == specs[commitment.title], commitment


@pytest.mark.django_db
def test_it_reviews_after_the_due_date_and_moves_values_towards_targets(promise):
    from lofte.followup.models import MeasureValue, Update

    for update in Update.objects.filter(reviewed_at__isnull=False).select_related("period"):
        assert update.reviewed_at.date() > update.period.due_on
        assert update.reviewed_by.username in ("polis", "kommun")
    measure = promise.commitments().get(title__startswith="Polisen finns i skolan").measures.get()
    values = list(
        MeasureValue.objects.filter(measure=measure)
        .order_by("update__period__starts_on")
        .values_list("value", flat=True)
    )
    assert values == sorted(values) and values[0] < values[-1] <= measure.target


@pytest.mark.django_db
def test_it_makes_editors_for_some_actors(promise, client):
    from lofte.promises.models import Membership

    for username in ("forening", "bostad"):
        membership = Membership.objects.get(user__username=username, promise=promise)
        assert membership.role == Membership.Role.EDITOR and membership.organisation.is_example
        assert username in [login[0] for login in data.DEMO_LOGINS]
    assert client.login(username="forening", password="demo-forening")


@pytest.mark.django_db
def test_it_loads_real_boundaries_for_the_promise_and_its_neighbours(promise):
    from lofte.areas.models import Area, AreaClassification
    from lofte.areas.overlay import overlap

    backa = promise.area
    assert backa.kind == "mellanomrade"
    assert backa.boundary().area_m2 == pytest.approx(18_470_000, rel=0.01)
    assert Area.objects.filter(kind="regso", kommun__code="1480").count() == 147
    assert Area.objects.filter(kind="stadsomrade").count() == 4
    police = Area.objects.get(kind="vulnerable_area", name="Hisings Backa")
    assert overlap(police, backa).share_of_a == pytest.approx(1, abs=0.001)
    assert police.classification(2025).klass == AreaClassification.Klass.UTSATT
    in_goteborg = Area.objects.filter(kind="vulnerable_area", kommun__code="1480")
    assert in_goteborg.count() == 8  # Tynnered too, though its ORT says Västra Frölunda
    assert Area.objects.filter(kind="vulnerable_area", kommun__isnull=True).count() == 57
    # the demo's Backa Röd is SCB's RegSO, so it got SCB's boundary rather than a second area
    assert Area.objects.filter(kind="regso", code="1480R006").count() == 1
    assert Area.objects.get(kind="regso", code="1480R006").boundary() is not None


def test_it_imports_goteborgs_statistics_from_the_real_files(promise):
    from lofte.areas.models import Area
    from lofte.indicators.models import Indicator, IndicatorImport, IndicatorValue

    assert IndicatorImport.objects.filter(state="saved").count() == 3
    backa_rod = Area.objects.get(kind=Area.Kind.REGSO, code="1480R006")
    assert backa_rod == promise.previous.area  # the 2019 promise's area gets its values
    area_type = Indicator.objects.get(slug="scb-socioekonomisk-omradestyp")
    assert area_type.latest_for(backa_rod).value == 2
    assert IndicatorValue.objects.filter(indicator=area_type).count() == 147
    total = Indicator.objects.get(slug="bra-totalt")
    assert total.values.filter(area__kind=Area.Kind.KOMMUN).count() == 16
    assert IndicatorValue.objects.filter(area__name="Västra Götalands län").exists()
    assert not IndicatorValue.objects.filter(area__name="Skåne län").exists()


@pytest.mark.django_db
def test_its_promises_belong_to_goteborg_and_an_example_one_to_malmo(promise):
    kommuner = dict(Promise.objects.values_list("slug", "kommun__code"))
    assert kommuner == {"hisings-backa": "1480", "backa-rod-2019": "1480", "malmo-exempel": "1280"}
    example = Promise.objects.get(slug="malmo-exempel")
    assert example.is_public
    assert "Exempel" in example.title and "påhittat" in example.title
    assert "påhittat exempel" in example.summary
    assert example.actors().exists() and not example.actors().filter(is_example=False).exists()
    assert set(example.actors().values_list("kommun__code", flat=True)) == {"1280"}


@pytest.mark.django_db
def test_its_local_actors_are_goteborgs_and_the_police_national(promise):
    kommuner = dict(Organisation.objects.values_list("slug", "kommun__code"))
    assert kommuner["polisen-lokalpolisomrade-hisingen"] is None
    assert kommuner["vasttrafik"] is None
    assert kommuner["grundskoleforvaltningen"] == "1480"
    assert kommuner["backa-bostader-exempel"] == "1480"


@pytest.mark.django_db
def test_each_kommuns_people_reach_their_own_promises_only(promise, client):
    from lofte.kommuner.models import KommunMembership

    users = {u.username: u for u in User.objects.all()}
    example = Promise.objects.get(slug="malmo-exempel")
    roles = {
        (m.user.username, m.kommun.code, m.role, m.organisation and m.organisation.slug)
        for m in KommunMembership.objects.select_related("user", "kommun", "organisation")
    }
    assert roles == {
        ("kommun", "1480", "coordinator", None),
        ("analytiker", "1480", "analyst", None),
        ("rapportor", "1480", "reporter", "backa-bostader-exempel"),
        ("malmo", "1280", "coordinator", None),
    }
    assert promise.roles_of(users["analytiker"]) == {"reader"}
    assert promise.roles_of(users["rapportor"]) == set()
    assert example.can_be_changed_by(users["malmo"])
    assert not promise.can_be_changed_by(users["malmo"])
    assert not example.can_be_changed_by(users["kommun"])

    client.force_login(users["malmo"])
    assert client.get("/uppfoljning/hisings-backa/").status_code == 403
    assert client.get("/uppfoljning/malmo-exempel/").status_code == 200
    client.force_login(users["analytiker"])
    assert client.get("/uppfoljning/hisings-backa/").status_code == 200
    assert client.get("/uppfoljning/hisings-backa/granska/").status_code == 403
    for username in ("analytiker", "rapportor", "malmo"):
        assert username in [login[0] for login in data.DEMO_LOGINS]


@pytest.mark.django_db
def test_it_has_example_translations_into_english_and_arabic_marked_as_examples(client, promise):
    from lofte.translations.models import Translation

    for language in ("en", "ar"):
        rows = Translation.objects.filter(promise=promise, language=language)
        fields = {(r.content_type.model, r.field) for r in rows.select_related("content_type")}
        assert {
            ("promise", "title"),
            ("promise", "summary"),
            ("goal", "title"),
            ("focusarea", "name"),
            ("focusarea", "why"),
            ("commitment", "title"),
        } <= fields
        assert rows.filter(content_type__model="commitment").count() == 6
        assert rows.filter(content_type__model="focusarea", field="name").count() == 4
    summary = Translation.objects.get(promise=promise, language="en", field="summary").text
    assert summary.endswith("(Example translation for the demo.)")
    html = client.get("/ar/medborgarloften/hisings-backa/").content.decode()
    assert '<h1 lang="ar" dir="rtl">وعد المواطنين لحي هيسينغس باكا</h1>' in html
    assert "(ترجمة تجريبية للعرض.)" in html
    assert "لم تتم ترجمته بعد" in html  # the background is left Swedish


@pytest.mark.django_db
def test_it_has_easy_swedish_summaries_of_the_promise_and_some_commitments(client, promise):
    html = client.get("/medborgarloften/hisings-backa/").content.decode()
    assert "Lättläst" in html and "Färre unga ska börja med brott." in html
    c = Commitment.objects.get(title="Läxhjälp efter skoltid")
    page = client.get(f"/medborgarloften/hisings-backa/ataganden/{c.pk}/").content.decode()
    assert "Efter skolan kan barn få hjälp med läxor." in page


def test_it_builds_the_hisings_backa_lagesbild_from_the_real_files(promise, client):
    from lofte.lagesbild.models import Lagesbild

    lagesbild = Lagesbild.objects.get()
    assert lagesbild.is_public and lagesbild.is_example
    assert lagesbild.area.kind == "vulnerable_area" and lagesbild.area.name == "Hisings Backa"
    # The Police's own boundary (1.78 km²), not the mellanområde the promise covers (18.5 km²).
    assert 1.7e6 < lagesbild.area.boundary(lagesbild.period_end).area_m2 < 1.85e6
    assert lagesbild.area.classification(2025).klass == "utsatt"
    html = client.get(lagesbild.get_absolute_url()).content.decode()
    assert 'class="area-map"' in html and 'class="area focus"' in html
    for text in [
        "Backa Röd",  # wholly inside the Police's area
        "99.9 %",
        "Backa centrala",
        "21.6 %",  # about 22 % of Backa centrala lies inside
        "Uppskattning genom ytviktning",  # the area-weighted socio-economic type, labelled
        "19982",  # Brå: reported crimes in stadsområde Hisingen 2025
        "Västra Götalands län",  # the Police's events, named by their county
        "utsatt område",
        "uso_2025.geojson",
        "exempel",
    ]:
        assert text in html, text
    # Its problems link to the demo promise's commitments, and the pages link each other.
    assert promise.commitments().filter(problems__lagesbild=lagesbild).count() == 9
    assert promise.get_absolute_url() in html
    promise_page = client.get(promise.get_absolute_url()).content.decode()
    assert lagesbild.get_absolute_url() in promise_page
    # Outcome measures on both goals, their baselines from the imported values (beside the
    # example series the evaluation is shown with).
    measures = {
        m.goal.title: m
        for g in promise.goals.all()
        for m in g.outcome_measures.exclude(indicator__slug__startswith="exempel-")
    }
    assert len(measures) == 2
    base, later = measures["Minska nyrekryteringen till kriminella nätverk"].series()
    assert (base.period_label, int(base.value)) == ("2021", 19320)
    assert [v.period_label for v in later] == ["2022", "2023", "2024", "2025"]
