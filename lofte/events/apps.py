from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "lofte.events"
    label = "events"
