"""One limit per text field, kept on the model field and enforced the same in every entry path:
the forms, the import and the admin."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from lofte.accounts.forms import AcceptForm, InviteForm
from lofte.accounts.models import Invitation
from lofte.events.models import Event
from lofte.followup import spreadsheet
from lofte.followup.actions import save_update
from lofte.followup.forms import ReviewForm, UpdateForm
from lofte.followup.models import ReportingPeriod, Subscription, Update
from lofte.followup.views.public import SubscribeForm
from lofte.promises.models import FocusArea, Goal
from lofte.promises.tests.test_admin_access import form_data

pytestmark = pytest.mark.django_db


def too_long(limit, got=None):
    """Django's Swedish message for a text one character over the limit."""
    return f"Säkerställ att detta värde har som mest {limit} tecken (den har {got or limit + 1})."


def limit(model, name):
    return model._meta.get_field(name).max_length


def test_every_text_field_of_every_model_has_a_limit():
    unlimited = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("lofte.")
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField)) and field.max_length is None
    ]
    assert unlimited == []


@pytest.mark.parametrize(
    "form_field, model, name",
    [
        (UpdateForm.base_fields["text"], Update, "text"),
        (UpdateForm.base_fields["evidence_url"], Update, "evidence_url"),
        (ReviewForm.base_fields["comment"], Update, "review_comment"),
        (InviteForm.base_fields["email"], Invitation, "email"),
        (SubscribeForm.base_fields["email"], Subscription, "email"),
        (AcceptForm.base_fields["name"], User, "first_name"),
    ],
)
def test_each_form_takes_its_limit_from_the_model_and_tells_the_browser(form_field, model, name):
    assert form_field.max_length == limit(model, name)
    assert form_field.widget_attrs(form_field.widget)["maxlength"] == str(limit(model, name))


def test_the_import_takes_the_limit_of_the_update_form():
    assert (
        spreadsheet.TEXT_MAX == limit(Update, "text") == UpdateForm.base_fields["text"].max_length
    )


# The update form ---------------------------------------------------------------------------


@pytest.fixture
def reporting(client, promise, periods, erik):
    commitment = promise.commitments().order_by("order").first()
    client.force_login(erik)
    url = reverse("followup:edit_update", args=[promise.slug, periods[0].pk, commitment.pk])

    def post(**fields):
        data = {"version": 0, "action": "save", "status": "ongoing", "text": "Gjort"}
        return client.post(url, data | fields)

    return post


def test_the_update_form_refuses_a_megabyte_of_text(reporting):
    response = reporting(text="x" * 1_000_000)
    assert response.status_code == 400
    assert response.context["form"].errors["text"] == [too_long(5000, 1_000_000)]
    assert not Update.objects.exists()


def test_the_update_form_takes_a_text_at_the_limit_counting_a_line_break_as_one(reporting):
    assert reporting(text="x" * 5001).status_code == 400
    # A browser sends "\r\n"; it counts as one character, as in the import.
    text = ("x" * 99 + "\r\n") * 50
    assert reporting(text=text).status_code == 302
    assert Update.objects.get().text == text.replace("\r\n", "\n").strip()


def test_the_update_form_refuses_an_evidence_link_over_the_limit(reporting):
    base = "https://example.se/"
    response = reporting(evidence_url=base + "a" * (2001 - len(base)))
    assert response.status_code == 400
    assert response.context["form"].errors["evidence_url"] == [too_long(2000)]
    assert reporting(evidence_url=base + "a" * (2000 - len(base))).status_code == 302
    assert len(Update.objects.get().evidence_url) == 2000


# The review form ---------------------------------------------------------------------------


@pytest.fixture
def waiting(promise, periods, erik):
    commitment = promise.commitments().order_by("order").first()
    update = Update(commitment=commitment, period=periods[0], status="done", text="Klart.")
    return save_update(update, {}, erik, 0, submit=True)


def test_the_review_form_refuses_a_megabyte_comment_and_mails_nothing(
    client, promise, alice, waiting
):
    client.force_login(alice)
    url = reverse("followup:review", args=[promise.slug, waiting.pk])
    data = {"decision": "return", "version": waiting.version, "comment": "x" * 1_000_000}
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["comment"] == [too_long(2000, 1_000_000)]
    assert mail.outbox == []
    waiting.refresh_from_db()
    assert waiting.state == Update.State.SUBMITTED

    data["comment"] = "y" * 2000
    response = client.post(url, data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.review_comment == "y" * 2000


# The import --------------------------------------------------------------------------------


def test_the_import_refuses_a_text_over_the_limit_and_saves_one_at_it(
    client, promise, periods, alice
):
    commitment = promise.commitments().order_by("order").first()
    client.force_login(alice)
    url = reverse("followup:import", args=[promise.slug])

    def upload(text):
        csv = f"Åtagande-id;Mått-id;Värde;Status;Vad har gjorts\n{commitment.pk};;;pågår;{text}\n"
        file = SimpleUploadedFile("f.csv", csv.encode())
        return client.post(url, {"period": periods[0].pk, "file": file, "mode": "draft"})

    response = upload("x" * 5001)
    assert [str(e) for e in response.context["row_errors"]] == [
        "Rad 2: Texten är 5001 tecken lång. Högst 5000 tecken är tillåtet."
    ]
    assert not Update.objects.exists()
    assert upload("x" * 5000).context["row_errors"] == []
    assert Update.objects.get().text == "x" * 5000


# The admin ---------------------------------------------------------------------------------


ADMIN_FIELDS = [
    ("/admin/promises/promise/", lambda p: p, "summary"),
    ("/admin/promises/promise/", lambda p: p, "background"),
    ("/admin/promises/goal/", lambda p: Goal.objects.filter(promise=p).first(), "description"),
    ("/admin/promises/focusarea/", lambda p: FocusArea.objects.filter(promise=p).first(), "why"),
    ("/admin/promises/commitment/", lambda p: p.commitments().first(), "description"),
    ("/admin/actors/organisation/", lambda p: p.actors().first(), "description"),
    ("/admin/areas/area/", lambda p: p.area, "description"),
    ("/admin/events/event/", lambda p: Event.objects.get(promise=p), "description"),
]


@pytest.mark.parametrize("changelist, get, name", ADMIN_FIELDS)
def test_the_admin_refuses_a_text_over_the_models_limit(
    client, alice, promise, changelist, get, name
):
    import datetime

    from django.utils import timezone

    Event.objects.create(
        promise=promise,
        title="Möte",
        place_name="Torget",
        starts_at=timezone.make_aware(datetime.datetime(2025, 5, 1, 18)),
        ends_at=timezone.make_aware(datetime.datetime(2025, 5, 1, 20)),
    )
    obj = get(promise)
    model = type(obj)
    most = limit(model, name)
    client.force_login(alice)
    url = f"{changelist}{obj.pk}/change/"
    page = client.get(url)
    # The admin splits date and time into two inputs.
    split = {"starts_at_0": "2025-05-01", "starts_at_1": "18:00", "ends_at_0": "2025-05-01"}
    split = split | {"ends_at_1": "20:00"} if model is Event else {}
    response = client.post(url, form_data(page, **split, **{name: "x" * (most + 1)}))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[name] == [too_long(most)]
    response = client.post(url, form_data(page, **split, **{name: "x" * most}))
    assert response.status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), name) == "x" * most


# Invitations, subscriptions, periods -------------------------------------------------------


def email_of_length(length):
    domain = "@" + ".".join(["d" * 60, "e" * 60, "f" * 60, "se"])
    return "a" * (length - len(domain)) + domain


def test_an_invitation_to_an_address_over_the_limit_is_refused(client, promise, alice):
    client.force_login(alice)
    url = reverse("accounts:people", args=[promise.slug])
    data = {"action": "invite", "email": email_of_length(255), "role": "reader"}
    response = client.post(url, data)
    assert response.context["form"].errors["email"] == [too_long(254)]
    assert not Invitation.objects.exists()
    assert client.post(url, data | {"email": email_of_length(254)}).status_code == 302
    assert len(Invitation.objects.get().email) == 254


def test_a_subscription_for_an_address_over_the_limit_is_refused(client, promise):
    url = reverse("progress:subscribe", args=[promise.slug])
    response = client.post(url, {"email": email_of_length(255)})
    assert response.context["form"].errors["email"] == [too_long(254)]
    assert not Subscription.objects.exists()
    client.post(url, {"email": email_of_length(254)})
    assert len(Subscription.objects.get().email) == 254


def test_a_name_over_the_limit_is_refused_when_an_invitation_is_accepted(client, promise, alice):
    invitation = Invitation.objects.create(
        promise=promise, email="ny@example.se", role="reader", invited_by=alice
    )
    url = reverse("accounts:accept", args=[invitation.token])
    data = {"password1": "ett-bra-losen-99", "password2": "ett-bra-losen-99"}
    response = client.post(url, data | {"name": "N" * 151})
    assert response.context["form"].errors["name"] == [too_long(150)]
    assert not User.objects.filter(email="ny@example.se").exists()
    assert client.post(url, data | {"name": "N" * 150}).status_code == 302
    assert User.objects.get(email="ny@example.se").first_name == "N" * 150


def test_a_period_name_over_the_limit_is_refused(client, promise, alice):
    client.force_login(alice)
    url = reverse("followup:periods", args=[promise.slug])
    data = {"starts_on": "2026-01-01", "ends_on": "2026-03-31", "due_on": "2026-04-15"}
    response = client.post(url, data | {"name": "K" * 101})
    assert response.context["form"].errors["name"] == [too_long(100)]
    assert not ReportingPeriod.objects.exists()
    client.post(url, data | {"name": "K" * 100})
    assert ReportingPeriod.objects.get().name == "K" * 100
