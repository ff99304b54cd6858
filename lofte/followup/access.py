"""Who may open which page of the follow-up back office."""

from django.core.exceptions import PermissionDenied

from lofte.promises.models import Membership, Promise

# Coordinators and readers see all of a promise's follow-up, not only their own part.
READS_EVERYTHING = frozenset({Membership.Role.COORDINATOR, Membership.Role.READER})


def coordinated_promise(request, slug):
    """Return the promise if the user coordinates it: 404 for drafts they cannot see, 403
    for the rest. Anonymous users are sent to log in before this."""
    promise = Promise.objects.get_visible_or_404(request.user, slug)
    if not promise.can_be_changed_by(request.user):
        raise PermissionDenied
    return promise


def roles_in(user, promise):
    """Return the set of the user's roles in the promise, those through its kommun included; a
    superuser counts as coordinator (Promise.roles_of)."""
    return promise.roles_of(user)


def may_read_everything(user, promise):
    """Return True if the user is a coordinator or a reader of the promise."""
    return bool(roles_in(user, promise) & READS_EVERYTHING)
