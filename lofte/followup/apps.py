from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "lofte.followup"
    label = "followup"
