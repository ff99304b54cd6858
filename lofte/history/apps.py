from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "lofte.history"
    label = "history"
