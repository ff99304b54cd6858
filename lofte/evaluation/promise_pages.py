"""The evaluation's parts of the promise's pages (lofte.promises.pages): beside a commitment
tagged with its kind of intervention, the level of evidence and its source.

Registered by EvaluationConfig.ready(), so promises shows them without importing evaluation.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lofte.evaluation.models import CommitmentKind
from lofte.promises import pages


@pages.adds_to("detail")
def evidence_on_the_promise_page(request, promise, *, commitments, **objects):
    """Give each commitment its `intervention_tag` (or None), in one query."""
    tags = {
        t.commitment_id: t
        for t in CommitmentKind.objects.filter(
            commitment__in=[c.pk for c in commitments]
        ).select_related("kind")
    }
    for c in commitments:
        c.intervention_tag = tags.get(c.pk)
    return {
        "parts": {
            "commitment_card": ["evaluation/_evidence.html"],
            "summary": ["evaluation/_report_link.html"],
        }
    }


@pages.adds_to("commitment")
def evidence_on_the_commitment_page(request, promise, *, commitment, **objects):
    """The commitment's kind and evidence, and for its coordinators the way to change it."""
    commitment.intervention_tag = (
        CommitmentKind.objects.filter(commitment=commitment).select_related("kind").first()
    )
    return {
        "may_tag": promise.can_be_changed_by(request.user),
        "parts": {"follow_up": ["evaluation/_commitment_evidence.html"]},
    }


@pages.adds_to("dashboard")
@pages.adds_to("report")
def logic_check(request, promise, **objects):
    """The promise's logic check (lofte.evaluation.logic): each gap, with where it is fixed
    for those who may fix it."""
    from lofte.evaluation.logic import gaps

    found = gaps(promise, request.user)
    return {
        "logic_gaps": found,
        "may_fix_gaps": promise.can_be_changed_by(request.user),
        "parts": {"end": ["evaluation/_logic_check.html"]},
        "sections": [_logic_section(found)],
    }


def _logic_section(found):
    """The logic check as the report's PDF and spreadsheet show it: the page's words."""
    if found:
        said = ngettext(
            "The logic check found %(n)s gap.", "The logic check found %(n)s gaps.", len(found)
        ) % {"n": len(found)}
    else:
        said = _(
            "The logic check found no gaps: every goal has commitments, every commitment a goal "
            "and measures with targets and recent data, every prioritised problem a commitment, "
            "every outcome measure data from before the start."
        )
    return pages.Section(
        heading=_("Does the promise hold together?"),
        paragraphs=[said],
        columns=[_("Gap")],
        rows=[(gap.message,) for gap in found],
        sheet=_("Logic check"),
    )
