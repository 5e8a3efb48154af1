"""Time of one step of the adaptive test (selection + estimation) on a 1 000-item bank.

    .venv/bin/python bench/flash_step.py [--reps 2000]

Measures, after 0, 16 and 31 answers:
* incremental: ``AdaptiveTest.select()`` then ``AdaptiveTest.answer()`` on a kept state (how the simulator,
  or a server keeping the state per test, runs);
* replay: the public ``next_item(bank, answers, …)`` rebuilding the state from the answers then selecting,
  with the bank given as an ``ItemBank`` (built once per bank version) and as a plain list of ``Item``;
* ``estimate()`` alone on 32 responses.
"""

from __future__ import annotations

import argparse
import platform
import time

import numpy as np

from octet.engine.bank import synthetic_bank
from octet.engine.flash import AdaptiveTest, FlashConfig, estimate, next_item

COMPETENCES_20 = tuple(f"{d}.{k}" for d in range(1, 6) for k in range(1, 5))


def bank_1000():
    return synthetic_bank(competences=COMPETENCES_20, items_per_competence=50, items_per_tube=5, seed=7)


def timed(fn, reps: int) -> tuple[float, float]:
    fn()  # warm-up
    samples = np.empty(reps)
    for r in range(reps):
        t0 = time.perf_counter_ns()
        fn()
        samples[r] = time.perf_counter_ns() - t0
    samples /= 1e6
    return float(np.median(samples)), float(np.percentile(samples, 99))


def answers_of(bank, k: int, config: FlashConfig, seed="bench"):
    rng = np.random.default_rng(0)
    test = AdaptiveTest(bank, config, seed)
    answers = []
    for _ in range(k):
        item = test.select().item
        ok = bool(rng.random() < 1 / (1 + np.exp(item.a * (item.b - 0.5))))
        test.answer(item, ok)
        answers.append((item, ok))
    return answers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=2000)
    args = parser.parse_args()
    config = FlashConfig()
    bank = bank_1000()
    plain = list(bank)
    print(f"bank: {len(bank)} items, {len(bank.competences)} competences, {len(bank.tubes)} tubes")
    print(f"python {platform.python_version()}, numpy {np.__version__}")
    print("| after answers | incremental select+answer | next_item(ItemBank) | next_item(list) |")
    print("|---:|---:|---:|---:|")
    for k in (0, 16, 31):
        answers = answers_of(bank, k, config)
        base = AdaptiveTest(bank, config, "bench").replay(answers)

        def incremental(base=base):
            test = AdaptiveTest.__new__(AdaptiveTest)
            test.__dict__.update(base.__dict__)  # shallow copy of the state (arrays copied below)
            test.answered, test.tube_used, test.comp_count = (
                base.answered.copy(),
                base.tube_used.copy(),
                base.comp_count.copy(),
            )
            test.history, test._competences = list(base.history), list(base._competences)
            test._estimator = _copy_estimator(base._estimator)
            sel = test.select()
            test.answer(sel.item, True)

        copy_cost = timed(lambda base=base: _copy_only(base), args.reps)[0]
        inc = timed(incremental, args.reps)
        rep = timed(lambda answers=answers: next_item(bank, answers, config, seed="bench"), args.reps)
        lst = timed(
            lambda answers=answers: next_item(plain, answers, config, seed="bench"), max(args.reps // 10, 50)
        )
        print(
            f"| {k} | {inc[0] - copy_cost:.3f} ms (p99 {inc[1]:.3f}) | {rep[0]:.3f} ms (p99 {rep[1]:.3f}) "
            f"| {lst[0]:.3f} ms (p99 {lst[1]:.3f}) |"
        )
    responses = [(it.a, it.b, ok) for it, ok in answers_of(bank, 32, config)]
    est = timed(lambda: estimate(responses), args.reps)
    print(f"\nestimate() on 32 responses: median {est[0]:.3f} ms, p99 {est[1]:.3f} ms")


def _copy_estimator(est):
    from octet.engine.flash import _Estimator

    new = _Estimator.__new__(_Estimator)
    for name in _Estimator.__slots__:
        setattr(new, name, getattr(est, name))
    return new


def _copy_only(base):
    base.answered.copy(), base.tube_used.copy(), base.comp_count.copy()
    list(base.history), list(base._competences)
    _copy_estimator(base._estimator)


if __name__ == "__main__":
    main()
