"""The profile-based certification test (version 2): question selection and scoring.

Rules: ``shared/spec/certification.md``, "The profile-based test (version 2)". Pure Python, no Django: the
caller loads the candidate's profile (current knowledge) and the challenges, and stores what comes out.

Selection (:func:`select_challenges`), for each competence of the profile at level ≥ 1, in framework order:

1. the candidate's validated skills of that competence, from the highest level down;
2. one challenge per skill: a challenge the candidate has never answered (a variant) when the skill has one,
   else one already answered; among equals, a draw reproducible from the seed (sha256, never ``hash()``);
3. tubes not used yet are preferred: a first pass takes, level by level from the highest, only skills of
   tubes not used yet in this competence; when it found fewer than 3 questions, a second pass takes the
   remaining skills (of already used tubes), again from the highest level;
4. stop at 3 questions per competence (fewer when the profile has fewer validated skills with a challenge).

Scoring (:func:`score`): R = correct answers / answers not neutralized (a percentage). R < 50 → rejected.
Otherwise, per competence, on its questions that are not neutralized ("fewer questions asked ⇒ the same
rule on the rest"), the result depends only on the number of wrong answers w:

    asked  neutralized  remaining  result
    3      0            3          w = 0 → validated; w = 1 → validated if R ≥ 80 else downgraded; w ≥ 2 → uncertified
    3      1            2          w = 0 → validated; w = 1 → validated if R ≥ 80 else downgraded; w = 2 → uncertified
    3      2            1          w = 0 → validated; w = 1 → validated if R ≥ 80 else downgraded
    3      3            0          validated (nothing is held against the candidate)
    2, 1   …            …          the same rule on the remaining questions (a profile may give fewer than 3)
    0      –            –          "not tested": 0 pix (a competence with no question cannot be certified)

validated = the profile level and pix; downgraded = one level less and 8 pix less (never below 0);
uncertified = level 0, 0 pix. Certified pix = Σ competence pix; 0 → rejected.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "CertificationAnswer",
    "CertificationChallenge",
    "CertificationQuestion",
    "CertificationResult",
    "CompetenceResult",
    "Profile",
    "ValidatedSkill",
    "score",
    "select_challenges",
]

VERSION = 2
QUESTIONS_PER_COMPETENCE = 3
PIX_PER_LEVEL = 8
REJECTION_THRESHOLD = 50  # R below this (percent) → rejected
TOLERANCE_THRESHOLD = 80  # one wrong answer in a competence is tolerated when R ≥ this

VALIDATED = "validated"
DOWNGRADED = "downgraded"
UNCERTIFIED = "uncertified"
NOT_TESTED = "not tested"
REJECTED = "rejected"


@dataclass(frozen=True)
class ValidatedSkill:
    """A skill of the candidate's current knowledge that is validated."""

    id: str
    tube: str
    level: int
    competence: str


@dataclass(frozen=True)
class Profile:
    """The candidate's profile at the start of the test: level and pix per competence, validated skills."""

    competence_levels: Mapping[str, int]
    competence_pix: Mapping[str, int]
    validated_skills: Sequence[ValidatedSkill]


@dataclass(frozen=True)
class CertificationChallenge:
    """A challenge that can be served in certification (the caller filters status and locale)."""

    id: str
    skill_id: str


@dataclass(frozen=True)
class CertificationQuestion:
    challenge_id: str
    skill_id: str
    tube: str
    level: int
    competence: str
    already_answered: bool


def _key(seed: str | int, *parts: object) -> bytes:
    return hashlib.sha256("|".join([str(seed), *map(str, parts)]).encode("utf-8")).digest()


def _competence_sort_key(code: str) -> tuple:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in str(code).split("."))


def select_challenges(
    profile: Profile,
    challenges: Iterable[CertificationChallenge],
    answered_challenge_ids: Iterable[str] = (),
    *,
    seed: str | int = 0,
    per_competence: int = QUESTIONS_PER_COMPETENCE,
) -> list[CertificationQuestion]:
    """The questions of the test, competence by competence (see the module docstring for the rules)."""
    answered = set(answered_challenge_ids)
    by_skill: dict[str, list[str]] = {}
    for challenge in challenges:
        by_skill.setdefault(challenge.skill_id, []).append(challenge.id)
    skills_by_competence: dict[str, list[ValidatedSkill]] = {}
    for skill in profile.validated_skills:
        skills_by_competence.setdefault(skill.competence, []).append(skill)

    questions: list[CertificationQuestion] = []
    for competence in sorted(profile.competence_levels, key=_competence_sort_key):
        if profile.competence_levels[competence] < 1:
            continue
        # Highest level first; inside a level, a reproducible shuffle.
        skills = sorted(
            (s for s in skills_by_competence.get(competence, []) if by_skill.get(s.id)),
            key=lambda s: (-s.level, _key(seed, "skill", competence, s.id)),
        )
        chosen: list[CertificationQuestion] = []
        used_tubes: set[str] = set()
        used_skills: set[str] = set()
        for fresh_tubes_only in (True, False):
            for skill in skills:
                if len(chosen) >= per_competence:
                    break
                if skill.id in used_skills or (fresh_tubes_only and skill.tube in used_tubes):
                    continue
                challenge_id = min(
                    by_skill[skill.id],
                    key=lambda cid, sid=skill.id: (cid in answered, _key(seed, "challenge", sid, cid)),
                )
                chosen.append(
                    CertificationQuestion(
                        challenge_id, skill.id, skill.tube, skill.level, competence, challenge_id in answered
                    )
                )
                used_skills.add(skill.id)
                used_tubes.add(skill.tube)
        questions.extend(chosen)
    return questions


@dataclass(frozen=True)
class CertificationAnswer:
    """One answer of the test: ``correct`` (only ``ok`` is correct) and whether the jury neutralized it."""

    challenge_id: str
    competence: str
    correct: bool
    neutralized: bool = False


@dataclass(frozen=True)
class CompetenceResult:
    competence: str
    profile_level: int
    profile_pix: int
    asked: int
    neutralized: int
    correct: int
    wrong: int
    status: str  # validated | downgraded | uncertified | not tested | rejected
    level: int
    pix: int


@dataclass(frozen=True)
class CertificationResult:
    version: int
    status: str  # validated | rejected
    reason: str | None
    reproducibility_rate: float  # percent, 0..100
    competences: dict[str, CompetenceResult] = field(default_factory=dict)
    total_pix: int = 0


def _competence_result(
    competence: str, level: int, pix: int, answers: Sequence[CertificationAnswer], rate_ok_80: bool
) -> CompetenceResult:
    asked = len(answers)
    neutralized = sum(1 for a in answers if a.neutralized)
    correct = sum(1 for a in answers if a.correct and not a.neutralized)
    wrong = asked - neutralized - correct
    if asked == 0:
        status, new_level, new_pix = NOT_TESTED, 0, 0
    elif wrong == 0 or (wrong == 1 and rate_ok_80):
        status, new_level, new_pix = VALIDATED, level, pix
    elif wrong == 1:
        status, new_level, new_pix = DOWNGRADED, max(level - 1, 0), max(pix - PIX_PER_LEVEL, 0)
    else:
        status, new_level, new_pix = UNCERTIFIED, 0, 0
    return CompetenceResult(
        competence, level, pix, asked, neutralized, correct, wrong, status, new_level, new_pix
    )


def score(
    answers: Iterable[CertificationAnswer],
    competence_levels: Mapping[str, int],
    competence_pix: Mapping[str, int],
) -> CertificationResult:
    """Score a profile-based test from its answers and the candidate's profile (level and pix per competence).

    Competences with a level ≥ 1 in the profile are scored (those without a question are "not tested");
    answers to other competences count in R only.
    """
    answers = list(answers)
    counted = [a for a in answers if not a.neutralized]
    correct = sum(1 for a in counted if a.correct)
    rate = 100.0 * correct / len(counted) if counted else 0.0
    by_competence: dict[str, list[CertificationAnswer]] = {}
    for answer in answers:
        by_competence.setdefault(answer.competence, []).append(answer)
    competences = sorted((c for c, lvl in competence_levels.items() if lvl >= 1), key=_competence_sort_key)
    if not counted or correct * 100 < REJECTION_THRESHOLD * len(counted):
        details = {
            c: CompetenceResult(
                c,
                competence_levels[c],
                int(competence_pix.get(c, 0)),
                len(by_competence.get(c, [])),
                sum(1 for a in by_competence.get(c, []) if a.neutralized),
                sum(1 for a in by_competence.get(c, []) if a.correct and not a.neutralized),
                sum(1 for a in by_competence.get(c, []) if not a.correct and not a.neutralized),
                REJECTED,
                0,
                0,
            )
            for c in competences
        }
        reason = (
            "aucune réponse prise en compte" if not counted else "taux de reproductibilité inférieur à 50 %"
        )
        return CertificationResult(VERSION, REJECTED, reason, rate, details, 0)
    rate_ok_80 = correct * 100 >= TOLERANCE_THRESHOLD * len(counted)
    details = {
        c: _competence_result(
            c, int(competence_levels[c]), int(competence_pix.get(c, 0)), by_competence.get(c, []), rate_ok_80
        )
        for c in competences
    }
    total = sum(d.pix for d in details.values())
    if total == 0:
        return CertificationResult(VERSION, REJECTED, "aucun pix certifié", rate, details, 0)
    return CertificationResult(VERSION, VALIDATED, None, rate, details, total)
