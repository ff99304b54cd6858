from django.apps import AppConfig


class ActorsConfig(AppConfig):
    name = "lofte.actors"
    label = "actors"
