from django.apps import AppConfig


class ReferentialConfig(AppConfig):
    name = "octet.referential"
    verbose_name = "Référentiel"
