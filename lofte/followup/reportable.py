"""What a person may report on, and how their input is saved: the one rule the reporting form
(`views.reporting.edit_update`) and the API's reporting endpoints (`lofte.api.write`) share."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from lofte.followup.actions import save_update
from lofte.followup.models import ReportingPeriod, Update
from lofte.promises.models import Commitment


@dataclass
class ReportingTarget:
    """A commitment and a period a person reports on, and the update they have, if any."""

    period: ReportingPeriod
    commitment: Commitment
    update: Update | None
    is_coordinator: bool

    @classmethod
    def find(cls, user, promise, period_id, commitment_id):
        """Return the target, or raise Http404 (no such started period or commitment in the
        promise) or PermissionDenied (the person may not report on the commitment)."""
        # Only periods that have begun: nobody reports on the future.
        period = get_object_or_404(promise.periods.started(), pk=period_id)
        commitment = get_object_or_404(
            Commitment.objects.select_related("focus_area__promise").prefetch_related(
                "measures", "actors"
            ),
            pk=commitment_id,
            focus_area__promise=promise,
        )
        if not commitment.can_be_reported_by(user):
            raise PermissionDenied
        update = (
            Update.objects.filter(commitment=commitment, period=period)
            .select_related("reviewed_by")
            .prefetch_related("values")
            .first()
        )
        return cls(period, commitment, update, promise.can_be_changed_by(user))

    @property
    def read_only(self):
        """An approved update is changed only by a coordinator."""
        return (
            self.update is not None
            and self.update.state == Update.State.APPROVED
            and not self.is_coordinator
        )

    def save(self, form, user):
        """Save a valid UpdateForm as the update; raises EditConflict on a stale version. A
        coordinator correcting a waiting or approved update keeps it where it is."""
        target = self.update or Update(commitment=self.commitment, period=self.period)
        form.apply_to(target)
        return save_update(
            target,
            form.values(),
            user,
            form.cleaned_data["version"],
            submit=form.submitting,
            keep_state=self.is_coordinator,
        )
