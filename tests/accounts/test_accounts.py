import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from octet.accounts.models import AuditRecord, User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db
GENERIC = "L&#x27;adresse e-mail ou l&#x27;identifiant, ou le mot de passe, est incorrect."


def signup(client, **overrides):
    data = {
        "first_name": "Léa",
        "last_name": "Martin",
        "email": "Lea.Martin@Example.org ",
        "username": "",
        "password": PASSWORD,
        "lang": "fr",
        "cgu": "on",
    }
    data.update(overrides)
    return client.post("/inscription/", data)


def test_sign_up_with_email_signs_in_and_sends_a_confirmation(client):
    response = signup(client)
    assert response.status_code == 302 and response["Location"] == "/competences/"
    user = User.objects.get()
    assert user.email == "lea.martin@example.org" and user.cgu_accepted_at is not None
    assert client.get("/competences/").status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"/confirmer-email/[^\s]+/", mail.outbox[0].body).group(0)
    client.get(link)
    user.refresh_from_db()
    assert user.email_confirmed_at is not None


def test_the_confirmation_email_speaks_the_language_the_person_chose(client):
    signup(client, lang="en")
    assert mail.outbox[0].subject == "Confirm your email address"


def test_sign_up_with_a_username(client):
    assert signup(client, email="", username="lea.martin0512").status_code == 302
    assert User.objects.get().username == "lea.martin0512"


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"cgu": ""}, "Vous devez accepter les conditions d&#x27;utilisation"),
        ({"password": "court1A"}, "au moins 8 caractères"),
        ({"password": "toutminuscule1"}, "une majuscule"),
        ({"email": "", "username": ""}, "Indiquez une adresse e-mail ou un identifiant"),
        ({"username": "lea"}, "Indiquez une adresse e-mail ou un identifiant"),
        ({"email": "pas-une-adresse"}, "Saisissez une adresse de courriel valide"),
    ],
)
def test_sign_up_refuses_bad_input_in_french_and_creates_nothing(client, overrides, message):
    response = signup(client, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_with_a_taken_email_does_not_say_it_exists(client):
    make_user("lea.martin@example.org")
    page = signup(client).content.decode()
    assert "ne peut pas être utilisé" in page and "existe" not in page
    assert User.objects.count() == 1


def test_password_rule_accepts_unicode_letters(client):
    assert signup(client, password="Élève2026éé").status_code == 302


def test_sign_in_by_email_or_username_and_sign_out(client):
    make_user("lea@example.org", username="lea.martin0512")
    assert client.post("/connexion/", {"login": "LEA@example.org", "password": PASSWORD}).status_code == 302
    client.post("/deconnexion/")
    assert client.get("/competences/").status_code == 302
    assert client.post("/connexion/", {"login": "lea.martin0512", "password": PASSWORD}).status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_message(client):
    make_user("lea@example.org")
    wrong = client.post(
        "/connexion/", {"login": "lea@example.org", "password": "Mauvais123"}
    ).content.decode()
    unknown = client.post(
        "/connexion/", {"login": "personne@example.org", "password": "Mauvais123"}
    ).content.decode()
    assert GENERIC in wrong and GENERIC in unknown


def test_ten_failures_block_for_2_minutes_then_50_lock_the_account(client):
    user = make_user("lea@example.org")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(10):
            client.post("/connexion/", {"login": "lea@example.org", "password": "Mauvais123"})
        blocked = client.post(
            "/connexion/", {"login": "lea@example.org", "password": PASSWORD}
        ).content.decode()
        assert "Réessayez dans 2 minute(s)" in blocked
    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        assert (
            client.post("/connexion/", {"login": "lea@example.org", "password": PASSWORD}).status_code == 302
        )
        client.post("/deconnexion/")
    user.login_protection.refresh_from_db()
    assert user.login_protection.failure_count == 0
    moment = start + timedelta(minutes=5)
    for _ in range(50):
        moment += timedelta(minutes=20)  # past every temporary block
        with time_machine.travel(moment, tick=False):
            client.post("/connexion/", {"login": "lea@example.org", "password": "Mauvais123"})
    with time_machine.travel(moment + timedelta(days=30), tick=False):
        page = client.post("/connexion/", {"login": "lea@example.org", "password": PASSWORD}).content.decode()
        assert "ce compte est bloqué" in page


def test_unknown_logins_are_blocked_like_real_ones(client):
    for _ in range(10):
        client.post("/connexion/", {"login": "fantome@example.org", "password": "Mauvais123"})
    page = client.post(
        "/connexion/", {"login": "fantome@example.org", "password": "Mauvais123"}
    ).content.decode()
    assert "Réessayez dans 2 minute(s)" in page


def test_password_reset_by_email_link_works_once(client):
    make_user("lea@example.org")
    assert client.post("/mot-de-passe-oublie/", {"email": "inconnu@example.org"}).status_code == 302
    assert len(mail.outbox) == 0  # same page, no mail, nothing revealed
    client.post("/mot-de-passe-oublie/", {"email": "lea@example.org"})
    link = re.search(r"http://testserver(/reinitialiser/[^\s]+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    form_url = form.redirect_chain[-1][0]
    new = "NouveauMdp2026"
    assert client.post(form_url, {"new_password1": new, "new_password2": new}).status_code == 302
    assert client.post("/connexion/", {"login": "lea@example.org", "password": new}).status_code == 302
    client.post("/deconnexion/")
    again = client.get(link, follow=True).content.decode()
    assert "invalide ou a déjà servi" in again


def test_account_page_updates_names_and_language(learner_client, learner):
    response = learner_client.post("/mon-compte/", {"first_name": "Léa", "last_name": "Dupont", "lang": "en"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    learner.refresh_from_db()
    assert learner.last_name == "Dupont" and learner.lang == "en"


def test_email_change_needs_the_password_and_the_code(learner_client, learner):
    page = learner_client.post("/mon-compte/email/", {"new_email": "new@example.org", "password": "Faux1234"})
    assert "Mot de passe incorrect" in page.content.decode()
    learner_client.post("/mon-compte/email/", {"new_email": "New@example.org", "password": PASSWORD})
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    wrong = "000000" if code != "000000" else "111111"
    assert "Code incorrect" in learner_client.post("/mon-compte/email/", {"code": wrong}).content.decode()
    learner_client.post("/mon-compte/email/", {"code": code})
    learner.refresh_from_db()
    assert learner.email == "new@example.org"
    assert AuditRecord.objects.filter(action="change_email").exists()


def test_download_my_data_contains_my_answers(learner_client, learner):
    learner_client.post("/competences/1.1/commencer/")
    data = json.loads(learner_client.get("/mon-compte/mes-donnees.json").content)
    assert data["compte"]["email"] == learner.email
    assert data["evaluations"][0]["competence"] == "1.1"
    assert set(data["profil"]["competences"]) == {"1.1", "4.2"}


def test_deleting_my_account_anonymizes_it(learner_client, learner):
    learner_client.post("/competences/1.1/commencer/")
    assert "Cochez la case" in learner_client.post("/mon-compte/supprimer/", {}).content.decode()
    learner_client.post("/mon-compte/supprimer/", {"confirm": "on"})
    learner.refresh_from_db()
    assert learner.first_name == learner.last_name == "(anonymisé)"
    assert learner.email is None and not learner.has_usable_password() and not learner.is_active
    assert learner.assessments.count() == 1  # kept as anonymous statistics
    assert learner_client.get("/competences/").status_code == 302
    assert AuditRecord.objects.filter(action="anonymize_user", target_id=str(learner.pk)).exists()


def test_a_temporary_password_must_be_changed_first(client):
    make_user("eleve@example.org", must_change_password=True)
    response = client.post("/connexion/", {"login": "eleve@example.org", "password": PASSWORD})
    assert response["Location"] == "/mon-compte/mot-de-passe/"
    assert client.get("/competences/")["Location"] == "/mon-compte/mot-de-passe/"
    client.post(
        "/mon-compte/mot-de-passe/",
        {"old_password": PASSWORD, "new_password1": "MonChoix2026", "new_password2": "MonChoix2026"},
    )
    assert client.get("/competences/").status_code == 200


def test_audit_records_are_append_only(learner):
    record = AuditRecord.objects.create(action="x", target_type="User", target_id=str(learner.pk))
    with pytest.raises(ValueError):
        record.save()
