from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, *, email=None, username=None, password=None, **fields):
        if not email and not username:
            raise ValueError("Un compte a besoin d'une adresse e-mail ou d'un identifiant.")
        user = self.model(email=normalize_email(email), username=username or None, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email=None, password=None, username=None, **fields):
        fields.update(is_staff=True, is_superuser=True, staff_role=User.StaffRole.SUPER_ADMIN)
        fields.setdefault("first_name", "Admin")
        fields.setdefault("last_name", "Octet")
        fields.setdefault("cgu_accepted_at", timezone.now())
        return self.create_user(email=email, username=username, password=password, **fields)


def normalize_email(email):
    return email.strip().lower() if email else None


class User(AbstractBaseUser, PermissionsMixin):
    class StaffRole(models.TextChoices):
        SUPER_ADMIN = "SUPER_ADMIN", "Super admin"
        SUPPORT = "SUPPORT", "Support"
        METIER = "METIER", "Métier"
        CERTIF = "CERTIF", "Certification"

    first_name = models.CharField("prénom", max_length=255)
    last_name = models.CharField("nom", max_length=255)
    # Exactly one sign-in identifier is required at sign-up; both may exist later (a student adding an email).
    email = models.EmailField("adresse e-mail", max_length=255, null=True, blank=True)  # noqa: DJ001 - NULL, not "", so the unique constraint allows many accounts without one
    username = models.CharField("identifiant", max_length=255, null=True, blank=True)  # noqa: DJ001 - same reason
    lang = models.CharField("langue", max_length=8, default="fr")
    cgu_accepted_at = models.DateTimeField(null=True, blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    must_change_password = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    staff_role = models.CharField(max_length=16, choices=StaffRole.choices, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)
    anonymized_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "id"  # sign-in goes through EmailOrUsernameBackend, never through this field
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = "utilisateur"
        constraints = [
            models.UniqueConstraint(
                fields=["email"], condition=Q(email__isnull=False), name="unique_user_email"
            ),
            models.UniqueConstraint(
                fields=["username"], condition=Q(username__isnull=False), name="unique_user_username"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.first_name

    @property
    def login(self):
        return self.email or self.username or ""


class LoginProtection(models.Model):
    """Consecutive failed sign-ins of an account: blocks after each 10, locks after 50 (accounts.md)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="login_protection")
    failure_count = models.PositiveIntegerField(default=0)
    blocked_until = models.DateTimeField(null=True, blank=True)
    locked = models.BooleanField(default=False)


class AuditRecord(models.Model):
    """Append-only record of sensitive changes: who, what, when, before/after."""

    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=64)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit records are append-only.")
        super().save(*args, **kwargs)
