import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Unicode letter classes: \w minus digits and underscore, split into upper and lower case by str methods.
_DIGIT = re.compile(r"\d")


def password_problems(password: str) -> list[str]:
    problems = []
    if len(password) < 8:
        problems.append(_("au moins 8 caractères"))
    if len(password) > 255:
        problems.append(_("au plus 255 caractères"))
    if not any(c.isupper() for c in password):
        problems.append(_("une majuscule"))
    if not any(c.islower() for c in password):
        problems.append(_("une minuscule"))
    if not _DIGIT.search(password):
        problems.append(_("un chiffre"))
    return problems


class OctetPasswordRule:
    """accounts.md: at least 8 characters with an upper-case letter, a lower-case letter and a digit."""

    def validate(self, password, user=None):
        problems = password_problems(password)
        if problems:
            raise ValidationError(
                _("Votre mot de passe doit contenir %(rules)s.") % {"rules": ", ".join(problems)},
                code="password_rule",
            )

    def get_help_text(self):
        return _("Au moins 8 caractères, dont une majuscule, une minuscule et un chiffre.")
