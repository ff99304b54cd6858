"""Writes of follow-up that span objects: each one atomic, each one recorded in history."""

from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lofte.followup.jobs import notify_later
from lofte.followup.models import MeasureValue, Update
from lofte.history.versioned import EditConflict, record, versioned_save
from lofte.promises.models import Commitment, Membership
from lofte.web import absolute_url

UPDATE_FIELDS = [
    "status",
    "text",
    "evidence_url",
    "evidence_file",
    "is_publishable",
    "state",
    "submitted_at",
]
REVIEW_FIELDS = ["state", "review_comment", "reviewed_by", "reviewed_at"]


def _as_text(value):
    """Return a measure value as history stores it: "12.50", as the database keeps it."""
    return None if value is None else format(Decimal(value).quantize(Decimal("0.01")), "f")


def _measure_changes(update, values):
    """Return (changes for history, rows to write) for the measure values of an update."""
    measures = {m.pk: m for m in update.commitment.measures.all()}
    current = {}
    if update.pk:
        current = {v.measure_id: v for v in MeasureValue.objects.filter(update=update)}
    changes, writes = {}, []
    for measure_id, value in values.items():
        if measure_id not in measures:
            raise ValueError(f"measure {measure_id} is not a measure of {update.commitment}")
        old = current.get(measure_id)
        old_value = old.value if old else None
        if old_value == value:
            continue
        name = measures[measure_id].name
        changes[f"measure:{name}"] = [_as_text(old_value), _as_text(value)]
        writes.append((measure_id, old, value))
    return changes, writes


@transaction.atomic
def save_update(update, values, user, expected_version, submit, *, keep_state=False):
    """Save an actor's update and its measure values, as a draft or for approval.

    `update` carries the person's input (unsaved, or saved with changed fields); `values`
    maps measure ids to a Decimal or None (None removes the value). `keep_state` lets a
    coordinator correct a waiting update without taking it back to draft. Raises EditConflict
    when someone else saved the update since `expected_version`, or created it meanwhile.
    """
    promise = update.commitment.focus_area.promise
    now = timezone.now()
    if submit:
        update.state = Update.State.SUBMITTED
        update.submitted_at = now
    elif update.state != Update.State.APPROVED and not (keep_state and update.pk):
        # A coordinator correcting an approved update keeps it approved; all else is a draft.
        update.state = Update.State.DRAFT
    if update.pk is None and update.created_by_id is None and user and user.is_authenticated:
        update.created_by = user

    stored_name = None
    file = update.evidence_file
    if file and not file._committed:
        # Store the upload first: a queryset update() only writes its name.
        file.save(file.name, file.file, save=False)
        stored_name = file.name
    try:
        measure_changes, writes = _measure_changes(update, values)
        is_new = update.pk is None
        try:
            change = versioned_save(
                update,
                expected_version,
                UPDATE_FIELDS,
                user=user,
                promise=promise,
                action="submitted" if submit else "saved",
            )
        except IntegrityError as error:
            # Someone created the update for this commitment and period at the same moment.
            current = Update.objects.filter(
                commitment=update.commitment_id, period=update.period_id
            ).first()
            if current is None:
                raise
            update.pk = None
            raise EditConflict(current) from error
        if not is_new and change is None and measure_changes:
            # Only numbers changed: the update's own fields did not, but its version must.
            Update.objects.filter(pk=update.pk).update(version=F("version") + 1)
            update.version = expected_version + 1
            change = record(
                update,
                user=user,
                promise=promise,
                action="submitted" if submit else "saved",
            )
        if change is not None:
            Update.objects.filter(pk=update.pk).update(updated_at=now)
        for measure_id, old, value in writes:
            if value is None:
                old.delete()
            elif old is None:
                MeasureValue.objects.create(update=update, measure_id=measure_id, value=value)
            else:
                old.value = value
                old.save(update_fields=["value"])
        if change is not None and measure_changes:
            change.fields = {**change.fields, **measure_changes}
            change.save(update_fields=["fields"])
    except Exception:
        if stored_name:
            update.evidence_file.storage.delete(stored_name)
        raise
    return update


def _review(update, user, comment, expected_version, state, action):
    promise = update.commitment.focus_area.promise
    update.state = state
    update.review_comment = comment
    update.reviewed_by = user
    update.reviewed_at = timezone.now()
    expected = update.version if expected_version is None else expected_version
    versioned_save(update, expected, REVIEW_FIELDS, user=user, promise=promise, action=action)
    return promise


@transaction.atomic
def approve_update(update, user, comment="", *, expected_version=None):
    """Approve an update: the commitment takes its status, and subscribers hear of it."""
    promise = _review(update, user, comment, expected_version, Update.State.APPROVED, "approved")
    commitment = Commitment.objects.select_for_update().get(pk=update.commitment_id)
    # A late report on an earlier period must not turn the clock back on the commitment.
    newer = Update.objects.filter(
        commitment=commitment,
        state=Update.State.APPROVED,
        period__starts_on__gt=update.period.starts_on,
    )
    if update.status and commitment.status != update.status and not newer.exists():
        commitment.status = update.status
        versioned_save(
            commitment,
            commitment.version,
            ["status"],
            user=user,
            promise=promise,
            action="status",
            public=update.is_publishable and promise.is_public,
        )
        update.commitment = commitment
    if update.is_publishable:
        # A worker mails them (lofte/background), and only once the approval is committed: a
        # rolled-back approval never reaches residents, and the request never waits for it.
        notify_later(update, user)
    return update


def editor_emails(update):
    """Return the e-mail addresses of the people who report for the update's commitment."""
    promise_id = update.period.promise_id
    emails = set(
        Membership.objects.editors()
        .filter(promise_id=promise_id, organisation__in=update.commitment.actors.all())
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if update.created_by_id and update.created_by.email:
        emails.add(update.created_by.email)
    return sorted(emails)


@transaction.atomic
def return_update(update, user, comment, *, expected_version=None):
    """Send an update back to the actor with a comment saying what to change."""
    if not (comment or "").strip():
        raise ValueError("Returning an update needs a comment.")
    promise = _review(update, user, comment, expected_version, Update.State.RETURNED, "returned")
    recipients = editor_emails(update)
    if recipients:
        # The editors' language is not known: write in the site's, not the reviewer's.
        with translation.override(settings.LANGUAGE_CODE):
            link = absolute_url(
                reverse(
                    "followup:edit_update",
                    args=[promise.slug, update.period_id, update.commitment_id],
                )
            )
            subject = _("Your update on “%(commitment)s” was returned") % {
                "commitment": update.commitment.title
            }
            body = _(
                "%(reviewer)s returned your update for %(period)s on “%(commitment)s” "
                "with this comment:\n\n%(comment)s\n\nChange it and submit it again here:\n"
                "%(link)s\n"
            ) % {
                "reviewer": user.get_full_name() or user.get_username(),
                "period": update.period.name,
                "commitment": update.commitment.title,
                "comment": comment,
                "link": link,
            }
        # robust: the return is saved even if the mail server is down (it is logged).
        transaction.on_commit(lambda: send_mail(subject, body, None, recipients), robust=True)
    return update
