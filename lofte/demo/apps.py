from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "lofte.demo"
    label = "demo"
