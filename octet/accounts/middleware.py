from django.conf import settings
from django.shortcuts import redirect


class UserLanguageMiddleware:
    """A signed-in user's language choice wins over the browser's; LocaleMiddleware then activates it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if lang not in self.languages:
            # No explicit choice: French first (a national public service), not the browser's language.
            request.META["HTTP_ACCEPT_LANGUAGE"] = settings.LANGUAGE_CODE
        response = self.get_response(request)
        return response


class ForcePasswordChangeMiddleware:
    """A student given a temporary password must choose their own before anything else (accounts.md)."""

    ALLOWED = ("/mon-compte/mot-de-passe/", "/deconnexion/", "/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        forced = user is not None and user.is_authenticated and user.must_change_password
        if forced and not request.path.startswith(self.ALLOWED):
            return redirect("accounts:change_password")
        return self.get_response(request)
