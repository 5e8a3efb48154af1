"""Bridges between the in-memory referential and the engine's inputs, memoised per release.

Everything here is derived from the (immutable) referential of one release, so it is computed once per
process and release, never per request.
"""

from functools import lru_cache

from octet.engine.knowledge import SkillInfo
from octet.engine.smart_random import ChallengeInfo
from octet.referential.content import Referential


@lru_cache(maxsize=8)
def _skill_infos(ref: Referential) -> dict[str, SkillInfo]:
    return {
        s.id: SkillInfo(
            id=s.id, name=s.id, tube=s.tube, level=s.level, competence=s.competence, pix_value=s.pix_value
        )
        for s in ref.skills.values()
    }


def skill_info(ref: Referential, skill_id: str) -> SkillInfo:
    return _skill_infos(ref)[skill_id]


@lru_cache(maxsize=64)
def competence_targets(ref: Referential, competence: str, locale: str) -> tuple[tuple[SkillInfo, ...], tuple]:
    """Target skills of a competence evaluation and their servable challenges in the learner's locale.

    A competence with no challenge in that locale falls back to French, so an English-speaking learner can
    still be evaluated on every competence.
    """
    infos = _skill_infos(ref)
    skills = [s for s in ref.active_skills_of_competence(competence)]

    def servable(loc: str) -> list:
        return [
            ChallengeInfo(id=c.id, skill_id=s.id, validated=True, timed=c.timed)
            for s in skills
            for c in ref.challenges_of_skill(s.id)
            if c.validated and loc in c.locales
        ]

    challenges = servable(locale)
    if not challenges and locale != "fr":
        challenges = servable("fr")
    playable_skills = {c.skill_id for c in challenges}
    targets = tuple(infos[s.id] for s in skills if s.id in playable_skills)
    return targets, tuple(challenges)


@lru_cache(maxsize=64)
def competence_challenge_ids(ref: Referential, competence: str) -> frozenset[str]:
    return frozenset(c.id for c in ref.challenges.values() if c.competence == competence)


# A Referential is a plain dataclass (unhashable by value); memoise on identity, which is what we want:
# one entry per loaded release object.
Referential.__hash__ = object.__hash__  # type: ignore[method-assign]
