"""Knowledge elements, pix and levels, reset and retry (rules: shared/spec/learning.md, referential.md).

Pure functions on plain values: dates come in as arguments (no clock is read here), nothing is stored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from octet.engine.grading import Status

__all__ = [
    "CERTIFIABLE_MIN_COMPETENCES",
    "DEFAULT_DELAY_DAYS",
    "DEFAULT_MAX_LEVEL",
    "DIRECT",
    "INFERRED",
    "INVALIDATED",
    "MAX_SKILL_PIX",
    "PIX_PER_LEVEL",
    "RESET",
    "VALIDATED",
    "CompetenceScore",
    "Eligibility",
    "KnowledgeElement",
    "SkillInfo",
    "competence_score",
    "current_knowledge",
    "is_certifiable",
    "knowledge_elements_for_answer",
    "knowledge_for_retry",
    "reset_eligibility",
    "reset_knowledge_elements",
    "retry_eligibility",
    "scores_by_competence",
    "skill_pix_values",
    "total_pix",
    "with_context",
]

VALIDATED = "validated"
INVALIDATED = "invalidated"
RESET = "reset"
DIRECT = "direct"
INFERRED = "inferred"

PIX_PER_LEVEL = 8
MAX_SKILL_PIX = 4.0
DEFAULT_MAX_LEVEL = 6
DEFAULT_DELAY_DAYS = 4
CERTIFIABLE_MIN_COMPETENCES = 5

# Sums of pix values such as 8/3 + 8/3 + 8/3 are not exact in floating point (7.999999999999999): exact pix
# are rounded to this many decimals before flooring, so three skills of 8/3 make a level.
_PIX_DECIMALS = 9


@dataclass(frozen=True)
class SkillInfo:
    """A skill (acquis) as the engine needs it. ``tube`` is the tube name (``@motDePasse``)."""

    id: str
    name: str
    tube: str
    level: int
    competence: str
    pix_value: float


@dataclass(frozen=True)
class KnowledgeElement:
    """One knowledge element (append-only). ``status``: validated | invalidated | reset;
    ``source``: direct | inferred."""

    skill_id: str
    status: str
    source: str
    earned_pix: float
    competence: str
    created_at: datetime | None = None
    assessment_id: str | None = None
    answer_id: str | None = None

    @property
    def is_validated(self) -> bool:
        return self.status == VALIDATED

    @property
    def is_direct(self) -> bool:
        return self.source == DIRECT


# --------------------------------------------------------------------------------------------------------
# Knowledge elements of an answer
# --------------------------------------------------------------------------------------------------------


def knowledge_elements_for_answer(
    *,
    skill: SkillInfo,
    status: Status | str,
    target_skills: Iterable[SkillInfo],
    covered_skill_ids: set[str] | frozenset[str],
) -> list[KnowledgeElement]:
    """The KEs created by an answer to a challenge of ``skill`` (learning.md, "Knowledge elements").

    Nothing when the skill is not a target skill or is already covered by a KE of this assessment
    (``covered_skill_ids``). Otherwise a direct KE (validated with the skill's pix value when the status is
    ``ok``, else invalidated with 0), then inferred KEs on the target skills of the same tube not covered yet:
    every easier one validated (with its pix value) on a success, every harder one invalidated (0) on a
    failure. Only ``ok`` is a success (``timedout``, ``focusedOut``, ``aband`` are failures).
    ``created_at``, ``assessment_id`` and ``answer_id`` are left None for the caller to fill. The inputs are
    not modified.
    """
    targets = {target.id: target for target in target_skills}
    if skill.id not in targets or skill.id in covered_skill_ids:
        return []
    skill = targets[skill.id]
    success = _is_success(status)
    elements = [
        KnowledgeElement(
            skill_id=skill.id,
            status=VALIDATED if success else INVALIDATED,
            source=DIRECT,
            earned_pix=skill.pix_value if success else 0.0,
            competence=skill.competence,
        )
    ]
    same_tube = sorted(
        (
            other
            for other in targets.values()
            if other.tube == skill.tube and other.id != skill.id and other.id not in covered_skill_ids
        ),
        key=lambda other: (other.level, other.id),
    )
    for other in same_tube:
        if success and other.level < skill.level:
            elements.append(
                KnowledgeElement(other.id, VALIDATED, INFERRED, other.pix_value, other.competence)
            )
        elif not success and other.level > skill.level:
            elements.append(KnowledgeElement(other.id, INVALIDATED, INFERRED, 0.0, other.competence))
    return elements


def _is_success(status: Status | str) -> bool:
    try:
        return Status(status) is Status.OK
    except ValueError:
        return False


def current_knowledge(kes: Iterable[KnowledgeElement]) -> dict[str, KnowledgeElement]:
    """The learner's current knowledge: per skill the most recent KE (``kes`` oldest first), dropping the
    skills whose most recent KE is a reset."""
    latest: dict[str, KnowledgeElement] = {}
    for ke in kes:
        latest[ke.skill_id] = ke
    return {skill_id: ke for skill_id, ke in latest.items() if ke.status != RESET}


# --------------------------------------------------------------------------------------------------------
# Pix and levels
# --------------------------------------------------------------------------------------------------------


def skill_pix_values(skills: Iterable[tuple[str, str, int, bool]]) -> dict[str, float]:
    """Pix value of every skill from ``(skill_id, competence, level, counts)`` where ``counts`` means the skill
    is active and has at least one validated challenge: ``min(4, 8 / n)`` for the n counting skills of the same
    competence and level, 0 for the others.

    >>> skill_pix_values([("a", "1.1", 1, True), ("b", "1.1", 1, True), ("c", "1.1", 2, True), ("d", "1.1", 2, False)])
    {'a': 4.0, 'b': 4.0, 'c': 4.0, 'd': 0.0}
    """
    skills = list(skills)
    counts: dict[tuple[str, int], int] = {}
    for _skill_id, competence, level, counting in skills:
        if counting:
            counts[(competence, level)] = counts.get((competence, level), 0) + 1
    values = {}
    for skill_id, competence, level, counting in skills:
        n = counts.get((competence, level), 0)
        values[skill_id] = min(MAX_SKILL_PIX, PIX_PER_LEVEL / n) if counting and n else 0.0
    return values


@dataclass(frozen=True)
class CompetenceScore:
    """Pix and level of one competence. ``pix_to_next_level`` is ``pix mod 8`` (the pix already earned toward
    the next level, as in the spec); ``is_max_level`` tells that the level is the maximum reachable one."""

    competence: str
    exact_pix: float
    pix: int
    level: int
    pix_to_next_level: int
    max_level: int = DEFAULT_MAX_LEVEL

    @property
    def is_max_level(self) -> bool:
        return self.level >= self.max_level


def competence_score(
    competence: str, exact_pix: float, max_level: int = DEFAULT_MAX_LEVEL
) -> CompetenceScore:
    """``pix = min(floor(exact), max_level × 8)``, ``level = min(floor(exact / 8), max_level)``.

    >>> competence_score("1.1", 19.5).level, competence_score("1.1", 19.5).pix
    (2, 19)
    """
    rounded = round(float(exact_pix), _PIX_DECIMALS)
    pix = max(0, min(math.floor(rounded), max_level * PIX_PER_LEVEL))
    level = max(0, min(math.floor(rounded / PIX_PER_LEVEL), max_level))
    return CompetenceScore(
        competence=competence,
        exact_pix=float(exact_pix),
        pix=pix,
        level=level,
        pix_to_next_level=pix % PIX_PER_LEVEL,
        max_level=max_level,
    )


def scores_by_competence(
    current: Mapping[str, KnowledgeElement] | Iterable[KnowledgeElement],
    competences: Iterable[str],
    max_level: int = DEFAULT_MAX_LEVEL,
) -> dict[str, CompetenceScore]:
    """Score of every competence listed (0 when nothing), from the current KEs (a mapping as returned by
    :func:`current_knowledge` or the KEs themselves). KEs of competences not listed are ignored."""
    elements = current.values() if isinstance(current, Mapping) else current
    earned: dict[str, list[float]] = {competence: [] for competence in competences}
    for ke in elements:
        if ke.competence in earned and ke.status != RESET:
            earned[ke.competence].append(ke.earned_pix)
    return {
        competence: competence_score(competence, math.fsum(values), max_level)
        for competence, values in earned.items()
    }


def total_pix(scores: Mapping[str, CompetenceScore] | Iterable[CompetenceScore]) -> int:
    """Total score: the sum of the (capped) pix of the competences."""
    values = scores.values() if isinstance(scores, Mapping) else scores
    return sum(score.pix for score in values)


def is_certifiable(levels: Iterable[int]) -> bool:
    """At least 5 competences at level ≥ 1."""
    return sum(1 for level in levels if level >= 1) >= CERTIFIABLE_MIN_COMPETENCES


# --------------------------------------------------------------------------------------------------------
# Reset and retry
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """Whether an action is allowed now; otherwise the days left to wait (0 when waiting would not help)
    and a French reason."""

    allowed: bool
    remaining_days: int
    reason: str | None


def _remaining_days(since: datetime, now: datetime, delay_days: int) -> int:
    left = since + timedelta(days=delay_days) - now
    if left <= timedelta(0):
        return 0
    return math.ceil(left / timedelta(days=1))


def reset_eligibility(
    *, last_ke_at: datetime | None, now: datetime, delay_days: int = DEFAULT_DELAY_DAYS
) -> Eligibility:
    """May the learner reset a competence? Only when it has KEs (``last_ke_at`` is the date of its most recent
    one) and at least ``delay_days`` have passed since; ``remaining_days`` is the ceiling of the time left."""
    if last_ke_at is None:
        return Eligibility(False, 0, "Vous n'avez encore rien à remettre à zéro sur cette compétence.")
    remaining = _remaining_days(last_ke_at, now, delay_days)
    if remaining:
        return Eligibility(False, remaining, _wait_message("remettre à zéro cette compétence", remaining))
    return Eligibility(True, 0, None)


def retry_eligibility(
    *,
    completed: bool,
    level: int,
    max_level: int,
    completed_at: datetime | None,
    now: datetime,
    delay_days: int = DEFAULT_DELAY_DAYS,
) -> Eligibility:
    """May the learner retry ("Retenter") a competence? When its evaluation is completed, its level is below
    ``max_level`` and ``delay_days`` have passed **since the end of the evaluation** (``completed_at``; when it
    is unknown the delay is considered elapsed)."""
    if not completed:
        return Eligibility(False, 0, "Terminez d'abord l'évaluation de cette compétence.")
    if level >= max_level:
        return Eligibility(False, 0, "Vous avez atteint le niveau maximal de cette compétence.")
    if completed_at is not None:
        remaining = _remaining_days(completed_at, now, delay_days)
        if remaining:
            return Eligibility(False, remaining, _wait_message("retenter cette compétence", remaining))
    return Eligibility(True, 0, None)


def _wait_message(action: str, days: int) -> str:
    return f"Vous pourrez {action} dans {days} jour{'s' if days > 1 else ''}."


def reset_knowledge_elements(current_of_competence: Iterable[KnowledgeElement]) -> list[KnowledgeElement]:
    """One ``reset`` KE (0 pix, source direct) per current KE of the competence, same skill and competence;
    dates and ids left None for the caller."""
    return [
        KnowledgeElement(
            skill_id=ke.skill_id, status=RESET, source=DIRECT, earned_pix=0.0, competence=ke.competence
        )
        for ke in current_of_competence
        if ke.status != RESET
    ]


def knowledge_for_retry(
    current: Mapping[str, KnowledgeElement], *, now: datetime, delay_days: int = DEFAULT_DELAY_DAYS
) -> dict[str, KnowledgeElement]:
    """The knowledge a retry starts from: successes are kept; failures (invalidated, direct or inferred)
    created at least ``delay_days`` before ``now`` are forgotten (those skills become testable again). A
    failure without a date counts as old (a retry only happens after the delay)."""
    limit = now - timedelta(days=delay_days)
    kept = {}
    for skill_id, ke in current.items():
        if ke.status == RESET:
            continue
        if ke.status == INVALIDATED and (ke.created_at is None or ke.created_at <= limit):
            continue
        kept[skill_id] = ke
    return kept


def with_context(
    elements: Iterable[KnowledgeElement],
    *,
    created_at: datetime | None = None,
    assessment_id: str | None = None,
    answer_id: str | None = None,
) -> list[KnowledgeElement]:
    """Copies of the KEs with the date, assessment and answer filled (helper for the caller)."""
    return [
        replace(ke, created_at=created_at, assessment_id=assessment_id, answer_id=answer_id)
        for ke in elements
    ]
