from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "octet.evaluation"
    verbose_name = "Évaluation"
