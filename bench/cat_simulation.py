"""Measurement quality of the adaptive test on the standard bank (2 000 candidates, 32 questions).

    .venv/bin/python bench/cat_simulation.py [--candidates 2000] [--seeds 1 2 3 4 5] [--jobs 2]
        [--configs default sympson max-rate]

Runs ``octet.engine.simulate.simulate_cat`` for the default configuration (no exposure control, as Pix), the
two exposure controls (soft cap, the default since configuration 2026-11.2, and the hard cap alone,
``exposure_softness=0``) and the error-correction variants, for several seeds (each seed: other candidates,
other answers, other draws), and prints a Markdown table (and the JSON reports with ``--json``).
``--configs`` keeps the configurations whose name contains one of the given words (the default
configuration is always run: the RMSE cost of each configuration is measured against it, seed by seed).
"""

from __future__ import annotations

import argparse
import json
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from octet.engine.flash import FlashConfig
from octet.engine.simulate import simulate_cat

CONFIGS = {
    "default (no exposure control)": FlashConfig(),
    "sympson-hetter, max 0.25": FlashConfig(exposure_control="sympson-hetter"),
    "max-rate, max 0.25": FlashConfig(exposure_control="max-rate"),
    "sympson-hetter, max 0.25, hard cap only": FlashConfig(
        exposure_control="sympson-hetter", exposure_softness=0.0
    ),
    "max-rate, max 0.25, hard cap only": FlashConfig(exposure_control="max-rate", exposure_softness=0.0),
    "default, error without correction": FlashConfig(error_correction="none"),
    "default, Sheppard's correction": FlashConfig(error_correction="sheppard"),
}


def run(args: tuple[str, int, int]) -> tuple[str, int, dict]:
    name, seed, n = args
    return name, seed, simulate_cat(n, seed=seed, config=CONFIGS[name]).as_dict()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--configs", nargs="+", default=None, help="words selecting configuration names")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = [
        name
        for name in CONFIGS
        if name.startswith("default (") or not args.configs or any(w in name for w in args.configs)
    ]
    tasks = [(name, seed, args.candidates) for name in names for seed in args.seeds]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(run, tasks))
    if args.json:
        print(json.dumps([{"config": n, "seed": s, **r} for n, s, r in results], indent=2))
    base = {s: r["rmse"]["32"] for n, s, r in results if n.startswith("default (")}
    print(
        "| configuration | seed | RMSE 8 | RMSE 16 | RMSE 24 | RMSE 32 | mean error | RMS error "
        "| bias θ<−1.5 | bias θ>1.5 | level exact | level ±1 | max exposure | never used | step mean / p99 (ms) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, seed, r in results:
        rm = r["rmse"]
        cost = "" if name.startswith("default") else f" ({rm['32'] - base[seed]:+.4f})"
        print(
            f"| {name} | {seed} | {rm['8']:.3f} | {rm['16']:.3f} | {rm['24']:.3f} | {rm['32']:.4f}{cost} "
            f"| {r['mean_error']:.4f} | {r['rms_error']:.4f} | {r['bias_low']:+.3f} | {r['bias_high']:+.3f} "
            f"| {r['level_exact']:.1%} | {r['level_within_one']:.2%} | {r['max_exposure']:.3f} "
            f"| {r['never_used_share']:.1%} | {r['step_ms_mean']:.3f} / {r['step_ms_p99']:.3f} |"
        )
    print()
    for name in names:
        rows = [r for n, _, r in results if n == name]
        rmse = np.array([r["rmse"]["32"] for r in rows])
        err = np.array([r["mean_error"] for r in rows])
        costs = [r["rmse"]["32"] - base[s] for n, s, r in results if n == name]
        exposure = np.array([r["max_exposure"] for r in rows])
        used = 1.0 - np.array([r["never_used_share"] for r in rows])
        print(
            f"- {name}: RMSE 32 mean {rmse.mean():.4f} (range {rmse.min():.4f}–{rmse.max():.4f}), "
            f"mean error − RMSE {np.mean(err - rmse):+.4f}, RMSE cost vs default {np.mean(costs):+.4f} "
            f"(range {min(costs):+.4f}…{max(costs):+.4f}), max exposure ≤ {exposure.max():.3f}, "
            f"bank used {used.min():.1%}–{used.max():.1%}"
        )


if __name__ == "__main__":
    main()
