import pytest

from octet.accounts.models import AuditRecord, LoginProtection
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_every_page_has_skip_link_language_switch_and_legal_footer(client):
    page = client.get("/").content.decode()
    assert 'class="skip-link" href="#contenu"' in page and 'id="contenu"' in page
    assert 'name="language"' in page and 'lang="fr"' in page
    for slug in ("mentions-legales", "accessibilite", "donnees-personnelles", "cgu"):
        assert f"/informations/{slug}/" in page
        assert client.get(f"/informations/{slug}/").status_code == 200
    assert client.get("/informations/inconnue/").status_code == 404


def test_language_switch_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert 'lang="en"' in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert 'lang="fr"' in client.get("/").content.decode()


def test_french_by_default_whatever_the_browser_says(client):
    assert 'lang="fr"' in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()


def test_back_office_is_for_staff_only(client):
    client.force_login(make_user("learner@example.org"))
    assert client.get("/backoffice/").status_code == 302
    client.force_login(make_user("admin@example.org", is_staff=True, is_superuser=True))
    assert client.get("/backoffice/").status_code == 200
    assert client.get("/backoffice/accounts/user/").status_code == 200
    assert client.get("/backoffice/evaluation/assessment/").status_code == 200


def test_staff_unblocks_a_locked_account_with_an_audit_record(client):
    locked = make_user("bloque@example.org")
    LoginProtection.objects.create(user=locked, failure_count=50, locked=True)
    admin = make_user("admin@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.post("/backoffice/accounts/user/", {"action": "unblock_login", "_selected_action": [locked.pk]})
    protection = LoginProtection.objects.get(user=locked)
    assert not protection.locked and protection.failure_count == 0
    record = AuditRecord.objects.get(action="unblock_login")
    assert record.actor == admin and record.before == {"failures": 50, "locked": True}


@pytest.mark.django_db
def test_error_pages_speak_to_the_user_in_french(client, rf):
    from django.test import Client
    from django.views.defaults import permission_denied, server_error

    missing = client.get("/cette-page-nexiste-pas/")
    assert missing.status_code == 404 and "Page introuvable" in missing.content.decode()
    strict = Client(enforce_csrf_checks=True)
    expired = strict.post("/connexion/", {"login": "x", "password": "y"})
    assert expired.status_code == 403 and "Page expirée" in expired.content.decode()
    assert "Rien n'a été enregistré" in expired.content.decode().replace("&#x27;", "'")
    request = rf.get("/")
    request.user = make_user("curieux@example.org")
    denied = permission_denied(request, exception=None)
    assert denied.status_code == 403 and "Accès refusé" in denied.content.decode()
    crashed = server_error(rf.get("/"))
    assert crashed.status_code == 500 and "Le service a rencontré une erreur" in crashed.content.decode()
