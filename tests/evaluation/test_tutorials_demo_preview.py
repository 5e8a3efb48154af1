import pytest
from django.test import Client

from octet.evaluation.models import Answer, Assessment, SavedTutorial, UsefulTutorial
from tests.conftest import make_user
from tests.helpers import right_answer_fields, wrong_answer_fields

pytestmark = pytest.mark.django_db


def test_saving_a_tutorial_is_idempotent_and_can_be_undone(learner_client, learner):
    for _ in range(2):
        assert learner_client.post("/tutos/tuto-moteur/enregistrer/").status_code == 302
    assert SavedTutorial.objects.filter(user=learner).count() == 1
    saved_page = learner_client.get("/tutos/?onglet=enregistres").content.decode()
    assert "Utiliser un moteur de recherche" in saved_page
    learner_client.post("/tutos/tuto-moteur/retirer/")
    learner_client.post("/tutos/tuto-moteur/retirer/")
    assert not SavedTutorial.objects.exists()


def test_useful_mark_and_htmx_fragment(learner_client, learner):
    response = learner_client.post(
        "/tutos/tuto-mdp/utile/", {"next": "/tutos/?page=2"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    # Without htmx the new buttons must still lead back to the learner's page, not to the action URL.
    assert 'name="next" value="/tutos/?page=2"' in response.content.decode()
    assert UsefulTutorial.objects.filter(user=learner, tutorial_id="tuto-mdp").exists()
    learner_client.post("/tutos/tuto-mdp/pas-utile/")
    assert not UsefulTutorial.objects.exists()


def test_an_unknown_tutorial_is_refused(learner_client):
    assert learner_client.post("/tutos/nexiste-pas/enregistrer/").status_code == 404
    assert not SavedTutorial.objects.exists()


def test_recommended_tutorials_come_from_failed_skills(learner_client, referential):
    learner_client.post("/competences/4.2/commencer/")
    assessment = Assessment.objects.get()
    challenge = referential.challenges[assessment.current_challenge_id]
    learner_client.post(f"/evaluations/{assessment.pk}/repondre/", wrong_answer_fields(challenge))
    page = learner_client.get("/tutos/").content.decode()
    assert "Un bon mot de passe" in page
    assert "Un bon mot de passe" not in learner_client.get("/tutos/?competence=1.1").content.decode()


def test_competence_page_lists_tutorials_of_the_easiest_failed_skill(learner_client, referential):
    learner_client.post("/competences/1.1/commencer/")
    assessment = Assessment.objects.get()
    challenge = referential.challenges[assessment.current_challenge_id]
    learner_client.post(f"/evaluations/{assessment.pk}/repondre/", wrong_answer_fields(challenge))
    page = learner_client.get("/competences/1.1/").content.decode()
    assert "Cultivez vos compétences" in page


def test_a_self_hosted_tutorial_page_is_public(client):
    page = client.get("/tutos/tuto-operateurs/")
    assert page.status_code == 200 and "filetype:pdf" in page.content.decode()
    assert client.get("/tutos/inconnu/").status_code == 404


def test_demo_course_without_account_and_only_for_its_browser(client, referential):
    response = client.post("/demo/")
    assessment = Assessment.objects.get()
    assert assessment.user is None and assessment.kind == "demo"
    for challenge_id in referential.demo:
        assert assessment.current_challenge_id == challenge_id
        client.post(
            f"/evaluations/{assessment.pk}/repondre/",
            right_answer_fields(referential.challenges[challenge_id]),
        )
        assessment.refresh_from_db()
    assert assessment.state == "completed"
    page = client.get(response["Location"], follow=True).content.decode()
    assert "Test terminé" in page and page.count("mark-ok") == len(referential.demo)
    stranger = Client()
    assert stranger.get(f"/evaluations/{assessment.pk}/resultats/").status_code == 404


def test_preview_is_for_staff_only_and_grades_without_recording(client, referential):
    learner = make_user("learner@example.org")
    client.force_login(learner)
    assert client.get("/epreuves/moteur1-a/").status_code == 302  # to the admin sign-in
    staff = make_user("staff@example.org", is_staff=True)
    client.force_login(staff)
    page = client.get("/epreuves/moteur2-b/").content.decode()
    assert "Télécharger villes.csv" in page
    response = client.post("/epreuves/moteur2-b/", right_answer_fields(referential.challenges["moteur2-b"]))
    assert "Verdict : ok" in response.content.decode()
    assert not Answer.objects.exists()


def test_attachments_are_generated_and_downloadable(client):
    response = client.get("/pieces-jointes/1.1/villes.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "Lyon;522000" in body
    assert client.get("/pieces-jointes/1.1/..%2Fsecret").status_code == 404


def test_content_files_cannot_escape_their_folder(client):
    assert client.get("/contenu/1.1/images/barre.svg").status_code == 200
    assert client.get("/contenu/1.1/moteur.yml").status_code == 404
    assert client.get("/contenu/1.1/images/../moteur.yml").status_code == 404


def test_a_simulator_scenario_fragment_reaches_the_iframe(referential):
    from dataclasses import replace

    from octet.evaluation import rendering

    challenge = replace(
        referential.challenges["moteur1-a"], embed={"file": "embeds/robot.html#mission=2", "title": "Robot"}
    )
    assert (
        rendering.media_url(challenge, challenge.embed["file"]) == "/contenu/1.1/embeds/robot.html#mission=2"
    )


def test_a_choice_correction_names_the_right_options_beside_the_explanation(referential):
    """Options were shuffled for the learner: the correction must say the right answer in words."""
    from dataclasses import replace

    from octet.evaluation import rendering

    explained = replace(
        referential.challenges["adresse1-a"],
        solution_to_display="Le domaine est la partie avant le premier /.",
    )
    assert str(rendering.expected_choices_html(explained)) == "exemple.fr"
    several = replace(referential.challenges["moteur2-a"], solution_to_display="Deux opérateurs.")
    html = str(rendering.expected_choices_html(several))
    assert "les guillemets" in html and "le signe moins" in html and "dollar" not in html
    # Without an authored explanation the derived solution already names the option: no repetition.
    assert rendering.expected_choices_html(referential.challenges["adresse1-a"]) is None
    # Free-text answers have no options to name.
    assert referential.challenges["adresse2-a"].type == "QROC"
    assert rendering.expected_choices_html(referential.challenges["adresse2-a"]) is None
