"""The standard synthetic item bank and candidate population used by the simulator, the benchmarks and tests.

* 16 competences (the CRCN codes 1.1 … 5.2) × 60 items, in tubes of 3 items (20 tubes per competence);
* discrimination a ~ lognormal(0, 0.35), difficulty b ~ N(0, 1.2) (1.2 is the standard deviation);
* candidates θ ~ N(0, 1).

Everything is drawn from ``numpy.random.default_rng(seed)``, so a seed gives the same bank with a given
numpy version (numpy is pinned by the project).
"""

from __future__ import annotations

import numpy as np

from octet.engine.flash import Item, ItemBank

__all__ = ["COMPETENCES", "STANDARD_SEED", "candidates", "standard_bank", "synthetic_bank"]

COMPETENCES: tuple[str, ...] = (
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3",
    "5.1", "5.2",
)  # fmt: skip

STANDARD_SEED = 2026


def synthetic_bank(
    *,
    competences: tuple[str, ...] = COMPETENCES,
    items_per_competence: int = 60,
    items_per_tube: int = 3,
    a_sigma: float = 0.35,
    b_sd: float = 1.2,
    seed: int = STANDARD_SEED,
) -> ItemBank:
    """A synthetic bank: ids ``c<competence>-t<tube>-i<item>``, tubes ``@c<competence>t<tube>``."""
    rng = np.random.default_rng(seed)
    n = len(competences) * items_per_competence
    a = np.exp(rng.normal(0.0, a_sigma, n))
    b = rng.normal(0.0, b_sd, n)
    items = []
    k = 0
    for comp in competences:
        for j in range(items_per_competence):
            tube = j // items_per_tube + 1
            items.append(
                Item(
                    id=f"c{comp}-t{tube:02d}-i{j % items_per_tube + 1}",
                    a=round(float(a[k]), 6),
                    b=round(float(b[k]), 6),
                    competence=comp,
                    tube=f"@c{comp}t{tube:02d}",
                )
            )
            k += 1
    return ItemBank(items)


def standard_bank(seed: int = STANDARD_SEED) -> ItemBank:
    """The standard bank: 16 competences × 60 items, tubes of 3, a ~ lognormal(0, 0.35), b ~ N(0, 1.2)."""
    return synthetic_bank(seed=seed)


def candidates(n: int, seed: int = STANDARD_SEED) -> np.ndarray:
    """``n`` true capacities θ ~ N(0, 1) (a stream independent of the bank's for the same seed)."""
    return np.random.default_rng([seed, 1]).normal(0.0, 1.0, n)
