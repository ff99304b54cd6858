"""E-mail to residents who subscribe to a promise's published updates."""

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lofte.web import absolute_url


def notify_subscribers(update):
    """Tell the confirmed subscribers of the update's promise that it was published.

    Does nothing unless residents may see the update. Returns the number of e-mails sent.
    """
    commitment = update.commitment
    promise = commitment.focus_area.promise
    if not (update.is_public and promise.is_public):
        return 0
    messages = []
    for subscription in promise.subscriptions.filter(confirmed_at__isnull=False):
        with translation.override(subscription.language):
            unsubscribe_url = absolute_url(
                reverse("progress:unsubscribe", args=[subscription.token])
            )
            ctx = {
                "promise": promise,
                "commitment": commitment,
                "update": update,
                "status": update.get_status_display(),
                "commitment_url": absolute_url(commitment.get_absolute_url())
                + f"#update-{update.pk}",
                "unsubscribe_url": unsubscribe_url,
            }
            subject = render_to_string("followup/email/update_subject.txt", ctx)
            body = render_to_string("followup/email/update_body.txt", ctx)
        messages.append(
            EmailMessage(
                " ".join(subject.split()),
                body,
                to=[subscription.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe_url}>",
                    # RFC 8058: the mail client may unsubscribe with one POST, no page.
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
        )
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
