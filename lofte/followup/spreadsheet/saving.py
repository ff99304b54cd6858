"""Saving a checked plan, all or nothing."""

from django.db import transaction


@transaction.atomic
def save_plan(plan, *, period, user, submit):
    """Create or update each planned Update and its values through save_update; all or
    nothing. Returns (updated, unchanged). Raises EditConflict if someone saved meanwhile."""
    from lofte.followup.actions import save_update
    from lofte.followup.models import Update

    updated = unchanged = 0
    for planned in plan:
        if not planned.changed:
            unchanged += 1
            continue
        update = planned.update or Update(
            commitment=planned.commitment, period=period, created_by=user
        )
        # The version the file was made from: a change since then is an EditConflict.
        expected = planned.expected_version if update.pk else 0
        update.status = planned.status
        update.text = planned.text
        update.is_publishable = planned.is_publishable
        save_update(update, planned.values, user, expected, submit)
        updated += 1
    return updated, unchanged
