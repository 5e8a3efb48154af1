import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class AppendOnly(models.Model):
    """History rows are written once: a learner's answers and knowledge are never rewritten."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows are append-only.")
        super().save(*args, **kwargs)


class Assessment(models.Model):
    class Kind(models.TextChoices):
        COMPETENCE = "competence", "Évaluation de compétence"
        CAMPAIGN = "campaign", "Campagne"
        CERTIFICATION = "certification", "Certification"
        PREVIEW = "preview", "Prévisualisation"
        DEMO = "demo", "Démo"

    class State(models.TextChoices):
        STARTED = "started", "En cours"
        COMPLETED = "completed", "Terminée"
        ABORTED = "aborted", "Abandonnée"

    # A random id: it seeds the adaptive choices and appears in URLs without revealing anything.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="assessments"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.STARTED)
    competence = models.CharField(max_length=8, blank=True)
    is_retry = models.BooleanField(default=False)
    release = models.CharField(max_length=32)
    locale = models.CharField(max_length=8, default="fr")
    current_challenge_id = models.CharField(max_length=64, blank=True)
    current_challenge_asked_at = models.DateTimeField(null=True, blank=True)
    answer_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "kind", "competence", "-created_at"], name="assessment_user_comp"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competence"],
                condition=Q(kind="competence", state="started"),
                name="one_live_competence_evaluation",
            )
        ]

    @property
    def is_started(self):
        return self.state == self.State.STARTED

    @property
    def is_completed(self):
        return self.state == self.State.COMPLETED


class Answer(AppendOnly):
    class Status(models.TextChoices):
        OK = "ok", "Réussie"
        KO = "ko", "Échouée"
        ABAND = "aband", "Passée"
        TIMEDOUT = "timedout", "Temps écoulé"
        FOCUSED_OUT = "focusedOut", "Sortie de la page"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    challenge_id = models.CharField(max_length=64)
    value = models.TextField()  # the raw answer, exactly as sent
    status = models.CharField(max_length=16, choices=Status.choices)
    time_spent = models.PositiveIntegerField(default=0)  # seconds, measured by the server
    focused_out = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "challenge_id"], name="one_answer_per_question"),
        ]
        indexes = [models.Index(fields=["challenge_id"], name="answer_challenge")]

    @property
    def is_ok(self):
        return self.status == self.Status.OK


class KnowledgeElement(AppendOnly):
    class Status(models.TextChoices):
        VALIDATED = "validated", "Validé"
        INVALIDATED = "invalidated", "Invalidé"
        RESET = "reset", "Remis à zéro"

    class Source(models.TextChoices):
        DIRECT = "direct", "Direct"
        INFERRED = "inferred", "Inféré"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_elements"
    )
    skill_id = models.CharField(max_length=64)
    competence = models.CharField(max_length=8)
    status = models.CharField(max_length=16, choices=Status.choices)
    source = models.CharField(max_length=16, choices=Source.choices)
    earned_pix = models.FloatField(default=0)
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["user", "competence", "created_at"], name="ke_user_competence"),
            models.Index(fields=["assessment"], name="ke_assessment"),
        ]


class SavedTutorial(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_tutorials"
    )
    tutorial_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tutorial_id"], name="one_save_per_tutorial")]


class UsefulTutorial(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="useful_tutorials"
    )
    tutorial_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "tutorial_id"], name="one_useful_per_tutorial")
        ]
