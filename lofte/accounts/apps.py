from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lofte.accounts"
    label = "accounts"
