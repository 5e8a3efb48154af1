"""Account forms: help texts and errors are tied to their fields, inputs say what they are for,
flash messages follow the user's language."""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """Every element's attributes, the ids on the page and the error lists."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    @property
    def ids(self):
        return {attrs["id"] for _, attrs in self.elements if attrs.get("id")}

    def field(self, name):
        (attrs,) = [
            a for tag, a in self.elements if tag in ("input", "select", "textarea") and a.get("name") == name
        ]
        return attrs

    def error_lists(self):
        return [a["id"] for tag, a in self.elements if tag == "ul" and "errorlist" in a.get("class", "")]


def assert_descriptions_resolve(html):
    """Each aria-describedby points at an element of the page and each error list is read with its field."""
    page = _Page(html)
    described = {}
    for _, attrs in page.elements:
        for ref in attrs.get("aria-describedby", "").split():
            assert ref in page.ids, f"aria-describedby={ref!r} points nowhere"
            described[ref] = attrs
    for error_id in page.error_lists():
        assert error_id in described, f"error list {error_id!r} is not announced with its field"
        assert described[error_id].get("aria-invalid") == "true"
    return page


def test_sign_up_errors_and_help_texts_are_linked_to_their_fields(client):
    html = client.post(
        "/inscription/", {"first_name": "", "last_name": "M", "email": "x", "password": "a", "lang": "fr"}
    ).content.decode()
    page = assert_descriptions_resolve(html)
    assert set(page.error_lists()) >= {
        "id_first_name_error",
        "id_email_error",
        "id_password_error",
        "id_cgu_error",
    }
    assert page.field("email")["aria-describedby"] == "id_email_helptext id_email_error"
    assert page.field("password")["aria-describedby"] == "id_password_helptext id_password_error"
    assert page.field("cgu")["aria-describedby"] == "id_cgu_error"
    # Without errors, the help text is still read with its field.
    fresh = _Page(client.get("/inscription/").content.decode())
    assert (
        fresh.field("email")["aria-describedby"] == "id_email_helptext" and "id_email_helptext" in fresh.ids
    )


def test_the_terms_error_is_on_its_own_line_below_the_checkbox(client):
    html = client.post("/inscription/", {"cgu": ""}).content.decode()
    field = re.search(r'<div class="field field-error checkbox-field">(.*?)\n</div>', html, re.S).group(1)
    control = re.search(r'<div class="checkbox-control">(.*?)</div>', field, re.S).group(1)
    assert 'id="id_cgu"' in control and 'for="id_cgu"' in control
    assert "errorlist" not in control and field.index("</div>") < field.index('class="errorlist"')


def test_sign_in_errors_are_linked_to_their_fields(client):
    page = assert_descriptions_resolve(client.post("/connexion/", {}).content.decode())
    assert set(page.error_lists()) == {"id_login_error", "id_password_error"}


def test_account_pages_errors_are_linked_to_their_fields(learner_client):
    for url, data in [
        ("/mon-compte/", {"first_name": "", "last_name": "", "lang": "xx"}),
        ("/mon-compte/email/", {"new_email": "pas-une-adresse", "password": ""}),
        ("/mon-compte/mot-de-passe/", {"old_password": "x"}),
        ("/mon-compte/supprimer/", {}),
    ]:
        page = assert_descriptions_resolve(learner_client.post(url, data).content.decode())
        assert page.error_lists(), url
    change_password = _Page(learner_client.get("/mon-compte/mot-de-passe/").content.decode())
    assert change_password.field("new_password1")["aria-describedby"] == "id_new_password1_helptext"
    assert "id_new_password1_helptext" in change_password.ids


def test_password_reset_pages_errors_are_linked_to_their_fields(client):
    page = assert_descriptions_resolve(client.post("/mot-de-passe-oublie/", {"email": "x"}).content.decode())
    assert page.error_lists() == ["id_email_error"]
    make_user("lea@example.org")
    client.post("/mot-de-passe-oublie/", {"email": "lea@example.org"})
    link = re.search(r"http://testserver(/reinitialiser/[^\s]+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    page = assert_descriptions_resolve(
        client.post(form_url, {"new_password1": "a", "new_password2": "b"}).content.decode()
    )
    assert page.error_lists()


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/connexion/", {"login": "username", "password": "current-password"}),
        (
            "/inscription/",
            {
                "first_name": "given-name",
                "last_name": "family-name",
                "email": "email",
                "username": "username",
                "password": "new-password",
            },
        ),
        ("/mot-de-passe-oublie/", {"email": "email"}),
    ],
)
def test_anonymous_forms_say_what_each_input_is_for(client, url, expected):
    page = _Page(client.get(url).content.decode())
    assert {name: page.field(name).get("autocomplete") for name in expected} == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/mon-compte/", {"first_name": "given-name", "last_name": "family-name"}),
        ("/mon-compte/email/", {"new_email": "email", "password": "current-password"}),
        (
            "/mon-compte/mot-de-passe/",
            {
                "old_password": "current-password",
                "new_password1": "new-password",
                "new_password2": "new-password",
            },
        ),
    ],
)
def test_account_forms_say_what_each_input_is_for(learner_client, url, expected):
    page = _Page(learner_client.get(url).content.decode())
    assert {name: page.field(name).get("autocomplete") for name in expected} == expected


def test_the_email_code_input_is_a_one_time_code_with_its_error_linked(learner_client):
    learner_client.post("/mon-compte/email/", {"new_email": "new@example.org", "password": PASSWORD})
    code = _Page(learner_client.get("/mon-compte/email/").content.decode()).field("code")
    assert code["autocomplete"] == "one-time-code" and code["inputmode"] == "numeric"
    page = assert_descriptions_resolve(
        learner_client.post("/mon-compte/email/", {"code": "12"}).content.decode()
    )
    assert page.error_lists() == ["id_code_error"]


def test_the_welcome_message_is_in_the_new_users_language(client):
    data = {
        "first_name": "Sam",
        "last_name": "Smith",
        "email": "sam@example.org",
        "password": PASSWORD,
        "lang": "en",
        "cgu": "on",
    }
    page = client.post("/inscription/", data, follow=True).content.decode()
    assert 'lang="en"' in page
    assert "Welcome to Octet! Your account has been created." in page
    assert "Bienvenue sur Octet" not in page


def test_the_saved_message_is_in_the_language_just_chosen(learner_client):
    data = {"first_name": "Léa", "last_name": "Martin", "lang": "en"}
    page = learner_client.post("/mon-compte/", data, follow=True).content.decode()
    assert 'lang="en"' in page and "Your details have been saved." in page
    assert "Vos informations sont enregistrées" not in page
