"""Checking rows against the promise: a plan of what each commitment's update becomes, or
row-level problems. Nothing here writes."""

from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from lofte.followup.spreadsheet.reading import FileProblem, RowError, parse_rows, read_table
from lofte.promises.models import Commitment


@dataclass
class StaleRow(RowError):
    """A row made from an older state of the commitment's update than the stored one.

    check_rows writes the message once it has looked up who changed the update last."""

    commitment: Commitment = None
    update: object = None  # the stored Update, or None when it was deleted
    knows_version: bool = True


@dataclass
class Planned:
    """What one commitment's update will become."""

    commitment: Commitment
    update: object  # the existing Update, or None
    status: str
    text: str
    is_publishable: bool
    values: dict = field(default_factory=dict)  # {measure_id: Decimal}
    changed: bool = True
    expected_version: int = 0  # the update's version the file was made from (0: none)


def check_upload(name, data, commitments, updates, *, submit, period=None):
    """Read, parse and check an uploaded file: return (plan, row errors, skipped rows).

    Raises FileProblem when the file as a whole cannot be used, is the template for another
    period than `period`, or has nothing to import."""
    rows, parse_errors = parse_rows(read_table(name, data))
    if period is not None:
        check_period(rows, period)
    plan, check_errors, skipped = check_rows(rows, commitments, updates, submit=submit)
    errors = sorted(parse_errors + check_errors, key=lambda e: e.row)
    if not errors and not plan:
        raise FileProblem(_("No row has a value, a status or a text to import."))
    return plan, errors, skipped


def check_period(rows, period):
    """Raise FileProblem when the rows come from the template of another period than the one
    chosen. Rows without a period id (a file made before the column existed, a hand-made
    CSV) pass: the version column still guards the updates they would change."""
    from lofte.followup.models import ReportingPeriod

    found = {row.period_id for row in rows} - {None}
    if not found or found == {period.pk}:
        return
    params = {"chosen": period.name}
    if len(found) > 1:
        raise FileProblem(
            _(
                "The rows of this file come from the templates of different periods. Download "
                "the template for %(chosen)s and make your changes there."
            )
            % params
        )
    other = ReportingPeriod.objects.filter(promise_id=period.promise_id, pk=found.pop()).first()
    if other is None:
        raise FileProblem(
            _(
                "This file is the template for a period this promise does not have, but you "
                "chose %(chosen)s. Download the template for %(chosen)s."
            )
            % params
        )
    params["file"] = other.name
    raise FileProblem(
        _(
            "This file is the template for %(file)s, but you chose %(chosen)s. Choose %(file)s "
            "or download the template for %(chosen)s."
        )
        % params
    )


def check_rows(rows, commitments, updates, *, submit):
    """Return (plan, errors, skipped) for parsed rows.

    commitments: {id: Commitment} of the promise, with measures prefetched;
    updates: {commitment id: Update} for the period, with values prefetched.
    The plan holds one Planned per commitment the file reports on."""
    errors = []
    groups = {}  # commitment id -> [rows], in file order
    skipped = 0
    for row in rows:
        if row.has_errors:  # already reported by parse_rows
            continue
        if row.is_empty:
            skipped += 1
            continue
        if row.commitment_id is None:
            errors.append(RowError(row.number, _("The commitment id is missing.")))
            continue
        commitment = commitments.get(row.commitment_id)
        if commitment is None:
            errors.append(
                RowError(
                    row.number,
                    _("Commitment %(id)s does not belong to this promise.")
                    % {"id": row.commitment_id},
                )
            )
            continue
        measure_ids = {m.pk for m in commitment.measures.all()}
        if row.measure_id is not None and row.measure_id not in measure_ids:
            errors.append(
                RowError(
                    row.number,
                    _("Measure %(measure)s does not belong to commitment %(commitment)s.")
                    % {"measure": row.measure_id, "commitment": row.commitment_id},
                )
            )
            continue
        if row.measure_id is None and row.value is not None:
            errors.append(
                RowError(
                    row.number,
                    _("A value needs a measure id; this row names no measure of commitment %(id)s.")
                    % {"id": row.commitment_id},
                )
            )
            continue
        groups.setdefault(row.commitment_id, []).append(row)

    plan = []
    for commitment_id, group in groups.items():
        planned, group_errors = _plan_commitment(
            commitments[commitment_id], updates.get(commitment_id), group, submit=submit
        )
        errors.extend(group_errors)
        if planned is not None:
            plan.append(planned)
    _explain_stale([e for e in errors if isinstance(e, StaleRow)])
    errors.sort(key=lambda e: e.row)
    return plan, errors, skipped


def _explain_stale(stale):
    """Write the messages of stale rows, naming who changed each update last and when."""
    from django.contrib.contenttypes.models import ContentType

    from lofte.followup.models import Update
    from lofte.history.models import Change

    last = {}
    stored = [e.update.pk for e in stale if e.update is not None]
    if stored:
        changes = Change.objects.filter(
            content_type=ContentType.objects.get_for_model(Update), object_id__in=stored
        ).select_related("user")
        for change in changes:  # newest first
            last.setdefault(change.object_id, change)
    for error in stale:
        params = {"commitment": error.commitment.title}
        if error.update is None:
            error.message = (
                _(
                    "The update for “%(commitment)s” was deleted after this template was "
                    "downloaded. Download a new template."
                )
                % params
            )
            continue
        change = last.get(error.update.pk)
        at = change.at if change else error.update.updated_at
        date = formats.date_format(timezone.localtime(at), "DATETIME_FORMAT")
        if change and change.user:
            name = change.user.get_full_name() or change.user.get_username()
            params["when"] = _("by %(name)s on %(date)s") % {"name": name, "date": date}
        else:
            params["when"] = _("on %(date)s") % {"date": date}
        if error.knows_version:
            error.message = (
                _(
                    "The update for “%(commitment)s” was changed after this template was "
                    "downloaded (%(when)s). Download a new template."
                )
                % params
            )
        else:
            error.message = (
                _(
                    "“%(commitment)s” already has an update for this period (last changed "
                    "%(when)s), and this file has no Version column to show which version it "
                    "was made from. Download a new template and make your changes there."
                )
                % params
            )


def _stale_row(group, update):
    """Return the first row made from another version of the update than the stored one,
    or None. Without a version column, any stored update counts as another version."""
    current = update.version if update is not None else None
    for row in group:
        if not row.knows_version:
            return row if update is not None else None
        if row.version != current:
            return row
    return None


def _agreed(group, attr, message, errors):
    """Return the one non-empty value of attr in the group's rows; report rows that differ."""
    first = None
    for row in group:
        value = getattr(row, attr)
        if value in ("", None):
            continue
        if first is None:
            first = row
        elif value != getattr(first, attr):
            params = {"id": row.commitment_id, "row": first.number}
            errors.append(RowError(row.number, message % params))
    return getattr(first, attr) if first else None


def _plan_commitment(commitment, update, group, *, submit):
    errors = []
    values, seen = {}, {}
    for row in group:
        if row.measure_id is None or row.value is None:
            continue
        if row.measure_id in values and values[row.measure_id] != row.value:
            errors.append(
                RowError(
                    row.number,
                    _(
                        "Measure %(measure)s appears again with a different value "
                        "(first on row %(row)s)."
                    )
                    % {"measure": row.measure_id, "row": seen[row.measure_id]},
                )
            )
            continue
        values[row.measure_id] = row.value
        seen.setdefault(row.measure_id, row.number)
    status = _agreed(
        group,
        "status",
        _("The rows of commitment %(id)s disagree on the status (see row %(row)s)."),
        errors,
    )
    text = _agreed(
        group,
        "text",
        _("The rows of commitment %(id)s disagree on what was done (see row %(row)s)."),
        errors,
    )
    publishable = _agreed(
        group,
        "publishable",
        _(
            "The rows of commitment %(id)s disagree on whether it may be published "
            "(see row %(row)s)."
        ),
        errors,
    )
    if errors:
        return None, errors

    old_values = {v.measure_id: v.value for v in update.values.all()} if update else {}
    planned = Planned(
        commitment=commitment,
        update=update,
        status=status or (update.status if update else commitment.status),
        text=text if text is not None else (update.text if update else ""),
        is_publishable=(
            publishable if publishable is not None else (update.is_publishable if update else True)
        ),
        values=values,
    )
    versions = {row.version for row in group if row.knows_version} - {None}
    if versions:
        planned.expected_version = versions.pop()
    content_changed = (
        update is None
        or planned.status != update.status
        or planned.text != update.text
        or planned.is_publishable != update.is_publishable
        or any(old_values.get(m) != v for m, v in values.items())
    )
    state_changed = (
        submit
        and update is not None
        and update.state
        in (
            update.State.DRAFT,
            update.State.RETURNED,
        )
    )
    planned.changed = content_changed or state_changed
    first_row = group[0].number
    if update is not None and update.state == update.State.APPROVED and content_changed:
        return None, [
            RowError(
                first_row,
                _(
                    "Commitment %(id)s is already approved for this period; ask the coordinator "
                    "to return it before changing it."
                )
                % {"id": commitment.pk},
            )
        ]
    # After the approved check: a new template would not get past that one either.
    stale = _stale_row(group, update)
    if stale is not None and planned.changed:
        # A row that would write nothing cannot overwrite anything: it passes.
        return None, [
            StaleRow(stale.number, "", commitment, update, knows_version=stale.knows_version)
        ]
    if submit and planned.changed and not planned.text:
        return None, [
            RowError(
                first_row,
                _("Commitment %(id)s: describe what was done before submitting it for approval.")
                % {"id": commitment.pk},
            )
        ]
    return planned, []
