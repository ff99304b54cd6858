from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "lofte.areas"
    label = "areas"
