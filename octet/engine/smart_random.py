"""The adaptive positioning algorithm ("smart random") of competence evaluations and campaigns.

Rules: shared/spec/learning.md, "The adaptive positioning algorithm". Pure functions; the caller gives the
whole state (:class:`PositioningState`) and gets the next challenge, or None when the assessment is complete.
The choice is reproducible: it depends only on the state and on the assessment id (SHA-256, never Python's
``hash()`` nor a global random generator).

Steps of :func:`next_challenge` and the small functions implementing them:

1. :func:`untested_playable_skills` — target skills with no current KE and a challenge left in this
   assessment;
2. :func:`keep_easy_tubes` — if some candidates are in easy tubes (hardest target skill of level ≤ 3), only
   those;
3. :func:`drop_timed` — after a timed question, and for the first question, drop timed skills when non-timed
   ones remain;
4. first question: :func:`keep_first_question_skills` (level 2, or the lowest level present); otherwise
   :func:`drop_too_hard` (level > p + 2, with p = :func:`predicted_level`) then :func:`keep_best_reward`
   (:func:`reward`);
5. no candidate → None (complete);
6. :func:`pick` one skill, then :func:`choose_challenge` one of its challenges (never one the learner already
   answered when another variant exists; validé before archivé).

Reading of steps 3–4 (documented choice): "drop the skills more than 2 levels above p" is the stopping
criterion, so it is applied to the candidates *before* the preferences of steps 2 and 3. Whenever the literal
order (2, 3, then 4) leaves a candidate, the result is exactly the same; when the literal order would leave
nothing although playable skills at the learner's level remain (e.g. the only non-timed skills left are too
hard), the assessment goes on with them instead of ending early.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from octet.engine.knowledge import DIRECT, VALIDATED, KnowledgeElement, SkillInfo

__all__ = [
    "EASY_TUBE_MAX_LEVEL",
    "FIRST_QUESTION_LEVEL",
    "LEVEL_GRID",
    "PHANTOM_OBSERVATIONS",
    "TOO_HARD_MARGIN",
    "ChallengeInfo",
    "PositioningState",
    "choose_challenge",
    "direct_observations",
    "drop_timed",
    "drop_too_hard",
    "easy_tubes",
    "keep_best_reward",
    "keep_easy_tubes",
    "keep_first_question_skills",
    "next_challenge",
    "pick",
    "predicted_level",
    "probability",
    "reward",
    "untested_playable_skills",
]

LEVEL_GRID: tuple[float, ...] = tuple(step / 2 for step in range(1, 16))  # 0.5, 1.0, …, 7.5
PHANTOM_OBSERVATIONS: tuple[tuple[int, int], ...] = ((1, 0), (0, 7))
EASY_TUBE_MAX_LEVEL = 3
FIRST_QUESTION_LEVEL = 2
TOO_HARD_MARGIN = 2
_EPSILON = 1e-12


@dataclass(frozen=True)
class ChallengeInfo:
    """A servable challenge: ``validated`` False means archivé (still served to campaigns)."""

    id: str
    skill_id: str
    validated: bool = True
    timed: bool = False


@dataclass(frozen=True)
class PositioningState:
    """Everything :func:`next_challenge` needs.

    ``challenges``: every servable challenge of the target skills (already filtered by the caller for status
    and locale; may include ones already answered). ``knowledge``: the learner's current KEs on the target
    skills, including those created in this assessment. ``answered_in_assessment``: challenge ids in order.
    ``answered_by_learner``: every challenge id this learner ever answered, in any assessment.
    ``last_challenge_timed``: None → derived from the last answered id's :class:`ChallengeInfo`.
    """

    assessment_id: str
    target_skills: Sequence[SkillInfo]
    challenges: Sequence[ChallengeInfo]
    knowledge: Mapping[str, KnowledgeElement]
    answered_in_assessment: Sequence[str]
    answered_by_learner: frozenset[str] = field(default_factory=frozenset)
    last_challenge_timed: bool | None = None


# --------------------------------------------------------------------------------------------------------
# Predicted level and reward
# --------------------------------------------------------------------------------------------------------


def probability(level: float, difficulty: float) -> float:
    """``P(L, d) = 1 / (1 + e^(d − L))``: chance that a learner of level L succeeds a skill of level d."""
    exponent = difficulty - level
    if exponent > 700:
        return 0.0
    return 1.0 / (1.0 + math.exp(exponent))


def predicted_level(observations: Iterable[tuple[int, int]]) -> float:
    """The level in {0.5, 1.0, …, 7.5} minimising ``|Σ (outcome − P(L, level))|`` over the observations
    ``(outcome 0/1, skill level)`` plus the phantoms (1, 0) and (0, 7); ties go to the lowest.

    >>> predicted_level([])
    3.5
    >>> predicted_level([(1, 1), (1, 2), (1, 3)])
    5.5
    """
    observed = [*PHANTOM_OBSERVATIONS, *((1 if outcome else 0, level) for outcome, level in observations)]
    successes = sum(outcome for outcome, _ in observed)
    best_level = LEVEL_GRID[0]
    best_gap = math.inf
    for candidate in LEVEL_GRID:
        gap = abs(successes - math.fsum(probability(candidate, level) for _, level in observed))
        if gap < best_gap - _EPSILON:
            best_level, best_gap = candidate, gap
    return best_level


def direct_observations(
    knowledge: Mapping[str, KnowledgeElement], target_skills: Iterable[SkillInfo]
) -> list[tuple[int, int]]:
    """(1 if validated else 0, skill level) for every **direct** current KE on a target skill."""
    observations = []
    for skill in target_skills:
        ke = knowledge.get(skill.id)
        if ke is not None and ke.source == DIRECT:
            observations.append((1 if ke.status == VALIDATED else 0, skill.level))
    return observations


def reward(skill: SkillInfo, p: float, untested: Iterable[SkillInfo]) -> float:
    """``P(p, level) × #(untested skills of its tube at or below it) + (1 − P(p, level)) × #(untested skills of
    its tube at or above it)``; the skill itself counts in both. ``untested``: the untested target skills."""
    below = above = 1
    for other in untested:
        if other.tube != skill.tube or other.id == skill.id:
            continue
        if other.level <= skill.level:
            below += 1
        if other.level >= skill.level:
            above += 1
    success = probability(p, skill.level)
    return success * below + (1.0 - success) * above


# --------------------------------------------------------------------------------------------------------
# Candidate filters (each returns a new list, never modifies its input)
# --------------------------------------------------------------------------------------------------------


def untested_playable_skills(state: PositioningState) -> list[SkillInfo]:
    """Step 1: target skills without a current KE that have a challenge not yet answered in this assessment."""
    answered = set(state.answered_in_assessment)
    playable = {challenge.skill_id for challenge in state.challenges if challenge.id not in answered}
    return [
        skill for skill in state.target_skills if skill.id not in state.knowledge and skill.id in playable
    ]


def easy_tubes(target_skills: Iterable[SkillInfo]) -> set[str]:
    """Tubes whose hardest target skill has level ≤ 3."""
    hardest: dict[str, int] = {}
    for skill in target_skills:
        hardest[skill.tube] = max(hardest.get(skill.tube, 0), skill.level)
    return {tube for tube, level in hardest.items() if level <= EASY_TUBE_MAX_LEVEL}


def keep_easy_tubes(candidates: Sequence[SkillInfo], target_skills: Iterable[SkillInfo]) -> list[SkillInfo]:
    """Step 2: the candidates of easy tubes if there are some, else all of them."""
    easy = easy_tubes(target_skills)
    in_easy = [skill for skill in candidates if skill.tube in easy]
    return in_easy or list(candidates)


def drop_timed(
    candidates: Sequence[SkillInfo], timed_skill_ids: set[str] | frozenset[str], *, avoid_timed: bool
) -> list[SkillInfo]:
    """Step 3: when ``avoid_timed`` (after a timed question, or for the first question), drop the timed
    skills if non-timed ones remain. A skill is timed when all its playable challenges are timed."""
    if not avoid_timed:
        return list(candidates)
    untimed = [skill for skill in candidates if skill.id not in timed_skill_ids]
    return untimed or list(candidates)


def keep_first_question_skills(candidates: Sequence[SkillInfo]) -> list[SkillInfo]:
    """Step 4, first question: the skills of level 2, or of the lowest level present."""
    if not candidates:
        return []
    levels = {skill.level for skill in candidates}
    wanted = FIRST_QUESTION_LEVEL if FIRST_QUESTION_LEVEL in levels else min(levels)
    return [skill for skill in candidates if skill.level == wanted]


def drop_too_hard(candidates: Sequence[SkillInfo], p: float) -> list[SkillInfo]:
    """Step 4: drop the skills more than 2 levels above the predicted level p."""
    return [skill for skill in candidates if skill.level <= p + TOO_HARD_MARGIN]


def keep_best_reward(
    candidates: Sequence[SkillInfo], p: float, untested: Sequence[SkillInfo]
) -> list[SkillInfo]:
    """Step 4: the candidates of maximal :func:`reward` (ties within 1e-12 kept together)."""
    if not candidates:
        return []
    rewards = [(reward(skill, p, untested), skill) for skill in candidates]
    best = max(value for value, _ in rewards)
    return [skill for value, skill in rewards if value >= best - 1e-9]


# --------------------------------------------------------------------------------------------------------
# Reproducible choice
# --------------------------------------------------------------------------------------------------------


def pick(items: Sequence, assessment_id: str, answer_count: int, purpose: str):
    """One item chosen pseudo-randomly but reproducibly from (assessment id, number of answers, purpose).

    The items should come in a stable order (the callers sort them by id).
    """
    if not items:
        raise ValueError("nothing to pick from")
    digest = hashlib.sha256(f"{assessment_id}\x1f{answer_count}\x1f{purpose}".encode()).digest()
    return items[int.from_bytes(digest[:8], "big") % len(items)]


def choose_challenge(
    challenges: Sequence[ChallengeInfo],
    *,
    assessment_id: str,
    answer_count: int,
    answered_by_learner: frozenset[str] | set[str] = frozenset(),
    avoid_timed: bool = False,
) -> ChallengeInfo:
    """Step 6: one of a skill's playable challenges. Preferences, in order: non-timed ones when
    ``avoid_timed`` (if any), never answered by this learner (if any), validé before archivé; then a
    reproducible pick."""
    pool = sorted(challenges, key=lambda challenge: challenge.id)
    if avoid_timed:
        pool = [challenge for challenge in pool if not challenge.timed] or pool
    pool = [challenge for challenge in pool if challenge.id not in answered_by_learner] or pool
    pool = [challenge for challenge in pool if challenge.validated] or pool
    return pick(pool, assessment_id, answer_count, "challenge")


# --------------------------------------------------------------------------------------------------------
# Next challenge
# --------------------------------------------------------------------------------------------------------


def _last_was_timed(state: PositioningState, by_id: Mapping[str, ChallengeInfo]) -> bool:
    if state.last_challenge_timed is not None:
        return state.last_challenge_timed
    if not state.answered_in_assessment:
        return False
    last = by_id.get(state.answered_in_assessment[-1])
    return bool(last and last.timed)


def next_challenge(state: PositioningState) -> ChallengeInfo | None:
    """The next challenge to ask, or None when the assessment is complete (see the module docstring)."""
    answered = set(state.answered_in_assessment)
    by_id = {challenge.id: challenge for challenge in state.challenges}
    playable_by_skill: dict[str, list[ChallengeInfo]] = {}
    for challenge in state.challenges:
        if challenge.id not in answered:
            playable_by_skill.setdefault(challenge.skill_id, []).append(challenge)

    untested = [skill for skill in state.target_skills if skill.id not in state.knowledge]
    candidates = [skill for skill in untested if skill.id in playable_by_skill]
    first_question = not state.answered_in_assessment
    p = 0.0
    if not first_question:
        p = predicted_level(direct_observations(state.knowledge, state.target_skills))
        candidates = drop_too_hard(candidates, p)
    if not candidates:
        return None

    avoid_timed = first_question or _last_was_timed(state, by_id)
    timed_skills = {
        skill.id for skill in candidates if all(challenge.timed for challenge in playable_by_skill[skill.id])
    }
    candidates = keep_easy_tubes(candidates, state.target_skills)
    candidates = drop_timed(candidates, timed_skills, avoid_timed=avoid_timed)
    if first_question:
        candidates = keep_first_question_skills(candidates)
    else:
        candidates = keep_best_reward(candidates, p, untested)

    answer_count = len(state.answered_in_assessment)
    skill = pick(sorted(candidates, key=lambda s: s.id), state.assessment_id, answer_count, "skill")
    return choose_challenge(
        playable_by_skill[skill.id],
        assessment_id=state.assessment_id,
        answer_count=answer_count,
        answered_by_learner=state.answered_by_learner,
        avoid_timed=avoid_timed,
    )
