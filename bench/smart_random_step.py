"""Time of one choice of the positioning algorithm (``smart_random.next_challenge``).

    .venv/bin/python bench/smart_random_step.py [--reps 2000]

On a competence shaped like the real ones (5 tubes × 5 levels, 2 variants per skill, 10 timed variants,
a third of the skills already known, 8 answers given) and on a larger one (8 tubes × 8 levels, 4 variants).
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np

from octet.engine.knowledge import DIRECT, INVALIDATED, VALIDATED, KnowledgeElement, SkillInfo
from octet.engine.smart_random import ChallengeInfo, PositioningState, next_challenge


def competence(tubes: int, levels: int, variants: int) -> PositioningState:
    skills = [
        SkillInfo(f"t{t}{lv}", f"@t{t}{lv}", f"@t{t}", lv, "1.1", 4.0)
        for t in range(tubes)
        for lv in range(1, levels + 1)
    ]
    challenges = [
        ChallengeInfo(f"{s.id}-{v}", s.id, timed=(v == 0 and i < 10))
        for i, s in enumerate(skills)
        for v in range(variants)
    ]
    knowledge = {
        s.id: KnowledgeElement(s.id, VALIDATED if s.level <= 2 else INVALIDATED, DIRECT, 4.0, "1.1")
        for s in skills[::3]
    }
    return PositioningState(
        assessment_id="bench",
        target_skills=skills,
        challenges=challenges,
        knowledge=knowledge,
        answered_in_assessment=[c.id for c in challenges[:8]],
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=2000)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, {platform.machine()}")
    for label, shape in (
        ("5 tubes × 5 levels × 2 variants", (5, 5, 2)),
        ("8 tubes × 8 levels × 4 variants", (8, 8, 4)),
    ):
        s = competence(*shape)
        next_challenge(s)
        samples = np.empty(args.reps)
        for r in range(args.reps):
            t0 = time.perf_counter_ns()
            next_challenge(s)
            samples[r] = time.perf_counter_ns() - t0
        samples /= 1e6
        print(f"{label}: median {np.median(samples):.3f} ms, p99 {np.percentile(samples, 99):.3f} ms")


if __name__ == "__main__":
    main()
