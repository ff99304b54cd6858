"""The evaluation's parts of the promise's pages (lofte.promises.pages): beside a commitment
tagged with its kind of intervention, the level of evidence and its source.

Registered by EvaluationConfig.ready(), so promises shows them without importing evaluation.
"""

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

    return {
        "logic_gaps": gaps(promise, request.user),
        "may_fix_gaps": promise.can_be_changed_by(request.user),
        "parts": {"end": ["evaluation/_logic_check.html"]},
    }
