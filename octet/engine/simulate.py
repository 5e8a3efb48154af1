"""Simulations of the adaptive tests, to check their measurement quality (no database, no Django).

    python -m octet.engine.simulate cat --candidates 2000 --length 32 --seed 1 [--exposure-control sympson-hetter]
        [--max-exposure 0.25] [--exposure-softness 0.02] [--json]
    python -m octet.engine.simulate positioning --learners 500 --seed 1 [--json]

``cat``: candidates θ ~ N(0, 1) take the adaptive certification test (:mod:`octet.engine.flash`) on the
standard synthetic bank (:mod:`octet.engine.bank`), answering each item correctly with its 2PL probability.
Reports the RMSE of the estimate against the true θ after 8/16/24/32 questions, the reported error (mean and
root mean square), the bias at the extremes (θ < −1.5, θ > 1.5), the agreement between the global level of
the true θ and of the estimate (exact, ±1), the exposure (maximum rate, share of the bank never used) and the
time of one step (selection + estimation; mean and 99th percentile).

``positioning``: learners with a known true level per tube take the smart-random positioning test
(:mod:`octet.engine.smart_random`) on a synthetic competence. A learner answers a challenge of a skill of
level L in a tube where their true level is T correctly with probability 0.9 when L ≤ T, else 0.1 (slips and
guesses). The true competence level is the level the pix rules give when every skill at or below the true
level of its tube is validated and every other one is not; it is compared with the level the test gives.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from octet.engine.bank import candidates as draw_candidates
from octet.engine.bank import standard_bank
from octet.engine.flash import (
    AdaptiveTest,
    ExposureTracker,
    FlashConfig,
    ItemBank,
    global_level,
    score_from_capacity,
)

__all__ = ["CatReport", "PositioningReport", "main", "simulate_cat", "simulate_positioning"]

CHECKPOINTS = (8, 16, 24, 32)


@dataclass
class CatReport:
    candidates: int
    length: int
    seed: int
    config_version: str
    exposure_control: str | None
    exposure_softness: float
    rmse: dict[int, float]
    mean_error: float
    rms_error: float
    bias: float
    bias_low: float
    bias_high: float
    n_low: int
    n_high: int
    level_exact: float
    level_within_one: float
    max_exposure: float
    never_used_share: float
    step_ms_mean: float
    step_ms_p99: float
    seconds: float

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d["rmse"] = {str(k): v for k, v in self.rmse.items()}
        return d


def _levels(capacities: np.ndarray, config: FlashConfig) -> np.ndarray:
    return np.array([global_level(score_from_capacity(float(c), config), config) for c in capacities])


def simulate_cat(
    n: int = 2000,
    *,
    length: int = 32,
    seed: int = 1,
    config: FlashConfig | None = None,
    bank: ItemBank | None = None,
    thetas: np.ndarray | None = None,
) -> CatReport:
    """Run ``n`` simulated candidates through the adaptive test and measure it (see the module docstring).

    Each candidate's test id (the seed of its draws) is ``"sim-<seed>-<candidate>"``; answers come from
    ``numpy.random.default_rng([seed, 2])``; θ from :func:`octet.engine.bank.candidates`.
    """
    config = replace(config or FlashConfig(), max_length=length)
    bank = bank if bank is not None else standard_bank()
    thetas = draw_candidates(n, seed) if thetas is None else np.asarray(thetas, dtype=float)
    n = len(thetas)
    rng = np.random.default_rng([seed, 2])
    tracker = ExposureTracker(bank.ids, config.max_exposure, config.exposure_warmup_tests)
    checkpoints = [k for k in CHECKPOINTS if k <= length]
    if length not in checkpoints:
        checkpoints.append(length)
    estimates = np.full((n, len(checkpoints)), np.nan)
    final, errors = np.zeros(n), np.zeros(n)
    step_ns: list[int] = []
    start = time.perf_counter()
    for c in range(n):
        test = AdaptiveTest(bank, config, seed=f"sim-{seed}-{c}")
        tracker.start_test()
        proposed: list[str] = []
        theta = thetas[c]
        while True:
            t0 = time.perf_counter_ns()
            selection = test.select(tracker)
            if selection is None:
                break
            item = selection.item
            correct = bool(rng.random() < 1.0 / (1.0 + np.exp(item.a * (item.b - theta))))
            t1 = time.perf_counter_ns()
            test.answer(item, correct)
            step_ns.append(time.perf_counter_ns() - t1 + (t1 - t0))
            tracker.record_shown(item.id)
            proposed.extend(selection.proposed)
            k = len(test.history)
            if k in checkpoints:
                estimates[c, checkpoints.index(k)] = test.capacity
        tracker.record_proposed(proposed)
        final[c], errors[c] = test.capacity, test.error
    seconds = time.perf_counter() - start
    rmse = {k: float(np.sqrt(np.nanmean((estimates[:, j] - thetas) ** 2))) for j, k in enumerate(checkpoints)}
    diff = final - thetas
    low, high = thetas < -1.5, thetas > 1.5
    lv_true, lv_est = _levels(thetas, config), _levels(final, config)
    ms = np.array(step_ns, dtype=float) / 1e6
    return CatReport(
        candidates=n,
        length=length,
        seed=seed,
        config_version=config.version,
        exposure_control=config.exposure_control,
        exposure_softness=config.exposure_softness,
        rmse=rmse,
        mean_error=float(errors.mean()),
        rms_error=float(np.sqrt(np.mean(errors**2))),
        bias=float(diff.mean()),
        bias_low=float(diff[low].mean()) if low.any() else float("nan"),
        bias_high=float(diff[high].mean()) if high.any() else float("nan"),
        n_low=int(low.sum()),
        n_high=int(high.sum()),
        level_exact=float(np.mean(lv_true == lv_est)),
        level_within_one=float(np.mean(np.abs(lv_true - lv_est) <= 1)),
        max_exposure=tracker.max_rate(),
        never_used_share=tracker.unused_share(),
        step_ms_mean=float(ms.mean()) if ms.size else 0.0,
        step_ms_p99=float(np.percentile(ms, 99)) if ms.size else 0.0,
        seconds=seconds,
    )


def _exposure_label(report: CatReport) -> str:
    if report.exposure_control is None:
        return "off"
    cap = f"soft cap {report.exposure_softness:g}" if report.exposure_softness > 0 else "hard cap"
    return f"{report.exposure_control} ({cap})"


def format_cat(report: CatReport) -> str:
    lines = [
        f"Adaptive test simulation — {report.candidates} candidates, {report.length} questions, "
        f"seed {report.seed}, config {report.config_version}, exposure control: {_exposure_label(report)}",
        "",
        "questions  RMSE",
        *(f"{k:>9}  {v:.4f}" for k, v in report.rmse.items()),
        "",
        f"reported error      mean {report.mean_error:.4f}   RMS {report.rms_error:.4f}",
        f"bias                all {report.bias:+.4f}   θ<−1.5 {report.bias_low:+.4f} (n={report.n_low})"
        f"   θ>1.5 {report.bias_high:+.4f} (n={report.n_high})",
        f"global level        exact {report.level_exact:.2%}   ±1 {report.level_within_one:.2%}",
        f"exposure            max {report.max_exposure:.3f}   never used {report.never_used_share:.1%} of the bank",
        f"time per step       mean {report.step_ms_mean:.3f} ms   p99 {report.step_ms_p99:.3f} ms"
        f"   (total {report.seconds:.1f} s)",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------
# Positioning (smart random).


@dataclass
class PositioningReport:
    learners: int
    seed: int
    questions_mean: float
    questions_max: int
    level_abs_error_mean: float
    level_exact: float
    level_within_one: float
    pix_abs_error_mean: float

    def as_dict(self) -> dict:
        return dict(self.__dict__)


# Synthetic competence: tube name → the levels of its skills (gaps and an easy tube on purpose).
POSITIONING_TUBES: dict[str, tuple[int, ...]] = {
    "@recherche": (1, 2, 3, 4, 5, 6),
    "@fichier": (1, 2, 3, 4, 5),
    "@tableur": (2, 3, 4, 5, 6),
    "@securite": (1, 2, 3),
    "@partage": (1, 3, 4, 6),
}
CHALLENGES_PER_SKILL = 2
P_SUCCESS_KNOWN = 0.9
P_SUCCESS_UNKNOWN = 0.1


def positioning_referential(competence: str = "1.1"):
    """Skills (with pix values from the spec's rule) and challenges of the synthetic competence."""
    from octet.engine.knowledge import SkillInfo, skill_pix_values
    from octet.engine.smart_random import ChallengeInfo

    raw = [(f"{tube}{level}", tube, level) for tube, levels in POSITIONING_TUBES.items() for level in levels]
    pix = skill_pix_values([(sid, competence, level, True) for sid, _tube, level in raw])
    skills = [
        SkillInfo(id=sid, name=sid, tube=tube, level=level, competence=competence, pix_value=pix[sid])
        for sid, tube, level in raw
    ]
    challenges = [
        ChallengeInfo(id=f"{skill.id}-v{v}", skill_id=skill.id)
        for skill in skills
        for v in range(1, CHALLENGES_PER_SKILL + 1)
    ]
    return skills, challenges


def simulate_positioning(n: int = 500, *, seed: int = 1) -> PositioningReport:
    from octet.engine.knowledge import (
        DIRECT,
        KnowledgeElement,
        competence_score,
        current_knowledge,
        knowledge_elements_for_answer,
    )
    from octet.engine.smart_random import PositioningState, next_challenge

    competence = "1.1"
    skills, challenges = positioning_referential(competence)
    by_skill = {s.id: s for s in skills}
    rng = np.random.default_rng([seed, 3])
    questions, level_err, pix_err, exact, within = [], [], [], 0, 0
    for learner in range(n):
        ability = int(rng.integers(0, 7))
        true_levels = {tube: int(np.clip(ability + rng.integers(-1, 2), 0, 8)) for tube in POSITIONING_TUBES}
        true_pix = sum(s.pix_value for s in skills if s.level <= true_levels[s.tube])
        true_score = competence_score(competence, true_pix)
        kes: list[KnowledgeElement] = []
        answered: list[str] = []
        covered: set[str] = set()
        while True:
            state = PositioningState(
                assessment_id=f"pos-{seed}-{learner}",
                target_skills=skills,
                challenges=challenges,
                knowledge=current_knowledge(kes),
                answered_in_assessment=tuple(answered),
            )
            challenge = next_challenge(state)
            if challenge is None:
                break
            skill = by_skill[challenge.skill_id]
            p = P_SUCCESS_KNOWN if skill.level <= true_levels[skill.tube] else P_SUCCESS_UNKNOWN
            status = "ok" if rng.random() < p else "ko"
            new = knowledge_elements_for_answer(
                skill=skill, status=status, target_skills=skills, covered_skill_ids=covered
            )
            kes.extend(new)
            covered.update(ke.skill_id for ke in new)
            answered.append(challenge.id)
        earned = sum(ke.earned_pix for ke in current_knowledge(kes).values())
        score = competence_score(competence, earned)
        questions.append(len(answered))
        level_err.append(abs(score.level - true_score.level))
        pix_err.append(abs(score.pix - true_score.pix))
        exact += score.level == true_score.level
        within += abs(score.level - true_score.level) <= 1
        assert all(ke.source in (DIRECT, "inferred") for ke in kes)
    return PositioningReport(
        learners=n,
        seed=seed,
        questions_mean=float(np.mean(questions)),
        questions_max=int(np.max(questions)),
        level_abs_error_mean=float(np.mean(level_err)),
        level_exact=exact / n,
        level_within_one=within / n,
        pix_abs_error_mean=float(np.mean(pix_err)),
    )


def format_positioning(report: PositioningReport) -> str:
    return "\n".join(
        [
            f"Positioning (smart random) simulation — {report.learners} learners, seed {report.seed}",
            f"synthetic competence: {len(POSITIONING_TUBES)} tubes, "
            f"{sum(map(len, POSITIONING_TUBES.values()))} skills, {CHALLENGES_PER_SKILL} challenges per skill; "
            f"P(correct) {P_SUCCESS_KNOWN} at or below the tube's true level, {P_SUCCESS_UNKNOWN} above",
            f"questions asked     mean {report.questions_mean:.1f}   max {report.questions_max}",
            f"competence level    exact {report.level_exact:.1%}   ±1 {report.level_within_one:.1%}"
            f"   mean |error| {report.level_abs_error_mean:.3f}",
            f"pix                 mean |error| {report.pix_abs_error_mean:.2f}",
        ]
    )


# ---------------------------------------------------------------------------------------------------------
# CLI.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m octet.engine.simulate", description=__doc__.split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    cat = sub.add_parser("cat", help="the adaptive certification test on the standard bank")
    cat.add_argument("--candidates", type=int, default=2000)
    cat.add_argument("--length", type=int, default=32)
    cat.add_argument("--seed", type=int, default=1)
    cat.add_argument("--exposure-control", choices=["sympson-hetter", "max-rate"], default=None)
    cat.add_argument("--max-exposure", type=float, default=0.25)
    cat.add_argument(
        "--exposure-softness",
        type=float,
        default=FlashConfig.exposure_softness,
        help="width of the soft exposure cap (0: the hard cap alone)",
    )
    cat.add_argument(
        "--bank-seed", type=int, default=None, help="seed of the synthetic bank (standard if omitted)"
    )
    cat.add_argument("--json", action="store_true")
    pos = sub.add_parser("positioning", help="the smart-random positioning test on a synthetic competence")
    pos.add_argument("--learners", type=int, default=500)
    pos.add_argument("--seed", type=int, default=1)
    pos.add_argument("--json", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "cat":
        config = FlashConfig(
            exposure_control=args.exposure_control,
            max_exposure=args.max_exposure,
            exposure_softness=args.exposure_softness,
        )
        bank = standard_bank() if args.bank_seed is None else standard_bank(args.bank_seed)
        report = simulate_cat(args.candidates, length=args.length, seed=args.seed, config=config, bank=bank)
        print(json.dumps(report.as_dict(), indent=2) if args.json else format_cat(report))
    else:
        report = simulate_positioning(args.learners, seed=args.seed)
        print(json.dumps(report.as_dict(), indent=2) if args.json else format_positioning(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
