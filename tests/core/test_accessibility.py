"""The accessibility statement and the shared styles of forms and cards."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_the_accessibility_statement_has_its_date_a_contact_and_the_remedies(client):
    page = client.get("/informations/accessibilite/").content.decode()
    assert '<time datetime="2026-12-06">6 décembre 2026</time>' in page
    assert '<a href="mailto:accessibilite@octet.example">accessibilite@octet.example</a>' in page
    assert "Voies de recours" in page and "Défenseur des droits" in page
    assert "https://formulaire.defenseurdesdroits.fr/" in page and "Libre réponse 71120" in page


@override_settings(ACCESSIBILITY_CONTACT_EMAIL="a11y@mairie.example")
def test_the_accessibility_contact_is_a_setting(client):
    page = client.get("/informations/accessibilite/").content.decode()
    assert "mailto:a11y@mairie.example" in page and "accessibilite@octet.example" not in page


def test_the_accessibility_statement_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/informations/accessibilite/").content.decode()
    assert '<time datetime="2026-12-06">6 December 2026</time>' in page
    assert "Feedback and contact" in page and "Enforcement procedure" in page
    assert "Voies de recours" not in page and "Par e-mail" not in page
