from django.apps import AppConfig


class PromisesConfig(AppConfig):
    name = "lofte.promises"
    label = "promises"
