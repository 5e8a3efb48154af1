from django.contrib.auth.backends import ModelBackend

from .models import User, normalize_email


class EmailOrUsernameBackend(ModelBackend):
    """Sign-in with an email or a username. Login protection is applied by accounts.services.sign_in."""

    def authenticate(self, request, login=None, password=None, **kwargs):
        if not login or password is None:
            return None
        login = login.strip()
        user = find_user_by_login(login)
        if user is None:
            User().set_password(password)  # same cost whether or not the account exists (no timing oracle)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def find_user_by_login(login):
    login = (login or "").strip()
    if not login:
        return None
    if "@" in login:
        return User.objects.filter(email=normalize_email(login)).first()
    return User.objects.filter(username=login).first() or User.objects.filter(username__iexact=login).first()
