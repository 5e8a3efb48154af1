"""The answer request is the hottest path: its SQL cost must not grow with history or content size."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from octet.evaluation import services
from octet.evaluation.models import Answer, Assessment, KnowledgeElement
from tests.helpers import right_answer_fields

pytestmark = pytest.mark.django_db
# session + user (auth), transaction start, assessment locked, answer insert, KEs read + insert, history
# read, assessment update, transaction end. A level-up announcement rides in the message cookie: no query.
ANSWER_QUERY_BUDGET = 10


def post_current_answer(client, referential, *, expect_level_up=None):
    assessment = Assessment.objects.filter(state="started").get()
    fields = right_answer_fields(referential.challenges[assessment.current_challenge_id])
    if assessment.current_challenge_asked_at is None:  # a timed question: its countdown starts first
        client.post(
            f"/evaluations/{assessment.pk}/chronometre/", {"challenge_id": assessment.current_challenge_id}
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/evaluations/{assessment.pk}/repondre/", fields)
    assert response.status_code == 302
    if expect_level_up is not None:
        assert ("messages" in response.cookies) is expect_level_up
    return len(queries)


def add_history(learner, amount):
    """Old answers and knowledge on another competence: a long-time learner."""
    old = Assessment.objects.create(
        user=learner, kind="competence", competence="4.2", state="completed", release="x"
    )
    when = datetime(2025, 1, 1, tzinfo=UTC)
    for i in range(amount):
        answer = Answer.objects.create(
            assessment=old, challenge_id=f"old-{i}", value="1", status="ok", created_at=when
        )
        KnowledgeElement.objects.create(
            user=learner,
            skill_id=f"@old{i}",
            competence="4.2",
            status="validated",
            source="direct",
            earned_pix=1,
            answer=answer,
            assessment=old,
            created_at=when + timedelta(seconds=i),
        )


def test_answer_request_query_count_is_bounded_and_independent_of_history(
    learner_client, learner, referential
):
    learner_client.post("/competences/1.1/commencer/")
    # The first right answer in the fixture content validates level 1: the costliest case, a level-up.
    fresh = post_current_answer(learner_client, referential, expect_level_up=True)
    Assessment.objects.all().delete()
    add_history(learner, 300)
    learner_client.post("/competences/1.1/commencer/")
    veteran = post_current_answer(learner_client, referential, expect_level_up=True)
    assert fresh == veteran
    assert veteran <= ANSWER_QUERY_BUDGET


def test_answer_request_reads_the_referential_from_memory(learner_client, referential, monkeypatch):
    learner_client.post("/competences/1.1/commencer/")
    monkeypatch.setattr(
        "pathlib.Path.read_text", lambda *a, **k: (_ for _ in ()).throw(AssertionError("disk read"))
    )
    post_current_answer(learner_client, referential)


def test_profile_query_count_does_not_grow_with_history(learner_client, learner):
    with CaptureQueriesContext(connection) as before:
        learner_client.get("/competences/")
    add_history(learner, 200)
    with CaptureQueriesContext(connection) as after:
        learner_client.get("/competences/")
    assert len(before) == len(after)


def test_concurrent_duplicate_answers_leave_one_row(learner, referential):
    assessment = services.start_or_resume(learner, "1.1")
    challenge = referential.challenges[assessment.current_challenge_id]
    fields = right_answer_fields(challenge)
    value = fields.get("answer") or next(v for k, v in fields.items() if k.startswith("input-"))
    submitted = services.SubmittedAnswer(challenge.id, ",".join(value) if isinstance(value, list) else value)
    first = services.submit_answer(assessment.pk, learner, submitted)
    second = services.submit_answer(assessment.pk, learner, submitted)
    assert not first.duplicate and second.duplicate
    assert Answer.objects.count() == 1
