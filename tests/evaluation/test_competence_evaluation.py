"""The learner's competence evaluation through HTTP, as a browser without JavaScript would do it."""

import re

import pytest

from octet.evaluation.models import Answer, Assessment, KnowledgeElement
from tests.helpers import post_answer, right_answer_fields, wrong_answer_fields

pytestmark = pytest.mark.django_db


def start(client, code="1.1") -> Assessment:
    response = client.post(f"/competences/{code}/commencer/")
    assert response.status_code == 302
    return Assessment.objects.get(pk=response["Location"].split("/")[2])


def current_challenge(assessment, referential):
    assessment.refresh_from_db()
    return referential.challenges[assessment.current_challenge_id]


def answer(client, assessment, fields):
    return post_answer(client, assessment, fields)


def test_first_question_is_at_level_2_and_the_page_shows_it(learner_client, referential):
    assessment = start(learner_client)
    challenge = current_challenge(assessment, referential)
    assert referential.skills[challenge.skill].level == 2
    page = learner_client.get(f"/evaluations/{assessment.pk}/").content.decode()
    assert challenge.instruction.split("(")[0].strip()[:30] in page
    assert 'name="challenge_id"' in page and "Je passe" in page


def test_answering_everything_right_ends_with_the_level_and_pix(learner_client, learner, referential):
    assessment = start(learner_client)
    for _ in range(20):
        assessment.refresh_from_db()
        if not assessment.is_started:
            break
        response = answer(
            learner_client, assessment, right_answer_fields(current_challenge(assessment, referential))
        )
        assert response.status_code == 302
    assert assessment.state == Assessment.State.COMPLETED
    assert all(a.status == "ok" for a in assessment.answers.all())
    page = learner_client.get(f"/evaluations/{assessment.pk}/resultats/").content.decode()
    # The fixture's 1.1 has 2 tubes with skills at levels 1..3 and 1..2: all validated = 4+4 (level 1),
    # 4+4 (level 2), 8 (level 3, a single skill is worth 4... capped at 4): 8 + 8 + 4 = 20 pix, level 2.
    assert "Félicitations !" in page
    assert "Vous avez obtenu le niveau 2 pour cette compétence et avez gagné 20 pix." in page
    assert page.count("mark-ok") == assessment.answers.count()
    profile = learner_client.get("/competences/").content.decode()
    assert re.search(r'class="big">20 ', profile)


def test_the_correction_shows_answer_solution_hint_and_tutorials(learner_client, referential):
    assessment = start(learner_client)
    challenge = current_challenge(assessment, referential)
    answer(learner_client, assessment, wrong_answer_fields(challenge))
    Assessment.objects.filter(pk=assessment.pk).update(state=Assessment.State.COMPLETED)
    page = learner_client.get(f"/evaluations/{assessment.pk}/reponses/{challenge.id}/").content.decode()
    assert "Réponse incorrecte" in page
    assert "Pour réussir la prochaine fois" in page
    hint = referential.skills[challenge.skill].hint["fr"]
    assert hint.replace("«", "&laquo;")[:15] in page or hint[:15] in page


def test_leaving_and_coming_back_resumes_on_the_same_question(learner_client, referential):
    assessment = start(learner_client)
    first = current_challenge(assessment, referential)
    again = start(learner_client)
    assert again.pk == assessment.pk
    assert current_challenge(again, referential).id == first.id
    assert learner_client.get(f"/evaluations/{assessment.pk}/").status_code == 200


def test_an_empty_answer_is_refused_with_a_message_and_nothing_is_stored(learner_client, referential):
    assessment = start(learner_client)
    challenge = current_challenge(assessment, referential)
    response = answer(learner_client, assessment, {"challenge_id": challenge.id})
    assert response.status_code == 400
    assert "Vous devez répondre à la question ou la passer" in response.content.decode()
    assert not Answer.objects.exists() and not KnowledgeElement.objects.exists()
    assert current_challenge(assessment, referential).id == challenge.id


def test_an_endless_answer_is_refused_with_a_message_and_nothing_is_stored(learner_client, referential):
    assessment = start(learner_client)
    Assessment.objects.filter(pk=assessment.pk).update(current_challenge_id="adresse2-a")  # a QROC
    challenge = referential.challenges["adresse2-a"]
    key = next(k for k in right_answer_fields(challenge) if k.startswith("input-"))
    response = answer(learner_client, assessment, {"challenge_id": challenge.id, key: "A" * 10_000})
    assert response.status_code == 400
    assert "trop longue" in response.content.decode() and 'maxlength="2000"' in response.content.decode()
    assert not Answer.objects.exists()


def test_an_answer_to_another_question_is_refused(learner_client, referential):
    assessment = start(learner_client)
    current = current_challenge(assessment, referential)
    other = next(c for c in referential.challenges.values() if c.id != current.id and c.competence == "1.1")
    response = answer(learner_client, assessment, right_answer_fields(other))
    assert response.status_code == 409
    assert "ne correspond pas à la question en cours" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_tampered_choice_is_refused_and_nothing_is_stored(learner_client, referential):
    assessment = start(learner_client)
    Assessment.objects.filter(pk=assessment.pk).update(
        current_challenge_id="moteur1-a"
    )  # a QCU of 3 proposals
    response = answer(learner_client, assessment, {"challenge_id": "moteur1-a", "answer": "99"})
    assert response.status_code == 400
    assert not Answer.objects.exists()


def test_a_second_post_of_the_same_answer_changes_nothing(learner_client, referential):
    assessment = start(learner_client)
    fields = right_answer_fields(current_challenge(assessment, referential))
    first = answer(learner_client, assessment, fields)
    kes = KnowledgeElement.objects.count()
    next_question = current_challenge(assessment, referential).id
    second = answer(learner_client, assessment, fields)
    assert first.status_code == second.status_code == 302
    assert Answer.objects.count() == 1
    assert KnowledgeElement.objects.count() == kes
    assert current_challenge(assessment, referential).id == next_question


def test_skipping_stores_a_failure(learner_client, referential):
    assessment = start(learner_client)
    challenge = current_challenge(assessment, referential)
    answer(learner_client, assessment, {"challenge_id": challenge.id, "skip": "1"})
    stored = Answer.objects.get()
    assert stored.status == "aband"
    direct = KnowledgeElement.objects.get(source="direct")
    assert direct.status == "invalidated" and direct.earned_pix == 0


def test_results_tell_skipped_questions_apart_and_a_level_0_is_not_congratulated(learner_client, referential):
    assessment = start(learner_client)
    for _ in range(30):
        assessment.refresh_from_db()
        if not assessment.is_started:
            break
        answer(learner_client, assessment, {"challenge_id": assessment.current_challenge_id, "skip": "1"})
    page = learner_client.get(f"/evaluations/{assessment.pk}/resultats/").content.decode()
    assert "Évaluation terminée" in page and "Félicitations" not in page
    assert "Passée :" in page and "Non réussie :" not in page
    correction = learner_client.get(
        f"/evaluations/{assessment.pk}/reponses/{Answer.objects.first().challenge_id}/"
    ).content.decode()
    assert "Question passée" in correction and "Réponse incorrecte" not in correction


def test_another_learners_assessment_cannot_be_seen_nor_answered(client, learner, other_learner, referential):
    client.force_login(learner)
    assessment = start(client)
    fields = right_answer_fields(current_challenge(assessment, referential))
    client.force_login(other_learner)
    assert client.get(f"/evaluations/{assessment.pk}/").status_code == 404
    assert client.post(f"/evaluations/{assessment.pk}/repondre/", fields).status_code == 404
    assert client.get(f"/evaluations/{assessment.pk}/resultats/").status_code == 404
    assert not Answer.objects.exists()
    client.logout()
    assert client.get(f"/evaluations/{assessment.pk}/").status_code == 404


def test_the_profile_needs_a_signed_in_learner(client):
    response = client.get("/competences/")
    assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_a_level_up_is_announced_when_it_happens(learner_client, referential):
    assessment = start(learner_client)
    announced = False
    for _ in range(20):
        assessment.refresh_from_db()
        if not assessment.is_started:
            break
        answer(learner_client, assessment, right_answer_fields(current_challenge(assessment, referential)))
        page = learner_client.get(f"/evaluations/{assessment.pk}/", follow=True).content.decode()
        announced = announced or "Vous venez de passer au niveau" in page
    assert announced


def test_an_english_speaking_learner_gets_the_english_questions(client, referential):
    from tests.conftest import make_user

    client.force_login(make_user("en@example.org", lang="en"))
    assessment = start(client)
    assert current_challenge(assessment, referential).id == "moteur1-en"
    # A competence without English content falls back to French rather than being untestable.
    other = start(client, "4.2")
    assert "fr" in current_challenge(other, referential).locales
