"""The evaluation's writes: each atomic, each kept in its history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from lofte.evaluation import comparison
from lofte.evaluation.models import (
    CommitmentKind,
    ComparisonArea,
    ComparisonSelection,
    InterventionKind,
    InterventionKindRevision,
    SelectionChange,
)
from lofte.history.models import Change
from lofte.history.versioned import EditConflict


@transaction.atomic
def choose_comparison_areas(
    user,
    area,
    indicator,
    start,
    *,
    promise=None,
    value_kind="count",
    socio=None,
    buffer_m=500,
    n=None,
):
    """Make (or remake) the selection for an outcome by the rule, and record each choice."""
    selection, _created = ComparisonSelection.objects.update_or_create(
        promise=promise,
        area=area,
        indicator=indicator,
        defaults={
            "start": start,
            "value_kind": value_kind,
            "socio_economic": socio,
            "buffer_m": buffer_m,
        },
    )
    if not selection.can_be_changed_by(user):
        raise PermissionDenied
    for old in selection.areas.select_related("area"):
        SelectionChange.objects.create(
            selection=selection,
            user=user,
            action=SelectionChange.Action.REMOVED,
            area=old.area,
            area_name=old.area.name,
            reason=_("chosen again by the rule"),
        )
    selection.areas.all().delete()
    choice = comparison.choose(area, indicator, start, value_kind, socio, buffer_m, n)
    for candidate in choice.chosen:
        ComparisonArea.objects.create(
            selection=selection,
            area=candidate.area,
            chosen_by=ComparisonArea.ChosenBy.RULE,
            facts=candidate.facts,
            score=candidate.score,
        )
        SelectionChange.objects.create(
            selection=selection,
            user=user,
            action=SelectionChange.Action.CHOSEN,
            area=candidate.area,
            area_name=candidate.area.name,
        )
    return selection, choice


@transaction.atomic
def add_comparison_area(user, selection, area, reason):
    """An analyst adds an area, saying why; the change is kept."""
    if not selection.can_be_changed_by(user):
        raise PermissionDenied
    if not reason.strip():
        raise ValueError(_("Say why the area is added."))
    ComparisonArea.objects.update_or_create(
        selection=selection,
        area=area,
        defaults={"chosen_by": ComparisonArea.ChosenBy.ANALYST, "reason": reason, "facts": {}},
    )
    SelectionChange.objects.create(
        selection=selection,
        user=user,
        action=SelectionChange.Action.ADDED,
        area=area,
        area_name=area.name,
        reason=reason,
    )


@transaction.atomic
def remove_comparison_area(user, selection, area, reason):
    """An analyst removes an area, saying why; the change is kept."""
    if not selection.can_be_changed_by(user):
        raise PermissionDenied
    if not reason.strip():
        raise ValueError(_("Say why the area is removed."))
    deleted, _rows = selection.areas.filter(area=area).delete()
    if deleted:
        SelectionChange.objects.create(
            selection=selection,
            user=user,
            action=SelectionChange.Action.REMOVED,
            area=area,
            area_name=area.name,
            reason=reason,
        )


KIND_FIELDS = ("name", "name_en", "description", "evidence", "finding", "source", "source_url")


@transaction.atomic
def save_intervention_kind(user, kind, seen_version=None):
    """Save a new or changed catalogue entry and keep what changed (access checked by the
    caller). A change to a version other than `seen_version` raises EditConflict."""
    if kind.pk is None:
        kind.created_by = user
        kind.full_clean()
        kind.save()
        fields = {f: [None, str(getattr(kind, f))] for f in KIND_FIELDS if getattr(kind, f)}
        InterventionKindRevision.objects.create(
            kind=kind, user=user, action="created", fields=fields
        )
        return kind
    old = InterventionKind.objects.select_for_update().get(pk=kind.pk)
    if seen_version is not None and seen_version != old.version:
        raise EditConflict(old)
    fields = {
        f: [str(getattr(old, f)), str(getattr(kind, f))]
        for f in KIND_FIELDS
        if getattr(old, f) != getattr(kind, f)
    }
    kind.full_clean()
    kind.version = old.version + 1
    kind.save()
    if fields:
        InterventionKindRevision.objects.create(
            kind=kind, user=user, action="changed", fields=fields
        )
    return kind


@transaction.atomic
def tag_commitment(user, commitment, kind):
    """Tag a commitment with its kind of intervention (None: untag); kept in its history."""
    promise = commitment.focus_area.promise
    if not promise.can_be_changed_by(user):
        raise PermissionDenied
    old = CommitmentKind.objects.filter(commitment=commitment).select_related("kind").first()
    old_kind = old.kind if old else None
    if old_kind == kind:
        return old
    if kind is None:
        old.delete()
        tag = None
    else:
        tag, _created = CommitmentKind.objects.update_or_create(
            commitment=commitment, defaults={"kind": kind, "tagged_by": user}
        )
    Change.objects.create(
        promise=promise,
        target=commitment,
        user=user,
        action="changed",
        fields={"evaluation:" + _("kind of intervention"): [str(old_kind or ""), str(kind or "")]},
        is_public=True,
    )
    return tag
