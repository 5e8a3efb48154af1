"""Reads of the learner app, batched: a page costs a fixed number of queries whatever the history."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from octet.engine import grading, knowledge
from octet.referential import cache
from octet.referential.content import Area, Challenge, Competence, Referential, Tutorial, translate

from . import rendering
from .models import Answer, Assessment, KnowledgeElement, SavedTutorial, UsefulTutorial
from .services import Refused, to_engine_ke, verdict_for

NOT_STARTED, STARTED, COMPLETED = "not_started", "started", "completed"


@dataclass
class CompetenceCard:
    competence: Competence
    area: Area
    name: str
    score: knowledge.CompetenceScore
    state: str
    assessment_id: str | None
    can_retry: bool
    retry_days: int
    can_reset: bool
    reset_days: int
    has_knowledge: bool
    max_level: int

    @property
    def ring_percent(self) -> int:
        if self.score.level >= self.max_level:
            return 100
        return round(100 * self.score.pix_to_next_level / 8)

    @property
    def ring_dash(self) -> float:
        return round(2 * 3.14159 * 26 * self.ring_percent / 100, 2)


@dataclass
class Profile:
    areas: list[tuple[Area, list[CompetenceCard]]]
    total_pix: int
    max_pix: int
    certifiable_count: int
    certifiable: bool
    cards: dict[str, CompetenceCard] = field(default_factory=dict)


def _cards(user, ref: Referential, language: str, now: datetime, codes=None) -> dict[str, CompetenceCard]:
    codes = list(codes or ref.competences)
    rows = KnowledgeElement.objects.filter(user=user, competence__in=codes).order_by("created_at", "id")
    by_competence: dict[str, list[knowledge.KnowledgeElement]] = defaultdict(list)
    for row in rows:
        by_competence[row.competence].append(to_engine_ke(row))
    latest: dict[str, Assessment] = {}
    for a in Assessment.objects.filter(
        user=user, kind=Assessment.Kind.COMPETENCE, competence__in=codes
    ).order_by("created_at"):
        latest[a.competence] = a  # the newest wins
    max_level = settings.MAX_REACHABLE_LEVEL
    cards = {}
    for code in codes:
        comp = ref.competences[code]
        kes = by_competence.get(code, [])
        current = knowledge.current_knowledge(kes)
        score = knowledge.competence_score(code, sum(k.earned_pix for k in current.values()), max_level)
        last = latest.get(code)
        if last is not None and last.is_started:
            state = STARTED
        elif last is not None and last.is_completed and current:
            state = COMPLETED
        else:
            state = NOT_STARTED
        retry = knowledge.retry_eligibility(
            completed=state == COMPLETED,
            level=score.level,
            max_level=max_level,
            completed_at=last.completed_at if last else None,
            now=now,
            delay_days=settings.IMPROVE_DELAY_DAYS,
        )
        reset = knowledge.reset_eligibility(
            last_ke_at=kes[-1].created_at if kes else None, now=now, delay_days=settings.RESET_DELAY_DAYS
        )
        cards[code] = CompetenceCard(
            competence=comp,
            area=ref.areas[comp.area_code],
            name=translate(comp.name, language),
            score=score,
            state=state,
            assessment_id=str(last.pk) if last is not None and last.is_started else None,
            can_retry=retry.allowed,
            retry_days=retry.remaining_days if state == COMPLETED and score.level < max_level else 0,
            can_reset=reset.allowed and bool(current),
            reset_days=reset.remaining_days if current else 0,
            has_knowledge=bool(current),
            max_level=max_level,
        )
    return cards


def profile(user, language: str, now: datetime | None = None) -> Profile:
    ref = cache.current()
    cards = _cards(user, ref, language, now or timezone.now())
    areas = [(area, [cards[c] for c in area.competence_codes]) for area in ref.areas.values()]
    levels = [c.score.level for c in cards.values()]
    return Profile(
        areas=areas,
        total_pix=knowledge.total_pix([c.score for c in cards.values()]),
        max_pix=len(cards) * 8 * settings.MAX_REACHABLE_LEVEL,
        certifiable_count=min(sum(1 for lvl in levels if lvl >= 1), knowledge.CERTIFIABLE_MIN_COMPETENCES),
        certifiable=knowledge.is_certifiable(levels),
        cards=cards,
    )


def competence_card(user, code: str, language: str, now: datetime | None = None) -> CompetenceCard:
    return _cards(user, cache.current(), language, now or timezone.now(), [code])[code]


def tutorials_to_work_on(user, code: str, language: str) -> list[tuple[str, list[Tutorial]]]:
    """ "Cultivez vos compétences": per tube, the tutorials of the easiest directly failed skill."""
    ref = cache.current()
    rows = KnowledgeElement.objects.filter(user=user, competence=code).order_by("created_at", "id")
    current = knowledge.current_knowledge(to_engine_ke(r) for r in rows)
    failed_by_tube: dict[str, int] = {}
    for ke in current.values():
        if ke.status == knowledge.INVALIDATED and ke.source == knowledge.DIRECT:
            skill = ref.skills.get(ke.skill_id)
            if skill and (
                skill.tube not in failed_by_tube or skill.level < ref.skills[failed_by_tube[skill.tube]].level
            ):
                failed_by_tube[skill.tube] = skill.id  # type: ignore[assignment]
    result = []
    for tube_id in ref.competences[code].tube_ids:
        skill_id = failed_by_tube.get(tube_id)
        if skill_id:
            tutorials = tutorials_for_skill(ref, skill_id, language, succeed=True)
            if tutorials:
                result.append((translate(ref.tubes[tube_id].practical_title, language), tutorials))
    return result


def tutorials_for_skill(ref: Referential, skill_id: str, language: str, *, succeed: bool) -> list[Tutorial]:
    skill = ref.skills[skill_id]
    ids = skill.tutorials_succeed if succeed else (skill.tutorials_learn_more or skill.tutorials_succeed)
    tutorials = [ref.tutorials[t] for t in ids if t in ref.tutorials]
    in_language = [t for t in tutorials if t.locale == language]
    return in_language or [t for t in tutorials if t.locale == "fr"]


# --- assessments -------------------------------------------------------------------------------------


@dataclass
class ResultLine:
    number: int
    answer: Answer
    challenge: Challenge | None
    ok: bool

    @property
    def skipped(self) -> bool:
        return self.answer.status == Answer.Status.ABAND

    @property
    def excerpt(self) -> str:
        return rendering.plain_text(self.challenge.instruction) if self.challenge else ""


def results(assessment: Assessment) -> list[ResultLine]:
    ref = cache.current()
    return [
        ResultLine(i, a, ref.challenges.get(a.challenge_id), a.status == Answer.Status.OK)
        for i, a in enumerate(assessment.answers.order_by("id"), 1)
    ]


@dataclass
class Correction:
    answer: Answer
    challenge: Challenge
    ok: bool
    shown_answer: str
    input_results: dict[str, bool] | None
    unmatched: tuple[str, ...]
    hint: str
    tutorials: list[Tutorial]
    succeed: bool  # "Pour réussir la prochaine fois" (after a failure) or "Pour en savoir plus"


def correction(assessment: Assessment, challenge_id: str, language: str) -> Correction | None:
    answer = Answer.objects.filter(assessment=assessment, challenge_id=challenge_id).first()
    ref = cache.current()
    challenge = ref.challenges.get(challenge_id)
    if answer is None or challenge is None:
        return None
    ok = answer.status == Answer.Status.OK
    value: str | dict = answer.value
    shown = answer.value
    input_results, unmatched = None, ()
    if answer.status == Answer.Status.ABAND:
        shown = ""
    elif challenge.type.startswith("QROCM"):
        try:
            value = json.loads(answer.value)
            shown = "\n".join(f"{k} : {v}" for k, v in value.items())
        except (ValueError, AttributeError):
            value = {}
    elif challenge.type in ("QCU", "QCM"):
        items = grading.proposal_items(challenge.proposals)
        picked = [p.strip() for p in answer.value.split(",") if p.strip().isdigit()]
        shown = "\n".join(items[int(p) - 1] for p in picked if 0 < int(p) <= len(items))
    if answer.status != Answer.Status.ABAND and challenge.type.startswith("QROCM") and value:
        try:
            verdict = verdict_for(challenge, value)
            input_results, unmatched = verdict.input_results, verdict.unmatched
        except Refused:
            pass  # a stored answer of another shape (older content): show it without per-input detail
    skill = ref.skills[challenge.skill]
    return Correction(
        answer=answer,
        challenge=challenge,
        ok=ok,
        shown_answer=shown,
        input_results=input_results,
        unmatched=unmatched,
        hint=translate(skill.hint, language),
        tutorials=tutorials_for_skill(ref, skill.id, language, succeed=not ok),
        succeed=not ok,
    )


# --- tutorials page ----------------------------------------------------------------------------------


@dataclass
class TutorialEntry:
    tutorial: Tutorial
    competence: Competence
    saved: bool
    useful: bool


def recommended_tutorials(user, language: str, competence: str | None = None) -> list[TutorialEntry]:
    """Tutorials of every directly failed skill (current knowledge), newest failure first."""
    ref = cache.current()
    rows = KnowledgeElement.objects.filter(user=user).order_by("created_at", "id")
    if competence:
        rows = rows.filter(competence=competence)
    current = knowledge.current_knowledge(to_engine_ke(r) for r in rows)
    failed = sorted(
        (
            ke
            for ke in current.values()
            if ke.status == knowledge.INVALIDATED and ke.source == knowledge.DIRECT
        ),
        key=lambda ke: ke.created_at,
        reverse=True,
    )
    seen, ordered = set(), []
    for ke in failed:
        if ke.skill_id not in ref.skills:
            continue
        for tutorial in tutorials_for_skill(ref, ke.skill_id, language, succeed=True):
            if tutorial.id not in seen:
                seen.add(tutorial.id)
                ordered.append(tutorial)
    return _entries(user, ref, ordered)


def saved_tutorials(user) -> list[TutorialEntry]:
    ref = cache.current()
    ids = (
        SavedTutorial.objects.filter(user=user).order_by("-created_at").values_list("tutorial_id", flat=True)
    )
    return _entries(user, ref, [ref.tutorials[t] for t in ids if t in ref.tutorials])


def _entries(user, ref: Referential, tutorials: list[Tutorial]) -> list[TutorialEntry]:
    ids = [t.id for t in tutorials]
    saved = set(
        SavedTutorial.objects.filter(user=user, tutorial_id__in=ids).values_list("tutorial_id", flat=True)
    )
    useful = set(
        UsefulTutorial.objects.filter(user=user, tutorial_id__in=ids).values_list("tutorial_id", flat=True)
    )
    return [TutorialEntry(t, ref.competences[t.competence], t.id in saved, t.id in useful) for t in tutorials]


def tutorial_state(user, tutorial_id: str) -> tuple[bool, bool]:
    if not user.is_authenticated:
        return False, False
    return (
        SavedTutorial.objects.filter(user=user, tutorial_id=tutorial_id).exists(),
        UsefulTutorial.objects.filter(user=user, tutorial_id=tutorial_id).exists(),
    )
