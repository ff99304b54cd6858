"""E-mail to residents who subscribe to a promise's published updates."""

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lofte.background.jobs import deliver
from lofte.web import absolute_url


def subscriber_message(update, subscription):
    """Return the e-mail telling one subscriber of the update, in their language."""
    commitment = update.commitment
    promise = commitment.focus_area.promise
    with translation.override(subscription.language):
        unsubscribe_url = absolute_url(reverse("progress:unsubscribe", args=[subscription.token]))
        ctx = {
            "promise": promise,
            "commitment": commitment,
            "update": update,
            "status": update.get_status_display(),
            "commitment_url": absolute_url(commitment.get_absolute_url()) + f"#update-{update.pk}",
            "unsubscribe_url": unsubscribe_url,
        }
        subject = render_to_string("followup/email/update_subject.txt", ctx)
        body = render_to_string("followup/email/update_body.txt", ctx)
    return EmailMessage(
        " ".join(subject.split()),
        body,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            # RFC 8058: the mail client may unsubscribe with one POST, no page.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def notify_subscribers(update, job=None):
    """Tell the confirmed subscribers of the update's promise that it was published.

    Does nothing unless residents may see the update. One mail at a time over one connection,
    each built just before it goes (10,000 subscribers are never 10,000 messages in memory).
    With a background job, each subscriber is recorded as it is mailed, so a retry of the job
    mails only those it has not. Returns the number of e-mails sent."""
    promise = update.commitment.focus_area.promise
    if not (update.is_public and promise.is_public):
        return 0
    sent = 0
    subscriptions = promise.subscriptions.filter(confirmed_at__isnull=False).order_by("pk")
    with get_connection() as connection:
        for subscription in subscriptions.iterator(chunk_size=500):

            def send(subscription=subscription):
                connection.send_messages([subscriber_message(update, subscription)])

            if job is None:
                send()
                sent += 1
            elif deliver(job, f"subscription:{subscription.pk}", send):
                sent += 1
    return sent
