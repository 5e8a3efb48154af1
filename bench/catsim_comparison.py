"""Octet's adaptive test next to catsim (https://pypi.org/project/catsim/, declared in the ``bench`` extra).

    .venv/bin/pip install -e '.[bench]'      # catsim==0.21.0 (+ scipy, scikit-learn, matplotlib… it needs)
    .venv/bin/python bench/catsim_comparison.py [--candidates 2000] [--seed 1]

Same standard bank (2PL: c = 0, d = 1), same true capacities θ (``octet.engine.bank.candidates``), 32
questions. catsim 0.21 ships a maximum-likelihood estimator (``NumericalSearchEstimator``, bounded search
with Dodd's heuristic while all answers are right or all wrong) and no EAP estimator; its selector is
``MaxInfoSelector`` (optionally with ``r_max``, which skips items whose exposure rate reached it). Neither
has content constraints (tubes, competences) nor Pix's top-5 draw, so Octet is also run "unconstrained"
(top-1, no tube/competence rules) to separate the estimator from the rules.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from octet.engine.bank import candidates, standard_bank
from octet.engine.flash import FlashConfig
from octet.engine.simulate import simulate_cat


def catsim_run(bank, thetas, *, start: float, r_max: float, seed: int) -> dict:
    from catsim.estimation import NumericalSearchEstimator
    from catsim.initialization import FixedPointInitializer
    from catsim.item_bank import ItemBank as CatsimBank
    from catsim.selection import MaxInfoSelector
    from catsim.simulation import Simulator
    from catsim.stopping import TestLengthStopper

    params = np.column_stack([bank.a, bank.b, np.zeros(len(bank)), np.ones(len(bank))])
    sim = Simulator(CatsimBank(params), np.asarray(thetas), seed=seed)
    t0 = time.perf_counter()
    sim.simulate(
        FixedPointInitializer(start),
        MaxInfoSelector(r_max=r_max),
        NumericalSearchEstimator(),
        TestLengthStopper(max_items=32),
    )
    seconds = time.perf_counter() - t0
    est = np.array(sim.estimations, dtype=float)  # examinees × (1 + 32): the start, then after each answer
    rmse = {k: float(np.sqrt(np.mean((est[:, k] - thetas) ** 2))) for k in (8, 16, 24, 32)}
    counts = np.zeros(len(bank))
    for items in sim.administered_items:
        np.add.at(counts, items, 1)
    diff = est[:, 32] - thetas
    return {
        "rmse": rmse,
        "bias_low": float(diff[thetas < -1.5].mean()),
        "bias_high": float(diff[thetas > 1.5].mean()),
        "max_exposure": float(counts.max() / len(thetas)),
        "never_used_share": float(np.mean(counts == 0)),
        "step_ms": seconds * 1000 / (32 * len(thetas)),
        "mean_error": float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    bank = standard_bank()
    thetas = candidates(args.candidates, args.seed)
    rows = []
    for name, config in {
        "Octet default (Pix rules, EAP re-centred prior, start −3)": FlashConfig(),
        "Octet + Sympson–Hetter 0.25": FlashConfig(exposure_control="sympson-hetter"),
        "Octet unconstrained (top-1, no tube/competence rule)": FlashConfig(
            top_k=1, one_per_tube=False, cover_all_competences=False, competence_gap=0
        ),
    }.items():
        r = simulate_cat(args.candidates, seed=args.seed, config=config, bank=bank, thetas=thetas).as_dict()
        r["rmse"] = {int(k): v for k, v in r["rmse"].items()}
        r["step_ms"] = r["step_ms_mean"]
        rows.append((name, r))
    try:
        import catsim

        version = getattr(catsim, "__version__", "0.21.0")
        for start in (0.0,):
            for r_max in (1.0, 0.25):
                label = f"catsim {version} ML + MaxInfo, start {start:g}" + (
                    ", r_max 0.25" if r_max < 1 else ""
                )
                rows.append((label, catsim_run(bank, thetas, start=start, r_max=r_max, seed=args.seed)))
    except ImportError as exc:  # pragma: no cover - depends on the bench extra
        print(f"catsim is not installed ({exc}); install the bench extra to compare.")
    print(f"{args.candidates} candidates θ ~ N(0, 1) (seed {args.seed}), standard bank, 32 questions\n")
    print(
        "| run | RMSE 8 | RMSE 16 | RMSE 24 | RMSE 32 | mean error | bias θ<−1.5 | bias θ>1.5 | max exposure "
        "| never used | ms per step |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        rm = r["rmse"]
        err = "–" if np.isnan(r["mean_error"]) else f"{r['mean_error']:.4f}"
        print(
            f"| {name} | {rm[8]:.3f} | {rm[16]:.3f} | {rm[24]:.3f} | {rm[32]:.4f} | {err} "
            f"| {r['bias_low']:+.3f} | {r['bias_high']:+.3f} | {r['max_exposure']:.3f} "
            f"| {r['never_used_share']:.1%} | {r['step_ms']:.3f} |"
        )


if __name__ == "__main__":
    main()
