"""E-mail to residents who subscribe to a promise's published updates."""


def notify_subscribers(update):
    """Tell the confirmed subscribers of the update's promise that it was published."""
