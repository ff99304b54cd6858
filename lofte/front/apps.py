from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "lofte.front"
    label = "front"
    verbose_name = "Löfte"
