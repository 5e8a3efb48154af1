from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "octet.accounts"
    verbose_name = "Comptes"
