"""Account writes: sign-up, sign-in with login protection, confirmation, changes, deletion (RGPD)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .backends import find_user_by_login
from .models import AuditRecord, LoginProtection, User, normalize_email

ANONYMIZED_NAME = "(anonymisé)"
EMAIL_CONFIRMATION_SALT = "octet.accounts.email-confirmation"


class AccountError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def audit(actor, action: str, target, before=None, after=None) -> AuditRecord:
    return AuditRecord.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        action=action,
        target_type=type(target).__name__,
        target_id=str(target.pk),
        before=before,
        after=after,
    )


# --- sign-up & confirmation ------------------------------------------------------------------------------


def sign_up(*, first_name, last_name, email=None, username=None, password, lang="fr", base_url="") -> User:
    email = normalize_email(email)
    username = (username or "").strip() or None
    if bool(email) == bool(username):
        raise AccountError(_("Indiquez une adresse e-mail ou un identifiant (l'un des deux)."), "email")
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                username=username,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                lang=lang,
                cgu_accepted_at=timezone.now(),
            )
    except IntegrityError as exc:
        # Said without naming which account: the form's generic refusal.
        raise AccountError(
            _("Cette adresse e-mail ou cet identifiant ne peut pas être utilisé."), "email"
        ) from exc
    if email:
        send_email_confirmation(user, base_url)
    return user


def email_confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_CONFIRMATION_SALT)


def send_email_confirmation(user: User, base_url: str = "") -> None:
    link = base_url + reverse("accounts:confirm_email", args=[email_confirmation_token(user)])
    with translation.override(user.lang):  # the language the person chose, not the page's
        subject = _("Confirmez votre adresse e-mail")
        body = _(
            "Bonjour %(name)s,\n\nPour confirmer votre adresse e-mail sur Octet, ouvrez ce lien (valable 3 jours) :\n%(link)s\n"
        ) % {"name": user.first_name, "link": link}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def confirm_email(token: str) -> User:
    try:
        data = signing.loads(
            token, salt=EMAIL_CONFIRMATION_SALT, max_age=timedelta(days=settings.EMAIL_CONFIRMATION_DAYS)
        )
    except signing.BadSignature as exc:
        raise AccountError(_("Ce lien de confirmation est invalide ou a expiré.")) from exc
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise AccountError(_("Ce lien de confirmation est invalide ou a expiré."))
    if not user.email_confirmed_at:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


# --- sign-in with login protection -----------------------------------------------------------------------


@dataclass
class Blocked:
    minutes: int | None  # None: locked until staff unblock


def _block_minutes(failures: int) -> int:
    """2, 4, 8… minutes after the 10th, 20th, 30th… consecutive failure."""
    return 2 ** (failures // settings.LOGIN_FAILURES_BEFORE_BLOCK)


def _unknown_key(login: str) -> str:
    return "login-failures:" + hashlib.sha256(login.strip().lower().encode()).hexdigest()


def sign_in(request, login: str, password: str) -> User:
    """Authenticate, applying the 10/50 failure rule. Unknown logins get the same answers as real ones,
    counted in the cache, so the messages never tell whether an account exists."""
    now = timezone.now()
    user = find_user_by_login(login)
    if user is None:
        return _fail_unknown(login, request, password)
    refusal = None
    with transaction.atomic():
        # The failure count must be committed even though the sign-in is refused: decide inside the
        # transaction, raise after it.
        protection, _created = LoginProtection.objects.select_for_update().get_or_create(user=user)
        if protection.locked:
            refusal = _blocked_message(Blocked(None))
        elif protection.blocked_until and protection.blocked_until > now:
            refusal = _blocked_message(Blocked(_minutes_left(protection.blocked_until, now)))
        else:
            authenticated = authenticate(request, login=login, password=password)
            if authenticated is None:
                protection.failure_count += 1
                if protection.failure_count >= settings.LOGIN_FAILURES_BEFORE_LOCK:
                    protection.locked = True
                elif protection.failure_count % settings.LOGIN_FAILURES_BEFORE_BLOCK == 0:
                    protection.blocked_until = now + timedelta(
                        minutes=_block_minutes(protection.failure_count)
                    )
                refusal = _generic_login_error()
            else:
                protection.failure_count = 0
                protection.blocked_until = None
            protection.save()
    if refusal:
        raise AccountError(refusal)
    return authenticated


def _fail_unknown(login: str, request, password: str):
    authenticate(request, login=login, password=password)  # same hashing cost as a real account
    key = _unknown_key(login)
    state = cache.get(key) or {"count": 0, "until": None}
    now = timezone.now()
    if state["count"] >= settings.LOGIN_FAILURES_BEFORE_LOCK:
        raise AccountError(_blocked_message(Blocked(None)))
    if state["until"] and state["until"] > now:
        raise AccountError(_blocked_message(Blocked(_minutes_left(state["until"], now))))
    state["count"] += 1
    if (
        state["count"] % settings.LOGIN_FAILURES_BEFORE_BLOCK == 0
        and state["count"] < settings.LOGIN_FAILURES_BEFORE_LOCK
    ):
        state["until"] = now + timedelta(minutes=_block_minutes(state["count"]))
    cache.set(key, state, 60 * 60 * 24)
    raise AccountError(_generic_login_error())


def _generic_login_error() -> str:
    return _("L'adresse e-mail ou l'identifiant, ou le mot de passe, est incorrect.")


def _minutes_left(until, now) -> int:
    return max(1, int((until - now).total_seconds() + 59) // 60)


def _blocked_message(blocked: Blocked) -> str:
    if blocked.minutes is None:
        return _(
            "Trop de tentatives de connexion : ce compte est bloqué. Contactez l'assistance ou votre établissement "
            "pour le débloquer."
        )
    return _("Trop de tentatives de connexion. Réessayez dans %(minutes)s minute(s).") % {
        "minutes": blocked.minutes
    }


def unblock(staff, user: User) -> None:
    with transaction.atomic():
        protection = LoginProtection.objects.filter(user=user).first()
        before = {"failures": protection.failure_count, "locked": protection.locked} if protection else None
        LoginProtection.objects.filter(user=user).update(failure_count=0, blocked_until=None, locked=False)
        audit(staff, "unblock_login", user, before, {"failures": 0, "locked": False})


# --- account changes -------------------------------------------------------------------------------------


def update_profile(user: User, *, first_name: str, last_name: str, lang: str) -> None:
    user.first_name, user.last_name, user.lang = first_name.strip(), last_name.strip(), lang
    user.save(update_fields=["first_name", "last_name", "lang"])


EMAIL_CODE_SESSION_KEY = "pending_email_change"


def request_email_change(request, user: User, *, new_email: str, password: str) -> None:
    """Sends a 6-digit code to the new address; the change happens when the code is typed back."""
    if not user.check_password(password):
        raise AccountError(_("Mot de passe incorrect."), "password")
    new_email = normalize_email(new_email)
    code = f"{secrets.randbelow(10**6):06d}"
    request.session[EMAIL_CODE_SESSION_KEY] = {
        "email": new_email,
        "code": hashlib.sha256(code.encode()).hexdigest(),
        "expires": (timezone.now() + timedelta(minutes=30)).isoformat(),
        "attempts": 0,
    }
    with translation.override(user.lang):
        subject = _("Votre code de vérification Octet")
        body = _("Votre code pour changer d'adresse e-mail : %(code)s (valable 30 minutes).") % {"code": code}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [new_email])


def confirm_email_change(request, user: User, code: str) -> None:
    pending = request.session.get(EMAIL_CODE_SESSION_KEY)
    invalid = AccountError(_("Code incorrect ou expiré."), "code")
    if not pending or timezone.datetime.fromisoformat(pending["expires"]) < timezone.now():
        request.session.pop(EMAIL_CODE_SESSION_KEY, None)
        raise invalid
    pending["attempts"] += 1
    request.session[EMAIL_CODE_SESSION_KEY] = pending
    if pending["attempts"] > 5:
        request.session.pop(EMAIL_CODE_SESSION_KEY, None)
        raise invalid
    if not secrets.compare_digest(hashlib.sha256(code.strip().encode()).hexdigest(), pending["code"]):
        raise invalid
    try:
        with transaction.atomic():
            before = {"email": user.email}
            user.email = pending["email"]
            user.email_confirmed_at = timezone.now()
            user.save(update_fields=["email", "email_confirmed_at"])
            audit(user, "change_email", user, before, {"email": user.email})
    except IntegrityError as exc:
        raise AccountError(_("Cette adresse e-mail ne peut pas être utilisée."), "code") from exc
    request.session.pop(EMAIL_CODE_SESSION_KEY, None)


def delete_account(user: User, *, actor=None) -> None:
    """Anonymization (accounts.md): names replaced, sign-in methods removed, sessions revoked;
    answers and knowledge stay only as anonymous statistics (they no longer point to a person)."""
    with transaction.atomic():
        before = {"first_name": user.first_name, "last_name": user.last_name, "had_email": bool(user.email)}
        user.first_name = ANONYMIZED_NAME
        user.last_name = ANONYMIZED_NAME
        user.email = None
        user.username = None
        user.set_unusable_password()  # also invalidates every session (the session hash derives from it)
        user.is_active = False
        user.anonymized_at = timezone.now()
        user.save()
        LoginProtection.objects.filter(user=user).delete()
        user.saved_tutorials.all().delete()
        user.useful_tutorials.all().delete()
        audit(actor or user, "anonymize_user", user, before, {"anonymized": True})
