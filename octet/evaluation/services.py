"""Writes of the learner app: starting, answering, resetting, retrying, tutorials.

Each public function owns its transaction. The rules themselves live in octet.engine; this module reads
the state they need in a bounded number of queries and stores what they decide.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from octet.accounts.services import audit
from octet.engine import grading, knowledge, smart_random
from octet.referential import cache
from octet.referential.content import Challenge, Referential

from . import positioning
from .models import Answer, Assessment, KnowledgeElement, SavedTutorial, UsefulTutorial

# Stored as the raw answer of a skipped question ("Je passe").
SKIPPED_VALUE = "#ABAND#"
# Longest text accepted per input; the form's maxlength comes from here too (octet_tags).
MAX_ANSWER_LENGTH = 2000
# The client's countdown and the server's clock may differ by a network round trip.
TIMER_GRACE_SECONDS = 3


class Refused(Exception):
    """A request the learner must be told about in French; nothing was written."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class AnswerOutcome:
    answer: Answer
    duplicate: bool = False
    level_before: int | None = None
    level_after: int | None = None

    @property
    def level_up(self) -> int | None:
        if (
            self.level_before is not None
            and self.level_after is not None
            and self.level_after > self.level_before
        ):
            return self.level_after
        return None


# --- knowledge reads shared by services and selectors ------------------------------------------------


def to_engine_ke(row: KnowledgeElement) -> knowledge.KnowledgeElement:
    return knowledge.KnowledgeElement(
        skill_id=row.skill_id,
        status=row.status,
        source=row.source,
        earned_pix=row.earned_pix,
        competence=row.competence,
        created_at=row.created_at,
        assessment_id=str(row.assessment_id) if row.assessment_id else None,
        answer_id=str(row.answer_id) if row.answer_id else None,
    )


def competence_knowledge(user, competence: str) -> list[knowledge.KnowledgeElement]:
    """Every KE of a learner on one competence, oldest first (one query)."""
    rows = KnowledgeElement.objects.filter(user=user, competence=competence).order_by("created_at", "id")
    return [to_engine_ke(r) for r in rows]


def competence_level(current: dict[str, knowledge.KnowledgeElement], competence: str) -> int:
    exact = sum(ke.earned_pix for ke in current.values())
    return knowledge.competence_score(competence, exact, settings.MAX_REACHABLE_LEVEL).level


# --- starting ----------------------------------------------------------------------------------------


def _new_competence_assessment(user, competence: str, *, is_retry: bool, now: datetime) -> Assessment:
    ref = cache.current()
    if competence not in ref.competences:
        raise Refused(_("Cette compétence n'existe pas."), 404)
    assessment = Assessment.objects.create(
        user=user,
        kind=Assessment.Kind.COMPETENCE,
        competence=competence,
        is_retry=is_retry,
        release=ref.release,
        locale=user.lang or "fr",
        created_at=now,
    )
    _ask_next(
        assessment, ref, competence_knowledge(user, competence), answers=[], learner_answered=set(), now=now
    )
    return assessment


def start_or_resume(user, competence: str, *, now: datetime | None = None) -> Assessment:
    """ "Commencer" / "Reprendre": the live evaluation of this competence, created when there is none."""
    now = now or timezone.now()
    with transaction.atomic():
        live = Assessment.objects.filter(
            user=user, kind=Assessment.Kind.COMPETENCE, competence=competence, state=Assessment.State.STARTED
        ).first()
        if live:
            return live
        last = last_competence_assessment(user, competence)
        # A completed evaluation is retried, not restarted — unless the competence was reset since.
        if (
            last is not None
            and last.is_completed
            and knowledge.current_knowledge(competence_knowledge(user, competence))
        ):
            raise Refused(
                _("Cette compétence est déjà évaluée : vous pouvez la retenter ou la remettre à zéro."), 409
            )
        return _new_competence_assessment(user, competence, is_retry=False, now=now)


def last_competence_assessment(user, competence: str) -> Assessment | None:
    return (
        Assessment.objects.filter(user=user, kind=Assessment.Kind.COMPETENCE, competence=competence)
        .order_by("-created_at")
        .first()
    )


def retry(user, competence: str, *, now: datetime | None = None) -> Assessment:
    """ "Retenter": a new run where old failures are forgotten and successes kept (learning.md)."""
    now = now or timezone.now()
    with transaction.atomic():
        last = last_competence_assessment(user, competence)
        current = knowledge.current_knowledge(competence_knowledge(user, competence))
        eligibility = knowledge.retry_eligibility(
            completed=bool(last and last.is_completed),
            level=competence_level(current, competence),
            max_level=settings.MAX_REACHABLE_LEVEL,
            completed_at=last.completed_at if last else None,
            now=now,
            delay_days=settings.IMPROVE_DELAY_DAYS,
        )
        if not eligibility.allowed:
            raise Refused(_retry_refusal(eligibility), 409)
        return _new_competence_assessment(user, competence, is_retry=True, now=now)


def _retry_refusal(eligibility) -> str:
    if eligibility.remaining_days:
        return _("Vous pourrez retenter cette compétence dans %(days)s jour(s).") % {
            "days": eligibility.remaining_days
        }
    return _("Vous ne pouvez pas retenter cette compétence pour le moment.")


def reset(user, competence: str, *, now: datetime | None = None) -> int:
    """ "Remettre à zéro": a reset KE for every current KE of the competence; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        kes = competence_knowledge(user, competence)
        eligibility = knowledge.reset_eligibility(
            last_ke_at=max((k.created_at for k in kes), default=None),
            now=now,
            delay_days=settings.RESET_DELAY_DAYS,
        )
        if not eligibility.allowed:
            if eligibility.remaining_days:
                message = _("Vous pourrez remettre cette compétence à zéro dans %(days)s jour(s).") % {
                    "days": eligibility.remaining_days
                }
            else:
                message = _("Il n'y a rien à remettre à zéro pour cette compétence.")
            raise Refused(message, 409)
        resets = knowledge.reset_knowledge_elements(knowledge.current_knowledge(kes).values())
        KnowledgeElement.objects.bulk_create(
            [
                KnowledgeElement(
                    user=user,
                    skill_id=ke.skill_id,
                    competence=competence,
                    status=ke.status,
                    source=ke.source,
                    earned_pix=0,
                    created_at=now,
                )
                for ke in resets
            ]
        )
        Assessment.objects.filter(
            user=user, kind=Assessment.Kind.COMPETENCE, competence=competence, state=Assessment.State.STARTED
        ).update(state=Assessment.State.ABORTED, updated_at=now)
        # A reset hides a learner's results from everyone (teachers included later): keep a trace of it.
        audit(user, "competence.reset", user, after={"competence": competence, "skills": len(resets)})
        return len(resets)


def start_demo(*, now: datetime | None = None) -> Assessment:
    ref = cache.current()
    if not ref.demo:
        raise Refused(_("Le test de démonstration n'est pas disponible."), 404)
    return Assessment.objects.create(
        user=None,
        kind=Assessment.Kind.DEMO,
        release=ref.release,
        current_challenge_id=ref.demo[0],
        current_challenge_asked_at=asked_at(ref.challenges.get(ref.demo[0]), now or timezone.now()),
    )


def asked_at(challenge: Challenge | None, now: datetime) -> datetime | None:
    """When a question counts as asked: now, or — for a timed one — only once the learner starts its timer
    after being warned of the time limit (``start_timer``)."""
    return None if challenge is not None and challenge.timer else now


def start_timer(
    assessment_id, user, challenge_id: str, *, demo_ids=(), now: datetime | None = None
) -> Assessment:
    """The learner read the time-limit warning and starts the countdown of the current timed question."""
    now = now or timezone.now()
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().filter(pk=assessment_id).first()
        if assessment is None or not _owns(assessment, user, demo_ids):
            raise Refused(_("Cette évaluation n'existe pas ou ne vous appartient pas."), 404)
        challenge = cache.current().challenges.get(challenge_id)
        if not assessment.is_started or assessment.current_challenge_id != challenge_id or challenge is None:
            raise Refused(_("Cette question n'est plus la question en cours."), 409)
        already_started = assessment.current_challenge_asked_at is not None  # a second click changes nothing
        if challenge.timer and not already_started:
            assessment.current_challenge_asked_at = now
            assessment.save(update_fields=["current_challenge_asked_at", "updated_at"])
        return assessment


# --- answering ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmittedAnswer:
    challenge_id: str
    value: str | dict[str, str]
    skipped: bool = False
    timer_remaining: int | None = None
    focused_out: bool = False


def raw_value(value: str | dict[str, str]) -> str:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def submit_answer(
    assessment_id, user, submitted: SubmittedAnswer, *, demo_ids=(), now: datetime | None = None
) -> AnswerOutcome:
    """Grade and store one answer, create its knowledge elements, and pick the next question.

    Reads a fixed number of rows whatever the learner's history: the assessment (locked), the learner's
    KEs on this competence, and the challenge ids they answered on it.
    """
    try:
        return _submit_answer_locked(assessment_id, user, submitted, demo_ids, now or timezone.now())
    except IntegrityError:
        # The row lock already serialises answers to one assessment; should the unique constraint on
        # (assessment, challenge) still fire, the whole transaction rolled back and the first answer stands.
        previous = Answer.objects.filter(
            assessment_id=assessment_id, challenge_id=submitted.challenge_id
        ).first()
        if previous is None:
            raise
        return AnswerOutcome(previous, duplicate=True)


def _submit_answer_locked(assessment_id, user, submitted: SubmittedAnswer, demo_ids, now) -> AnswerOutcome:
    ref = cache.current()
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().filter(pk=assessment_id).first()
        if assessment is None or not _owns(assessment, user, demo_ids):
            raise Refused(_("Cette évaluation n'existe pas ou ne vous appartient pas."), 404)
        if assessment.user_id is not None:
            assessment.user = user  # already loaded by the auth middleware: no second query
        if submitted.challenge_id != assessment.current_challenge_id or not assessment.is_started:
            previous = Answer.objects.filter(
                assessment=assessment, challenge_id=submitted.challenge_id
            ).first()
            if previous is not None:
                return AnswerOutcome(previous, duplicate=True)  # a double click or a retried request
            raise Refused(_("Cette réponse ne correspond pas à la question en cours."), 409)
        challenge = ref.challenges.get(submitted.challenge_id)
        if challenge is None:
            raise Refused(_("Cette question n'existe plus."), 409)
        if challenge.timer and assessment.current_challenge_asked_at is None and not submitted.skipped:
            raise Refused(_("Lancez d'abord le chronomètre de cette question."), 409)
        status = _grade(challenge, submitted, assessment, now)
        elapsed = (
            int((now - assessment.current_challenge_asked_at).total_seconds())
            if assessment.current_challenge_asked_at
            else 0
        )
        answer = Answer.objects.create(
            assessment=assessment,
            challenge_id=challenge.id,
            value=SKIPPED_VALUE if submitted.skipped else raw_value(submitted.value),
            status=status,
            time_spent=max(elapsed, 0),
            focused_out=submitted.focused_out,
            created_at=now,
        )
        outcome = AnswerOutcome(answer)
        if assessment.kind == Assessment.Kind.COMPETENCE:
            _after_competence_answer(assessment, ref, challenge, answer, outcome, now)
        elif assessment.kind == Assessment.Kind.DEMO:
            _after_demo_answer(assessment, ref, now)
        return outcome


def _owns(assessment: Assessment, user, demo_ids) -> bool:
    if assessment.kind == Assessment.Kind.DEMO:
        return str(assessment.pk) in demo_ids  # a demo belongs to the browser session that started it
    return user is not None and user.is_authenticated and assessment.user_id == user.pk


def verdict_for(challenge: Challenge, value) -> grading.Verdict:
    """The engine's verdict on an answer to a challenge, with the challenge's own tolerances and format."""
    try:
        return grading.evaluate(
            challenge.type,
            challenge.solution,
            value,
            proposals=challenge.proposals,
            t1=challenge.t1,
            t2=challenge.t2,
            t3=challenge.t3,
            format=challenge.format,
        )
    except grading.AnswerError as exc:
        # The engine's detail is for logs and tools; the learner gets a message in their language.
        raise Refused(_("Cette réponse ne correspond pas aux choix proposés pour cette question.")) from exc


def _grade(challenge: Challenge, submitted: SubmittedAnswer, assessment: Assessment, now: datetime) -> str:
    if submitted.skipped:
        return grading.Status.ABAND.value
    if grading.is_empty_answer(challenge.type, submitted.value):
        raise Refused(_("Vous devez répondre à la question ou la passer (« Je passe »)."))
    if isinstance(submitted.value, dict) and any(not str(v).strip() for v in submitted.value.values()):
        raise Refused(_("Répondez à chaque champ, ou passez la question (« Je passe »)."))
    values = submitted.value.values() if isinstance(submitted.value, dict) else [submitted.value]
    if any(len(str(v)) > MAX_ANSWER_LENGTH for v in values):
        raise Refused(
            _("Votre réponse est trop longue : %(max)s caractères au plus par champ.")
            % {"max": MAX_ANSWER_LENGTH}
        )
    verdict = verdict_for(challenge, submitted.value)
    timed_out = False
    if challenge.timer and assessment.current_challenge_asked_at:
        elapsed = (now - assessment.current_challenge_asked_at).total_seconds()
        client_expired = submitted.timer_remaining is not None and submitted.timer_remaining <= 0
        timed_out = client_expired or elapsed > challenge.timer + TIMER_GRACE_SECONDS
    # Leaving a focused challenge only counts against the learner in certification (grading.md).
    focused_out = (
        submitted.focused_out and challenge.focused and assessment.kind == Assessment.Kind.CERTIFICATION
    )
    return grading.final_status(verdict.status, timed_out=timed_out, focused_out=focused_out).value


def _after_competence_answer(
    assessment: Assessment,
    ref: Referential,
    challenge: Challenge,
    answer: Answer,
    outcome: AnswerOutcome,
    now,
) -> None:
    user = assessment.user
    kes = competence_knowledge(user, assessment.competence)
    current_before = knowledge.current_knowledge(kes)
    targets, _challenges = positioning.competence_targets(ref, assessment.competence, assessment.locale)
    covered = {ke.skill_id for ke in kes if ke.assessment_id == str(assessment.pk)}
    new_kes = knowledge.knowledge_elements_for_answer(
        skill=positioning.skill_info(ref, challenge.skill),
        status=answer.status,
        target_skills=targets,
        covered_skill_ids=covered,
    )
    rows = [
        KnowledgeElement(
            user=user,
            skill_id=ke.skill_id,
            competence=assessment.competence,
            status=ke.status,
            source=ke.source,
            earned_pix=ke.earned_pix,
            answer=answer,
            assessment=assessment,
            created_at=now,
        )
        for ke in new_kes
    ]
    KnowledgeElement.objects.bulk_create(rows)
    kes.extend(to_engine_ke(r) for r in rows)
    outcome.level_before = competence_level(current_before, assessment.competence)
    outcome.level_after = competence_level(knowledge.current_knowledge(kes), assessment.competence)
    answers, learner_answered = _answer_history(assessment, ref)
    _ask_next(assessment, ref, kes, answers=answers, learner_answered=learner_answered, now=now)


def _answer_history(assessment: Assessment, ref: Referential) -> tuple[list[str], set[str]]:
    """This assessment's answered challenge ids in order, and every challenge of the competence the
    learner ever answered (one query, bounded by the competence's size, not the learner's history)."""
    ids = positioning.competence_challenge_ids(ref, assessment.competence)
    rows = (
        Answer.objects.filter(assessment__user=assessment.user, challenge_id__in=ids)
        .order_by("id")
        .values_list("assessment_id", "challenge_id")
    )
    in_assessment, everywhere = [], set()
    for assessment_id, challenge_id in rows:
        everywhere.add(challenge_id)
        if assessment_id == assessment.pk:
            in_assessment.append(challenge_id)
    return in_assessment, everywhere


def _ask_next(
    assessment: Assessment,
    ref: Referential,
    kes: list[knowledge.KnowledgeElement],
    *,
    answers: list[str],
    learner_answered: set[str],
    now: datetime,
) -> None:
    targets, challenges = positioning.competence_targets(ref, assessment.competence, assessment.locale)
    current = knowledge.current_knowledge(kes)
    if assessment.is_retry:
        current = knowledge.knowledge_for_retry(
            current, now=assessment.created_at, delay_days=settings.IMPROVE_DELAY_DAYS
        )
    target_ids = {s.id for s in targets}
    state = smart_random.PositioningState(
        assessment_id=str(assessment.pk),
        target_skills=targets,
        challenges=challenges,
        knowledge={k: v for k, v in current.items() if k in target_ids},
        answered_in_assessment=answers,
        answered_by_learner=frozenset(learner_answered),
    )
    chosen = smart_random.next_challenge(state)
    fields = ["current_challenge_id", "current_challenge_asked_at", "answer_count", "updated_at"]
    assessment.answer_count = len(answers)
    if chosen is None:
        assessment.state = Assessment.State.COMPLETED
        assessment.completed_at = now
        assessment.current_challenge_id = ""
        assessment.current_challenge_asked_at = None
        fields += ["state", "completed_at"]
    else:
        assessment.current_challenge_id = chosen.id
        assessment.current_challenge_asked_at = asked_at(ref.challenges.get(chosen.id), now)
    if assessment._state.adding:
        assessment.save()
    else:
        assessment.save(update_fields=fields)


def _after_demo_answer(assessment: Assessment, ref: Referential, now: datetime) -> None:
    answered = set(Answer.objects.filter(assessment=assessment).values_list("challenge_id", flat=True))
    remaining = [cid for cid in ref.demo if cid not in answered and cid in ref.challenges]
    assessment.answer_count = len(answered)
    if remaining:
        assessment.current_challenge_id = remaining[0]
        assessment.current_challenge_asked_at = asked_at(ref.challenges[remaining[0]], now)
        assessment.save(
            update_fields=["current_challenge_id", "current_challenge_asked_at", "answer_count", "updated_at"]
        )
    else:
        assessment.state = Assessment.State.COMPLETED
        assessment.completed_at = now
        assessment.current_challenge_id = ""
        assessment.save(
            update_fields=["state", "completed_at", "current_challenge_id", "answer_count", "updated_at"]
        )


# --- tutorials ---------------------------------------------------------------------------------------


def _known_tutorial(tutorial_id: str) -> None:
    if tutorial_id not in cache.current().tutorials:
        raise Refused(_("Ce tutoriel n'existe pas."), 404)


def save_tutorial(user, tutorial_id: str) -> None:
    _known_tutorial(tutorial_id)
    SavedTutorial.objects.get_or_create(user=user, tutorial_id=tutorial_id)


def unsave_tutorial(user, tutorial_id: str) -> None:
    SavedTutorial.objects.filter(user=user, tutorial_id=tutorial_id).delete()


def mark_useful(user, tutorial_id: str) -> None:
    _known_tutorial(tutorial_id)
    UsefulTutorial.objects.get_or_create(user=user, tutorial_id=tutorial_id)


def unmark_useful(user, tutorial_id: str) -> None:
    UsefulTutorial.objects.filter(user=user, tutorial_id=tutorial_id).delete()
