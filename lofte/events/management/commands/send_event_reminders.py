"""Remind registrants the day before their event; meant for a scheduler (cron), hourly or daily."""

from django.core.management.base import BaseCommand

from lofte.events.actions import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail everyone with a place at an event that starts before tomorrow ends, once: each "
        "reminder is recorded, so running this again (or twice at once) mails no one twice."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} reminders sent.")
