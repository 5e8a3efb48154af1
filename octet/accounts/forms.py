from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .models import User

# HTML autocomplete tokens (WCAG 1.3.5 "Identify Input Purpose"), set on the widgets so every template
# rendering these forms gets them.
GIVEN_NAME = {"autocomplete": "given-name"}
FAMILY_NAME = {"autocomplete": "family-name"}
EMAIL = {"autocomplete": "email"}
USERNAME = {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
CURRENT_PASSWORD = {"autocomplete": "current-password"}
NEW_PASSWORD = {"autocomplete": "new-password"}


class SignUpForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=255, widget=forms.TextInput(attrs=GIVEN_NAME))
    last_name = forms.CharField(label=_("Nom"), max_length=255, widget=forms.TextInput(attrs=FAMILY_NAME))
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        required=False,
        max_length=255,
        help_text=_("Ou bien un identifiant ci-dessous, si vous n'avez pas d'adresse e-mail."),
        widget=forms.EmailInput(attrs=EMAIL),
    )
    username = forms.RegexField(
        label=_("Identifiant"),
        required=False,
        max_length=255,
        regex=r"^[\w.-]+$",
        error_messages={
            "invalid": _("Un identifiant ne contient que des lettres, des chiffres, « . », « - » et « _ ».")
        },
        widget=forms.TextInput(attrs=USERNAME),
    )
    password = forms.CharField(
        label=_("Mot de passe"),
        widget=forms.PasswordInput(render_value=False, attrs=NEW_PASSWORD),
        help_text=_("Au moins 8 caractères, dont une majuscule, une minuscule et un chiffre."),
    )
    lang = forms.ChoiceField(label=_("Langue"), choices=settings.LANGUAGES, initial="fr")
    cgu = forms.BooleanField(
        label=_("J'accepte les conditions d'utilisation d'Octet"),
        error_messages={
            "required": _("Vous devez accepter les conditions d'utilisation pour créer un compte.")
        },
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password

    def clean(self):
        data = super().clean()
        if bool(data.get("email")) == bool(data.get("username")):
            raise forms.ValidationError(_("Indiquez une adresse e-mail ou un identifiant (l'un des deux)."))
        return data


class LoginForm(forms.Form):
    login = forms.CharField(
        label=_("Adresse e-mail ou identifiant"), max_length=255, widget=forms.TextInput(attrs=USERNAME)
    )
    password = forms.CharField(
        label=_("Mot de passe"), widget=forms.PasswordInput(attrs=CURRENT_PASSWORD), max_length=255
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "lang"]
        labels = {"first_name": _("Prénom"), "last_name": _("Nom"), "lang": _("Langue")}
        widgets = {
            "first_name": forms.TextInput(attrs=GIVEN_NAME),
            "last_name": forms.TextInput(attrs=FAMILY_NAME),
            "lang": forms.Select(choices=settings.LANGUAGES),
        }


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("Nouvelle adresse e-mail"), max_length=255, widget=forms.EmailInput(attrs=EMAIL)
    )
    password = forms.CharField(
        label=_("Mot de passe actuel"), widget=forms.PasswordInput(attrs=CURRENT_PASSWORD)
    )


class EmailCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code reçu par e-mail (6 chiffres)"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Le code est composé de 6 chiffres.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Je comprends que la suppression est définitive."),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )
