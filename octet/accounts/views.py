import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import DeleteAccountForm, EmailChangeForm, EmailCodeForm, LoginForm, ProfileForm, SignUpForm


def _posted(request):
    """The POST data to bind a form to (an empty POST is still a submission to validate)."""
    return request.POST if request.method == "POST" else None


def _with_language(response, lang):
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang, samesite="Lax", max_age=365 * 24 * 3600)
    return response


def _next_url(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def signup(request):
    if request.user.is_authenticated:
        return redirect("evaluation:profile")
    form = SignUpForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.sign_up(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"] or None,
                username=data["username"] or None,
                password=data["password"],
                lang=data["lang"],
                base_url=request.build_absolute_uri("/")[:-1],
            )
        except services.AccountError as exc:
            form.add_error(None, exc.message)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            # The next page is in the new user's language (cookie below): the message must be too.
            with override(user.lang):
                messages.success(request, _("Bienvenue sur Octet ! Votre compte est créé."))
            return _with_language(redirect("evaluation:profile"), user.lang)
    return render(request, "accounts/signup.html", {"form": form})


def login_view(request):
    if request.user.is_authenticated:
        return redirect("evaluation:profile")
    form = LoginForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_in(request, form.cleaned_data["login"], form.cleaned_data["password"])
        except services.AccountError as exc:
            form.add_error(None, exc.message)
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            if user.must_change_password:
                with override(user.lang):
                    messages.info(request, _("Choisissez un nouveau mot de passe pour continuer."))
                return _with_language(redirect("accounts:change_password"), user.lang)
            return _with_language(redirect(_next_url(request, "evaluation:profile")), user.lang)
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


def confirm_email(request, token):
    try:
        services.confirm_email(token)
    except services.AccountError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Votre adresse e-mail est confirmée."))
    return redirect("accounts:account" if request.user.is_authenticated else "accounts:login")


@login_required
def account(request):
    form = ProfileForm(_posted(request), instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(
            request.user,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            lang=form.cleaned_data["lang"],
        )
        with override(request.user.lang):  # the language just chosen, the one of the next page
            messages.success(request, _("Vos informations sont enregistrées."))
        return _with_language(redirect("accounts:account"), request.user.lang)
    return render(request, "accounts/account.html", {"form": form, "nav": "account"})


@login_required
def change_email(request):
    pending = request.session.get(services.EMAIL_CODE_SESSION_KEY)
    email_form = EmailChangeForm(request.POST if "new_email" in request.POST else None)
    code_form = EmailCodeForm(request.POST if "code" in request.POST else None)
    if request.method == "POST":
        try:
            if "new_email" in request.POST and email_form.is_valid():
                services.request_email_change(
                    request,
                    request.user,
                    new_email=email_form.cleaned_data["new_email"],
                    password=email_form.cleaned_data["password"],
                )
                messages.info(request, _("Un code à 6 chiffres vient d'être envoyé à la nouvelle adresse."))
                return redirect("accounts:change_email")
            if "code" in request.POST and code_form.is_valid():
                services.confirm_email_change(request, request.user, code_form.cleaned_data["code"])
                messages.success(request, _("Votre adresse e-mail a été modifiée."))
                return redirect("accounts:account")
        except services.AccountError as exc:
            (code_form if exc.field == "code" else email_form).add_error(None, exc.message)
    return render(
        request,
        "accounts/change_email.html",
        {"email_form": email_form, "code_form": code_form, "pending": pending, "nav": "account"},
    )


@login_required
def change_password(request):
    form = PasswordChangeForm(request.user, _posted(request))
    if request.method == "POST" and form.is_valid():
        user = form.save()
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        update_session_auth_hash(request, user)
        messages.success(request, _("Votre mot de passe a été modifié."))
        return redirect("accounts:account")
    return render(request, "accounts/change_password.html", {"form": form, "nav": "account"})


@login_required
def export_data(request):
    data = selectors.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-octet.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.delete_account(request.user)
        logout(request)
        messages.success(request, _("Votre compte a été supprimé et vos données personnelles anonymisées."))
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form, "nav": "account"})
