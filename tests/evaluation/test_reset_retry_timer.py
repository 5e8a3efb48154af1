"""Reset and retry delays, and the server-checked timer, with a frozen clock."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from octet.accounts.models import AuditRecord
from octet.evaluation.models import Answer, Assessment, KnowledgeElement
from tests.helpers import post_answer, right_answer_fields, wrong_answer_fields

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def run_whole_evaluation(client, referential, *, right_up_to_level=8, code="1.1"):
    response = client.post(f"/competences/{code}/commencer/")
    assessment = Assessment.objects.get(pk=response["Location"].split("/")[2])
    for _ in range(30):
        assessment.refresh_from_db()
        if not assessment.is_started:
            return assessment
        challenge = referential.challenges[assessment.current_challenge_id]
        good = referential.skills[challenge.skill].level <= right_up_to_level
        fields = right_answer_fields(challenge) if good else wrong_answer_fields(challenge)
        post_answer(client, assessment, fields)
    raise AssertionError("the evaluation never ended")


def test_reset_is_refused_before_4_days_then_wipes_the_competence(learner_client, learner, referential):
    with time_machine.travel(T0, tick=False):
        run_whole_evaluation(learner_client, referential)
    with time_machine.travel(T0 + timedelta(days=2), tick=False):
        page = learner_client.get("/competences/1.1/").content.decode()
        assert "Remise à zéro possible dans 2 jours" in page
        learner_client.post("/competences/1.1/remettre-a-zero/")
        assert not KnowledgeElement.objects.filter(status="reset").exists()
        assert not AuditRecord.objects.filter(action="competence.reset").exists()
    with time_machine.travel(T0 + timedelta(days=4, minutes=1), tick=False):
        # The button leads to a confirmation page first: asking changes nothing.
        page = learner_client.get("/competences/1.1/remettre-a-zero/").content.decode()
        assert "Oui, remettre à zéro" in page and "Vous avez aujourd'hui le niveau" in page
        assert not KnowledgeElement.objects.filter(status="reset").exists()
        response = learner_client.post("/competences/1.1/remettre-a-zero/", follow=True)
        assert "remise à zéro" in response.content.decode()
        current_skills = (
            KnowledgeElement.objects.exclude(status="reset").values("skill_id").distinct().count()
        )
        assert KnowledgeElement.objects.filter(status="reset").count() == current_skills
        trace = AuditRecord.objects.get(action="competence.reset")
        assert trace.actor == learner and trace.after == {"competence": "1.1", "skills": current_skills}
        page = learner_client.get("/competences/1.1/").content.decode()
        assert "Niveau 0" in page and "Commencer" in page
        # The evaluation restarts from scratch, on the first-question rule again.
        response = learner_client.post("/competences/1.1/commencer/")
        fresh = Assessment.objects.get(pk=response["Location"].split("/")[2])
        assert (
            fresh.state == "started"
            and referential.skills[referential.challenges[fresh.current_challenge_id].skill].level == 2
        )


def test_retry_waits_4_days_after_the_end_and_forgets_old_failures(learner_client, learner, referential):
    with time_machine.travel(T0, tick=False):
        first = run_whole_evaluation(learner_client, referential, right_up_to_level=1)
        failed = set(
            KnowledgeElement.objects.filter(assessment=first, status="invalidated").values_list(
                "skill_id", flat=True
            )
        )
        assert failed
    with time_machine.travel(T0 + timedelta(days=3), tick=False):
        response = learner_client.post("/competences/1.1/retenter/", follow=True)
        assert "Vous pourrez retenter cette compétence dans 1 jour" in response.content.decode()
        assert Assessment.objects.count() == 1
    with time_machine.travel(T0 + timedelta(days=5), tick=False):
        response = learner_client.post("/competences/1.1/retenter/")
        retry = Assessment.objects.get(pk=response["Location"].split("/")[2])
        assert retry.is_retry
        asked = referential.challenges[retry.current_challenge_id].skill
        # Successes are kept, so only previously failed skills are testable again.
        assert asked in failed


TIMED = "moteur3-b"  # 60 seconds in the fixture content


def ask_the_timed_question_at_t0(client):
    with time_machine.travel(T0, tick=False):
        client.post("/competences/1.1/commencer/")
    assessment = Assessment.objects.get()
    Assessment.objects.filter(pk=assessment.pk).update(
        current_challenge_id=TIMED, current_challenge_asked_at=T0
    )
    return assessment


def test_a_correct_answer_after_the_timer_is_timed_out(learner_client, referential):
    assessment = ask_the_timed_question_at_t0(learner_client)
    challenge = referential.challenges[TIMED]
    assert challenge.timer == 60
    with time_machine.travel(T0 + timedelta(seconds=120), tick=False):
        learner_client.post(f"/evaluations/{assessment.pk}/repondre/", right_answer_fields(challenge))
    assert Answer.objects.get().status == "timedout"
    assert KnowledgeElement.objects.get(source="direct").status == "invalidated"


def test_a_correct_answer_in_time_is_ok_even_if_the_client_clock_is_late(learner_client, referential):
    assessment = ask_the_timed_question_at_t0(learner_client)
    with time_machine.travel(T0 + timedelta(seconds=40), tick=False):
        fields = right_answer_fields(referential.challenges[TIMED]) | {"timer_remaining": "20"}
        learner_client.post(f"/evaluations/{assessment.pk}/repondre/", fields)
    assert Answer.objects.get().status == "ok"


def test_the_timed_question_shows_a_countdown(learner_client, referential):
    learner_client.post("/competences/1.1/commencer/")
    assessment = Assessment.objects.get()
    Assessment.objects.filter(pk=assessment.pk).update(current_challenge_id=TIMED)
    page = learner_client.get(f"/evaluations/{assessment.pk}/").content.decode()
    assert 'role="timer"' in page and "Temps restant" in page


def test_a_tampered_remaining_time_cannot_buy_more_time(learner_client, referential):
    assessment = ask_the_timed_question_at_t0(learner_client)
    with time_machine.travel(T0 + timedelta(seconds=300), tick=False):
        fields = right_answer_fields(referential.challenges[TIMED]) | {"timer_remaining": "9999"}
        learner_client.post(f"/evaluations/{assessment.pk}/repondre/", fields)
    assert Answer.objects.get().status == "timedout"


def land_on_the_timed_question_unstarted(client):
    client.post("/competences/1.1/commencer/")
    assessment = Assessment.objects.get()
    Assessment.objects.filter(pk=assessment.pk).update(
        current_challenge_id=TIMED, current_challenge_asked_at=None
    )
    return assessment


def test_a_timed_question_is_announced_and_its_countdown_starts_on_the_learners_go(
    learner_client, referential
):
    assessment = land_on_the_timed_question_unstarted(learner_client)
    page = learner_client.get(f"/evaluations/{assessment.pk}/").content.decode()
    assert "Question chronométrée" in page and "1 minute" in page
    assert 'name="validate"' not in page  # the question itself is not shown yet
    with time_machine.travel(T0, tick=False):
        learner_client.post(f"/evaluations/{assessment.pk}/chronometre/", {"challenge_id": TIMED})
        learner_client.post(
            f"/evaluations/{assessment.pk}/chronometre/", {"challenge_id": TIMED}
        )  # idempotent
    assessment.refresh_from_db()
    assert assessment.current_challenge_asked_at == T0
    with time_machine.travel(T0 + timedelta(seconds=20), tick=False):
        page = learner_client.get(f"/evaluations/{assessment.pk}/").content.decode()
    assert 'role="timer"' in page and 'data-remaining="40"' in page


def test_an_answer_before_the_timer_started_is_refused_and_stores_nothing(learner_client, referential):
    assessment = land_on_the_timed_question_unstarted(learner_client)
    response = learner_client.post(
        f"/evaluations/{assessment.pk}/repondre/", right_answer_fields(referential.challenges[TIMED])
    )
    assert response.status_code == 409
    assert "abord le chronomètre" in response.content.decode()
    assert not Answer.objects.exists()


def test_another_learner_cannot_start_my_timer(learner_client, client, referential):
    from tests.conftest import make_user

    assessment = land_on_the_timed_question_unstarted(learner_client)
    client.force_login(make_user("autre@example.org"))
    response = client.post(f"/evaluations/{assessment.pk}/chronometre/", {"challenge_id": TIMED})
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.current_challenge_asked_at is None
