"""The adaptive certification test ("flash"): 2PL model, EAP capacity estimate, item selection, scoring.

Everything here is pure Python + numpy (no Django): the certification app stores the answers and calls
:func:`next_item` / :func:`result`; the simulator (``python -m octet.engine.simulate``) and the benchmarks
drive the same code through :class:`AdaptiveTest`, the incremental state of one test.

Rules (``shared/spec/certification.md``, "The adaptive test") and how they are read here
------------------------------------------------------------------------------------------
* Model: ``P(correct | θ) = 1 / (1 + exp(a (b − θ)))``.
* Grid: 80 points with step 0.225 over [−9, 9]. 80 points spaced 0.225 exactly tile [−9, 9] when they are
  the *centres* of 80 cells of width 0.225, so the grid is −8.8875, −8.6625, …, 8.8875 (symmetric around 0).
* Capacity: expected a posteriori on the grid. After answer k the posterior is
  ``N(θ; θ̂_{k−1}, 1.5) × Π_{j≤k} P_j(θ)``: the likelihood of *all* answers so far times a Gaussian prior of
  variance 1.5 **re-centred on the previous estimate** θ̂_{k−1} (θ̂_0 = the start capacity, −3).
* Bounded variation (default 0.5), read literally: from the previous estimate θ̂_{k−1} the estimate may move
  by at most ``variation`` (0.5) when ``|θ̂_{k−1}| < 0.5`` (``variation_threshold``), else by at most
  ``|θ̂_{k−1}| × variation``. The posterior mean is clipped to that interval. (The literal rule allows 0.5
  near 0, 0.25…0.5 for 0.5 ≤ |θ| < 1 and more above; ``variation=None`` disables the bound.)
* Error: the posterior standard deviation with the grid-width correction read as the variance of the
  posterior *held on the grid's cells*: the grid is 80 cells of width h = 0.225 and the posterior a
  histogram over them, whose variance is the discrete one plus the within-cell variance h²/12, so
  ``error = sqrt(var + h²/12)`` (``error_correction="histogram"``, the default). Sheppard's correction
  (``"sheppard"``, ``sqrt(var − h²/12)``) is the other textbook "grid-width correction", for a continuous
  variable that was *grouped*; it does not fit here: the 80-point discrete SD equals the continuous
  posterior SD to 1e-6 (checked against an 8000-point grid), so subtracting h²/12 under-states the error,
  and the raw SD (``"none"``) already under-states the observed RMSE a little because the prior,
  re-centred on an estimate made from the same answers, counts them twice. Measured on the standard bank
  (3 × 2 000 candidates, 32 questions, mean RMSE 0.213): mean error − RMSE = +0.002 (histogram), −0.008
  (none), −0.018 (sheppard); see ``docs/benchmarks.md``.
* Selection among items not answered yet, in this order (each filter is dropped when it would leave
  nothing): one item per tube (hard: a used tube is never asked again); competences never asked come
  first (so the first 16 questions visit the 16 competences of the standard bank, and a test ended at 20
  answers has covered them all); after that, never the competence of either of the last 2 questions;
  exposure control (optional, beyond the spec). The remaining items are ranked by Fisher information
  ``a² P (1 − P)`` at the current estimate (ties: bank order) and one of the 5 best is drawn: the best with
  probability 0.51, else the 2nd with 0.51, …; the cascade ends on the 5th, which takes what is left
  (so P = 0.51, 0.2499, 0.1225, 0.0600, 0.0576 — the last one is 0.49⁴, not 0.49⁴ × 0.51).
  With fewer than 5 candidates the last one takes what is left the same way.
* Reproducibility: every random draw is ``sha256(str(seed) | purpose | step | attempt)`` mapped to [0, 1),
  never Python's ``hash()`` nor numpy's generators; the same answers, bank and seed give the same question.
* Exposure control (beyond Pix, ``exposure_control``; off by default, and then nothing below applies):
  "max-rate" caps each item's observed exposure rate at ``max_exposure``; "sympson-hetter" adds a per-test
  lottery (see :class:`ExposureTracker`). Both (configuration version 2026-11.2):

  - **soft cap** (``exposure_softness``, 0.02): the information of an item whose observed rate r is close to
    the cap is multiplied by ``clip((max_exposure − r) / exposure_softness, 0, 1)`` — 1 below
    ``max_exposure − 0.02``, falling to 0 at the cap. The weight acts as a price: a scarce (highly demanded)
    item settles just under the cap and goes to the candidates for whom it beats the alternatives by the
    widest margin, instead of to whichever test comes when the hard cap lets it through (the hard cap
    alternates blocked / free and hands the item out at random, mostly on the early, shared part of the
    tests). The hard cap stays as a backstop. On the standard bank this cuts the RMSE cost of the control
    at 32 questions from about 0.019 to 0.014 (2 000 candidates, seeds 1–5, every one ≤ 0.018; the cost of
    one seed has an SD of ≈ 0.003, and max-rate reaches 0.023 on seed 6; ``docs/benchmarks.md``), for a
    maximum exposure of 0.242–0.244. ``exposure_softness=0`` gives the hard cap alone (version 2026-11).
  - **progressive start** (``exposure_progressive_steps``, 8): the first 8 questions are ranked by
    ``(1 − k/8) × noise + k/8 × information`` (the noise drawn per item from the test's seed with a
    vectorised splitmix64), which spreads the start of the test over the whole bank (94 % of the standard
    bank used instead of 31 % with the cap alone). It costs no measurable precision (ramps of 0, 3, 4, 8, 12
    and 16 questions give the same expected error within 0.0005); it is what keeps the bank used.
* Length 32; fewer than 20 answers → rejected ("nombre de réponses insuffisant"), or cancelled when the
  test was ended for a technical reason; a candidate who left after ≥ 20 answers has every remaining
  question counted as skipped, i.e. answered wrong (see :func:`result`).
* Score: 9 bounds make 8 meshes; mesh i = [bound_i, bound_{i+1}) gives
  ``floor(weight_i × (coef_i + (θ − bound_i) / (bound_{i+1} − bound_i)))`` with weights 64, 64, 128 × 6 and
  coefs 0, 1, 1, 2, 3, 4, 5, 6. The spec's parenthesised 9th weight (128) and coef (7) belong to a 9th mesh
  that would need a 10th bound: they are reserved (a future "Expert 8") and unused. Below −8 → 0; at or
  above 8 → 895, the top of the last mesh (128 × (6 + 1) − 1), hence "0–895". The global level is the
  mesh index, which is exactly the score band (0–63, 64–127, 128–255, …, 768–895).
* Competence levels: the final capacity is placed in per-competence capacity intervals. The default table
  (``DEFAULT_COMPETENCE_INTERVALS``) gives every competence the inner bounds of the global meshes, so level
  k ⇔ global mesh k (0..7); a calibrated table per competence can replace it, and the table is part of the
  versioned configuration.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import overload

import numpy as np

__all__ = [
    "CONFIG_VERSION",
    "DEFAULT_COMPETENCE_INTERVALS",
    "GLOBAL_LEVEL_NAMES",
    "AdaptiveTest",
    "ExposureTracker",
    "FlashConfig",
    "FlashResult",
    "FlashStep",
    "Item",
    "ItemBank",
    "Selection",
    "competence_levels",
    "estimate",
    "global_level",
    "next_item",
    "result",
    "score_from_capacity",
    "steps",
]

CONFIG_VERSION = "2026-11.2"  # 2026-11.2: soft exposure cap (exposure_softness)

GLOBAL_LEVEL_NAMES: tuple[str, ...] = (
    "Pré-débutant",
    "Débutant 1",
    "Débutant 2",
    "Indépendant 3",
    "Indépendant 4",
    "Avancé 5",
    "Avancé 6",
    "Expert 7",
)

# Per-competence capacity intervals → competence level: the inner bounds of the global meshes. Level =
# number of bounds ≤ capacity (0..7). "*" is the default for any competence without its own entry.
DEFAULT_COMPETENCE_INTERVALS: tuple[tuple[str, tuple[float, ...]], ...] = (
    ("*", (-1.4, -0.519, 0.6, 1.5, 2.25, 3.1, 4.0)),
)

EXPOSURE_METHODS = ("sympson-hetter", "max-rate")
ERROR_CORRECTIONS = ("histogram", "sheppard", "none")
REJECTION_REASON = "nombre de réponses insuffisant"


@dataclass(frozen=True)
class Item:
    """One certification challenge with its calibrated 2PL parameters."""

    id: str
    a: float
    b: float
    competence: str
    tube: str


@dataclass(frozen=True)
class FlashConfig:
    """Versioned settings of the adaptive test; the defaults are the certification defaults of the spec.

    Every test records ``version``: change it whenever a value changes.
    """

    version: str = CONFIG_VERSION
    # Capacity estimate.
    grid_min: float = -9.0
    grid_max: float = 9.0
    grid_points: int = 80
    prior_variance: float = 1.5
    start_capacity: float = -3.0
    variation: float | None = 0.5
    variation_threshold: float = 0.5
    error_correction: str = "histogram"  # "histogram" sqrt(var + h²/12), "sheppard" sqrt(var − h²/12), "none"
    # Test length.
    max_length: int = 32
    min_answers_for_result: int = 20
    # Selection.
    one_per_tube: bool = True
    cover_all_competences: bool = True
    competence_gap: int = 2
    top_k: int = 5
    draw_probability: float = 0.51
    # Scoring.
    mesh_bounds: tuple[float, ...] = (-8.0, -1.4, -0.519, 0.6, 1.5, 2.25, 3.1, 4.0, 8.0)
    mesh_weights: tuple[int, ...] = (64, 64, 128, 128, 128, 128, 128, 128)
    mesh_coefs: tuple[int, ...] = (0, 1, 1, 2, 3, 4, 5, 6)
    global_level_names: tuple[str, ...] = GLOBAL_LEVEL_NAMES
    competence_intervals: tuple[tuple[str, tuple[float, ...]], ...] = DEFAULT_COMPETENCE_INTERVALS
    # Exposure control (beyond Pix; off by default): None, "sympson-hetter" or "max-rate".
    exposure_control: str | None = None
    max_exposure: float = 0.25
    exposure_warmup_tests: int = 20
    exposure_progressive_steps: int = 8
    # Soft cap: information × clip((max_exposure − rate) / softness, 0, 1); 0 = the hard cap alone.
    exposure_softness: float = 0.02

    def __post_init__(self) -> None:
        if self.grid_points < 2 or self.grid_max <= self.grid_min:
            raise ValueError("the grid needs at least 2 points over a non-empty interval")
        if self.error_correction not in ERROR_CORRECTIONS:
            raise ValueError(f"unknown error correction {self.error_correction!r}")
        if self.exposure_control is not None and self.exposure_control not in EXPOSURE_METHODS:
            raise ValueError(f"unknown exposure control {self.exposure_control!r}")
        if len(self.mesh_weights) != len(self.mesh_bounds) - 1 or len(self.mesh_coefs) != len(
            self.mesh_weights
        ):
            raise ValueError("mesh_weights and mesh_coefs need one value per interval between bounds")
        if len(self.global_level_names) != len(self.mesh_weights):
            raise ValueError("one global level name per mesh")
        if self.exposure_softness < 0:
            raise ValueError("exposure_softness must be ≥ 0")
        if not 0 < self.draw_probability <= 1 or self.top_k < 1:
            raise ValueError("draw_probability must be in (0, 1] and top_k ≥ 1")

    @property
    def max_score(self) -> int:
        return int(self.mesh_weights[-1] * (self.mesh_coefs[-1] + 1)) - 1

    def intervals_for(self, competence: str) -> tuple[float, ...]:
        table = dict(self.competence_intervals)
        return table.get(competence, table.get("*", ()))


DEFAULT_CONFIG = FlashConfig()


# ---------------------------------------------------------------------------------------------------------
# The bank as arrays.


class ItemBank(Sequence[Item]):
    """An immutable bank of items with its parameters as numpy arrays (build it once per bank version).

    It is a ``Sequence[Item]``, so it can be passed wherever items are expected; passing it instead of a
    plain list spares the O(n) conversion at every step.
    """

    def __init__(self, items: Iterable[Item]):
        self.items: tuple[Item, ...] = tuple(items)
        n = len(self.items)
        self.ids: tuple[str, ...] = tuple(it.id for it in self.items)
        self.index: dict[str, int] = {item_id: i for i, item_id in enumerate(self.ids)}
        if len(self.index) != n:
            raise ValueError("duplicate item ids in the bank")
        self.a = np.fromiter((it.a for it in self.items), dtype=float, count=n)
        self.b = np.fromiter((it.b for it in self.items), dtype=float, count=n)
        self.a2 = self.a * self.a
        self.competences: tuple[str, ...] = tuple(dict.fromkeys(it.competence for it in self.items))
        self.competence_index: dict[str, int] = {c: i for i, c in enumerate(self.competences)}
        self.comp_idx = np.fromiter(
            (self.competence_index[it.competence] for it in self.items), dtype=np.intp, count=n
        )
        self.tubes: tuple[str, ...] = tuple(dict.fromkeys(it.tube for it in self.items))
        self.tube_index: dict[str, int] = {t: i for i, t in enumerate(self.tubes)}
        self.tube_idx = np.fromiter((self.tube_index[it.tube] for it in self.items), dtype=np.intp, count=n)

    @cached_property
    def keys(self) -> np.ndarray:
        """A stable 64-bit key per item id, for vectorised deterministic draws (independent of bank order)."""
        return np.fromiter((_key64("item", i) for i in self.ids), dtype=np.uint64, count=len(self.ids))

    @classmethod
    def of(cls, items: Sequence[Item]) -> ItemBank:
        return items if isinstance(items, ItemBank) else cls(items)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, i: int) -> Item: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Item]: ...
    def __getitem__(self, i):
        return self.items[i]

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __repr__(self) -> str:
        return (
            f"ItemBank({len(self.items)} items, {len(self.competences)} competences, {len(self.tubes)} tubes)"
        )


# ---------------------------------------------------------------------------------------------------------
# Estimation.


@lru_cache(maxsize=16)
def _grid(grid_min: float, grid_max: float, points: int) -> tuple[np.ndarray, float]:
    h = (grid_max - grid_min) / points
    g = grid_min + h * (np.arange(points) + 0.5)
    g.setflags(write=False)
    return g, h


def _config_grid(config: FlashConfig) -> tuple[np.ndarray, float]:
    return _grid(float(config.grid_min), float(config.grid_max), int(config.grid_points))


def _loglik_rows(a: np.ndarray, b: np.ndarray, correct: np.ndarray, g: np.ndarray) -> np.ndarray:
    """log P(observed answer | θ) on the grid, one row per answer (vectorised over answers and grid)."""
    z = a[:, None] * (g[None, :] - b[:, None])  # P = 1 / (1 + e^-z)
    sign = np.where(correct, -1.0, 1.0)[:, None]
    return -np.logaddexp(0.0, sign * z)


def _variation_limit(previous: float, config: FlashConfig) -> float:
    v = config.variation
    if v is None:
        return math.inf
    return v if abs(previous) < config.variation_threshold else abs(previous) * v


class _Estimator:
    """Sequential EAP with the prior re-centred on the previous estimate and bounded variation.

    The posterior after answer k is ``exp(L_k(g) − g²/2v) × exp((c/v) g)`` with c the previous estimate
    (the constant ``−c²/2v`` of the Gaussian prior vanishes when normalising). The first factor depends
    only on the answers, so a replay computes it for every k in one vectorised call; each step then costs
    one exponential over the grid and one product with the grid's moments ``[1, g, g²]``.
    """

    __slots__ = (
        "g",
        "g3",
        "h",
        "g2_term",
        "inv_var",
        "config",
        "loglik",
        "capacity",
        "error",
        "raw_mean",
        "shift",
    )

    def __init__(self, config: FlashConfig, start: float | None = None):
        self.config = config
        self.g, self.h = _config_grid(config)
        self.g3 = _grid_moments(float(config.grid_min), float(config.grid_max), int(config.grid_points))
        self.inv_var = 1.0 / config.prior_variance
        self.g2_term = -0.5 * self.inv_var * self.g * self.g
        self.shift = (
            {"histogram": 1.0, "sheppard": -1.0, "none": 0.0}[config.error_correction] * self.h**2 / 12.0
        )
        self.loglik = np.zeros_like(self.g)
        self.capacity = config.start_capacity if start is None else float(start)
        self.raw_mean, self.error = self._moments(np.exp(self.g2_term), self.capacity)

    def _moments(self, base: np.ndarray, centre: float) -> tuple[float, float]:
        w = base * np.exp((centre * self.inv_var) * self.g)
        s0, s1, s2 = (w @ self.g3).tolist()
        mean = s1 / s0
        var = s2 / s0 - mean * mean + self.shift
        return mean, math.sqrt(max(var, 0.0))

    def _advance(self, base: np.ndarray) -> None:
        previous = self.capacity
        mean, self.error = self._moments(base, previous)
        self.raw_mean = mean
        limit = _variation_limit(previous, self.config)
        self.capacity = min(max(mean, previous - limit), previous + limit)

    def add(self, loglik_row: np.ndarray) -> None:
        self.loglik = self.loglik + loglik_row
        a = self.loglik + self.g2_term
        self._advance(np.exp(a - a.max()))

    def add_many(self, rows: np.ndarray) -> list[tuple[float, float]]:
        """Add several answers; returns (capacity, error) after each."""
        if len(rows) == 0:
            return []
        cum = self.loglik + np.cumsum(rows, axis=0)
        a = cum + self.g2_term
        bases = np.exp(a - a.max(axis=1, keepdims=True))
        out = []
        for base in bases:
            self._advance(base)
            out.append((self.capacity, self.error))
        self.loglik = cum[-1].copy()
        return out


@lru_cache(maxsize=16)
def _grid_moments(grid_min: float, grid_max: float, points: int) -> np.ndarray:
    g, _ = _grid(grid_min, grid_max, points)
    m = np.column_stack([np.ones_like(g), g, g * g])
    m.setflags(write=False)
    return m


def estimate(
    responses: Iterable[tuple[float, float, bool]],
    start: float = -3.0,
    variation: float | None = 0.5,
    *,
    config: FlashConfig | None = None,
) -> tuple[float, float]:
    """Capacity and error after ``responses``, a sequence of ``(a, b, correct)`` in the order answered.

    ``start`` and ``variation`` override the values of ``config`` (the default configuration otherwise).
    """
    base = config or DEFAULT_CONFIG
    cfg = _replace(base, start_capacity=float(start), variation=variation)
    est = _Estimator(cfg)
    resp = list(responses)
    if resp:
        arr = np.asarray([(float(a), float(b), bool(c)) for a, b, c in resp], dtype=float)
        est.add_many(_loglik_rows(arr[:, 0], arr[:, 1], arr[:, 2] > 0.5, est.g))
    return est.capacity, est.error


def _replace(config: FlashConfig, **changes) -> FlashConfig:
    from dataclasses import replace

    if all(getattr(config, k) == v for k, v in changes.items()):
        return config
    return replace(config, **changes)


# ---------------------------------------------------------------------------------------------------------
# Deterministic draws.


def _uniform(seed: str | int, *parts: object) -> float:
    """A uniform number in [0, 1) from sha256 of the seed and the purpose of the draw."""
    text = "|".join([str(seed), *map(str, parts)])
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0**64


_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _key64(seed: str | int, *parts: object) -> int:
    text = "|".join([str(seed), *map(str, parts)])
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _uniforms(key: int, item_keys: np.ndarray) -> np.ndarray:
    """One uniform in [0, 1) per item from (key, item key): splitmix64 finaliser, vectorised in uint64."""
    with np.errstate(over="ignore"):
        z = item_keys ^ np.uint64(key)
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / float(2**53)


def _cascade_rank(u: float, n: int, p: float) -> int:
    """Rank drawn by the cascade "the best with p, else the next with p…", the last one taking the rest."""
    threshold = p
    for rank in range(n - 1):
        if u < threshold:
            return rank
        threshold += p * (1.0 - threshold)
    return n - 1


# ---------------------------------------------------------------------------------------------------------
# Exposure control.


class ExposureTracker:
    """Observed usage of a bank's items → exposure rates and the exposure-control filters.

    ``tests`` counts the tests started, ``shown[i]`` the tests in which item i was administered and
    ``proposed[i]`` the tests in which it went through the Sympson–Hetter lottery (was drawn by the
    selection). The platform feeds it from its answers table; the simulator feeds it live.

    * max-rate: an item is blocked while administering it once more would bring its rate above
      ``max_exposure``: ``shown + 1 > max_exposure × tests`` (tests counting the current one). After the
      warm-up this keeps every observed rate ≤ ``max_exposure`` by construction.
    * sympson-hetter: each item has a parameter ``K = min(1, max_exposure / P(proposed))`` estimated from
      the observed proposal rate; a drawn item is administered only if a per-test lottery (a deterministic
      draw from the test's seed and the item id, so an item lost once stays lost for that test, as in the
      classic procedure) falls below K, otherwise it is excluded and the draw is made again. The max-rate
      cap is kept as a backstop, since the lottery controls the rates only on average.
    * soft cap (both methods, ``FlashConfig.exposure_softness``): :meth:`soft_weights` gives each item the
      weight ``clip((max_exposure − rate) / softness, 0, 1)`` by which its information is multiplied, so an
      item nearing the cap is chosen only where it is much better than the alternatives.
    All are inactive before ``warmup_tests`` tests, when rates mean nothing yet.
    """

    def __init__(self, item_ids: Iterable[str], max_exposure: float = 0.25, warmup_tests: int = 20):
        self.ids: tuple[str, ...] = tuple(item_ids)
        self.index = {item_id: i for i, item_id in enumerate(self.ids)}
        self.max_exposure = float(max_exposure)
        self.warmup_tests = int(warmup_tests)
        self.tests = 0
        self.shown = np.zeros(len(self.ids), dtype=np.int64)
        self.proposed = np.zeros(len(self.ids), dtype=np.int64)
        self._aligned: tuple[int, np.ndarray] | None = None

    @classmethod
    def from_counts(
        cls,
        item_ids: Iterable[str],
        tests: int,
        shown: Mapping[str, int],
        proposed: Mapping[str, int] | None = None,
        **kwargs,
    ) -> ExposureTracker:
        tracker = cls(item_ids, **kwargs)
        tracker.tests = int(tests)
        for item_id, count in shown.items():
            if item_id in tracker.index:
                tracker.shown[tracker.index[item_id]] = count
        for item_id, count in (proposed or shown).items():
            if item_id in tracker.index:
                tracker.proposed[tracker.index[item_id]] = count
        return tracker

    def start_test(self) -> None:
        self.tests += 1

    def record_shown(self, item_id: str) -> None:
        i = self.index.get(item_id)
        if i is not None:
            self.shown[i] += 1

    def record_proposed(self, item_ids: Iterable[str]) -> None:
        for item_id in set(item_ids):
            i = self.index.get(item_id)
            if i is not None:
                self.proposed[i] += 1

    @property
    def active(self) -> bool:
        return self.tests >= self.warmup_tests

    def rates(self) -> dict[str, float]:
        tests = max(self.tests, 1)
        return {item_id: float(self.shown[i]) / tests for i, item_id in enumerate(self.ids)}

    def max_rate(self) -> float:
        return float(self.shown.max()) / self.tests if self.tests and len(self.ids) else 0.0

    def unused_share(self) -> float:
        return float(np.mean(self.shown == 0)) if len(self.ids) else 0.0

    def blocked(self) -> np.ndarray:
        if not self.active:
            return np.zeros(len(self.ids), dtype=bool)
        return self.shown + 1 > self.max_exposure * self.tests

    def sh_parameters(self) -> np.ndarray:
        if not self.active:
            return np.ones(len(self.ids))
        rate = self.proposed / self.tests
        with np.errstate(divide="ignore"):
            return np.where(rate > self.max_exposure, self.max_exposure / np.maximum(rate, 1e-12), 1.0)

    def soft_weights(self, softness: float) -> np.ndarray:
        """Soft-cap weight per item: ``clip((max_exposure − shown / tests) / softness, 0, 1)``."""
        if not self.active or softness <= 0:
            return np.ones(len(self.ids))
        return _soft_weights(self.shown / self.tests, self.max_exposure, softness)

    def _alignment(self, bank: ItemBank) -> np.ndarray | None:
        """Index in this tracker of each bank item (or None when the orders are the same)."""
        if bank.ids == self.ids:
            return None
        if self._aligned is None or self._aligned[0] != id(bank):
            self._aligned = (id(bank), np.array([self.index.get(i, -1) for i in bank.ids], dtype=np.intp))
        return self._aligned[1]

    def filters_for(self, bank: ItemBank) -> tuple[np.ndarray, np.ndarray]:
        """(blocked mask, Sympson–Hetter K) aligned with ``bank``; items unknown to the tracker are free."""
        blocked, k = self.blocked(), self.sh_parameters()
        align = self._alignment(bank)
        if align is None:
            return blocked, k
        known = align >= 0
        return np.where(known, blocked[align], False), np.where(known, k[align], 1.0)

    def weights_for(self, bank: ItemBank, softness: float) -> np.ndarray:
        """Soft-cap weights (:meth:`soft_weights`) aligned with ``bank``; items unknown to the tracker: 1."""
        weights = self.soft_weights(softness)
        align = self._alignment(bank)
        if align is None:
            return weights
        return np.where(align >= 0, weights[align], 1.0)


def _soft_weights(rates: np.ndarray, cap: float, softness: float) -> np.ndarray:
    if softness <= 0:
        return np.ones_like(rates, dtype=float)
    return np.clip((cap - rates) / softness, 0.0, 1.0)


def _rates_filters(
    rates: Mapping[str, float], bank: ItemBank, config: FlashConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(blocked mask, Sympson–Hetter K, soft-cap weights) from observed rates given as a mapping."""
    r = np.array([float(rates.get(i, 0.0)) for i in bank.ids])
    blocked = r >= config.max_exposure
    with np.errstate(divide="ignore"):
        k = np.where(r > config.max_exposure, config.max_exposure / np.maximum(r, 1e-12), 1.0)
    return blocked, k, _soft_weights(r, config.max_exposure, config.exposure_softness)


# ---------------------------------------------------------------------------------------------------------
# One test, incrementally.


@dataclass(frozen=True)
class FlashStep:
    """Audit record of one answer: the item asked, the answer, and the capacity and error after it."""

    index: int
    item_id: str
    competence: str
    correct: bool
    capacity: float
    error: float


@dataclass(frozen=True)
class Selection:
    """The item chosen, its rank in the information ranking, and every item drawn at this step
    (the chosen one last) — the ones that went through the Sympson–Hetter lottery when it is on."""

    item: Item
    index: int
    rank: int
    proposed: tuple[str, ...]


class AdaptiveTest:
    """The incremental state of one adaptive test on one bank.

    ``next_item``/``steps``/``result`` rebuild it from the answers; long-running callers (the simulator)
    keep it and call :meth:`select` and :meth:`answer` alternately.
    """

    def __init__(self, bank: Sequence[Item], config: FlashConfig = DEFAULT_CONFIG, seed: str | int = 0):
        self.bank = ItemBank.of(bank)
        self.config = config
        self.seed = seed
        self._estimator = _Estimator(config)
        n = len(self.bank)
        self.answered = np.zeros(n, dtype=bool)
        self.tube_used = np.zeros(len(self.bank.tubes), dtype=bool)
        self.comp_count = np.zeros(len(self.bank.competences), dtype=np.int64)
        self.history: list[FlashStep] = []
        self._competences: list[str] = []

    # -- state ------------------------------------------------------------------------------------------
    @property
    def capacity(self) -> float:
        return self._estimator.capacity

    @property
    def error(self) -> float:
        return self._estimator.error

    @property
    def finished(self) -> bool:
        return len(self.history) >= self.config.max_length

    def _mark(self, item: Item) -> None:
        i = self.bank.index.get(item.id)
        if i is not None:
            self.answered[i] = True
        t = self.bank.tube_index.get(item.tube)
        if t is not None:
            self.tube_used[t] = True
        c = self.bank.competence_index.get(item.competence)
        if c is not None:
            self.comp_count[c] += 1
        self._competences.append(item.competence)

    def answer(self, item: Item, correct: bool) -> FlashStep:
        """Record the answer to ``item`` (which may be outside the bank) and update the estimate."""
        row = _loglik_rows(
            np.array([item.a]), np.array([item.b]), np.array([bool(correct)]), self._estimator.g
        )
        self._estimator.add(row[0])
        self._mark(item)
        step = FlashStep(
            len(self.history), item.id, item.competence, bool(correct), self.capacity, self.error
        )
        self.history.append(step)
        return step

    def replay(self, answers: Sequence[tuple[Item, bool]]) -> AdaptiveTest:
        """Feed many answers at once (the likelihoods are computed in one vectorised call)."""
        if not answers:
            return self
        a = np.array([it.a for it, _ in answers], dtype=float)
        b = np.array([it.b for it, _ in answers], dtype=float)
        c = np.array([bool(ok) for _, ok in answers])
        trail = self._estimator.add_many(_loglik_rows(a, b, c, self._estimator.g))
        for (item, ok), (capacity, error) in zip(answers, trail, strict=True):
            self._mark(item)
            self.history.append(
                FlashStep(len(self.history), item.id, item.competence, bool(ok), capacity, error)
            )
        return self

    # -- selection ----------------------------------------------------------------------------------------
    def _pool(self, blocked: np.ndarray | None) -> np.ndarray | None:
        bank, cfg = self.bank, self.config
        eligible = ~self.answered
        if cfg.one_per_tube:
            eligible &= ~self.tube_used[bank.tube_idx]
        if not eligible.any():
            return None
        pool = eligible
        narrowed = False
        if cfg.cover_all_competences:
            unvisited = eligible & (self.comp_count[bank.comp_idx] == 0)
            if unvisited.any():
                pool, narrowed = unvisited, True
        if not narrowed and cfg.competence_gap > 0 and self._competences:
            recent = {self.bank.competence_index.get(c) for c in self._competences[-cfg.competence_gap :]}
            recent.discard(None)
            if recent:
                avoid = np.zeros(len(bank.competences), dtype=bool)
                avoid[list(recent)] = True
                other = pool & ~avoid[bank.comp_idx]
                if other.any():
                    pool = other
        if blocked is not None:
            free = pool & ~blocked
            if free.any():
                pool = free
        return pool

    def select(self, exposure: ExposureTracker | Mapping[str, float] | None = None) -> Selection | None:
        """The next item, or None when the test is over (max length reached or nothing left)."""
        cfg = self.config
        if self.finished:
            return None
        blocked = k_sh = soft = None
        if cfg.exposure_control is not None and exposure is not None:
            if isinstance(exposure, ExposureTracker):
                blocked, k_sh = exposure.filters_for(self.bank)
                if cfg.exposure_softness > 0:
                    soft = exposure.weights_for(self.bank, cfg.exposure_softness)
            else:
                blocked, k_sh, soft = _rates_filters(exposure, self.bank, cfg)
            if cfg.exposure_control != "sympson-hetter":
                k_sh = None
        # Max-rate filters the pool; Sympson–Hetter draws from the unfiltered pool (the proposal rates it
        # learns from must show the real selection pressure) and treats a capped item as a lost lottery.
        pool = self._pool(None if k_sh is not None else blocked)
        if pool is None:
            return None
        bank = self.bank
        theta = self.capacity
        p = 1.0 / (1.0 + np.exp(bank.a * (bank.b - theta)))
        step = len(self.history)
        info = np.where(pool, bank.a2 * p * (1.0 - p), -1.0)
        if soft is not None and cfg.exposure_softness > 0:
            # Soft cap: the information of an item nearing the cap is discounted (a price on scarce items).
            info = np.where(pool, info * soft, -1.0)
        ramp = cfg.exposure_progressive_steps
        if cfg.exposure_control is not None and ramp > 0 and step < ramp:
            # Progressive method: the first questions rank by a mix of a random value and the information,
            # the weight of the information growing from 0 to 1 over ``ramp`` questions.
            weight = step / ramp
            noise = _uniforms(_key64(self.seed, "progressive", step), bank.keys) * float(info.max())
            info = np.where(pool, (1.0 - weight) * noise + weight * info, -1.0)
        proposed: list[str] = []
        for attempt in range(len(bank)):
            top = _top_indices(info, cfg.top_k)
            if top.size == 0:
                break
            rank = _cascade_rank(_uniform(self.seed, "draw", step, attempt), top.size, cfg.draw_probability)
            index = int(top[rank])
            item = bank[index]
            proposed.append(item.id)
            if k_sh is None:
                return Selection(item, index, rank, tuple(proposed))
            if not blocked[index] and (
                k_sh[index] >= 1.0 or _uniform(self.seed, "sh", item.id) < k_sh[index]
            ):
                return Selection(item, index, rank, tuple(proposed))
            info[index] = -1.0  # lost the Sympson–Hetter lottery: out of this test
        # Every candidate lost its lottery: fall back on the best of the pool without the lottery.
        top = _top_indices(np.where(pool, bank.a2 * p * (1.0 - p), -1.0), 1)
        index = int(top[0])
        return Selection(bank[index], index, 0, (*proposed, bank[index].id))


def _top_indices(info: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest non-negative values, by decreasing value then bank order (deterministic)."""
    valid = int(np.count_nonzero(info >= 0.0))
    if valid == 0:
        return np.empty(0, dtype=np.intp)
    k = min(k, valid)
    if k < info.size:
        kth = np.partition(info, info.size - k)[info.size - k]  # k-th largest value
        cand = np.flatnonzero(info >= kth)
    else:
        cand = np.flatnonzero(info >= 0.0)
    order = np.lexsort((cand, -info[cand]))
    return cand[order[:k]]


# ---------------------------------------------------------------------------------------------------------
# Public functional API.


def next_item(
    items: Sequence[Item],
    answers: Sequence[tuple[Item, bool]],
    config: FlashConfig = DEFAULT_CONFIG,
    seed: str | int = 0,
    *,
    exposure: ExposureTracker | Mapping[str, float] | None = None,
) -> Item | None:
    """The next question of the test whose id is ``seed``, given its answers so far (in order).

    Returns None when the test is over (``config.max_length`` answers, or no item left). Pass an
    :class:`ItemBank` as ``items`` to avoid converting the bank at every call. ``exposure`` (an
    :class:`ExposureTracker`, or a mapping item id → observed exposure rate) is used only when
    ``config.exposure_control`` is set.
    """
    selection = AdaptiveTest(items, config, seed).replay(list(answers)).select(exposure)
    return None if selection is None else selection.item


def steps(answers: Sequence[tuple[Item, bool]], config: FlashConfig = DEFAULT_CONFIG) -> list[FlashStep]:
    """Audit trail: after each answer, the item, the answer, the capacity and the error."""
    return _replay_without_bank(answers, config).history


def _replay_without_bank(answers: Sequence[tuple[Item, bool]], config: FlashConfig) -> AdaptiveTest:
    return AdaptiveTest(ItemBank(()), config).replay(list(answers))


def score_from_capacity(capacity: float, config: FlashConfig = DEFAULT_CONFIG) -> int:
    """Certification score (0–895 by default) from the capacity, through the meshes."""
    bounds, weights, coefs = config.mesh_bounds, config.mesh_weights, config.mesh_coefs
    if capacity < bounds[0]:
        return 0
    if capacity >= bounds[-1]:
        return config.max_score
    for i in range(len(weights)):
        low, high = bounds[i], bounds[i + 1]
        if capacity < high:
            return int(math.floor(weights[i] * (coefs[i] + (capacity - low) / (high - low))))
    return config.max_score  # pragma: no cover - unreachable


def global_level(score: int, config: FlashConfig = DEFAULT_CONFIG) -> int:
    """Global level 0..7 from the score bands 0–63, 64–127, 128–255, 256–383, …, 768–895."""
    score = int(score)
    starts = [w * c for w, c in zip(config.mesh_weights, config.mesh_coefs, strict=True)]
    level = 0
    for i, start in enumerate(starts):
        if score >= start:
            level = i
    return level


def _competence_levels_at(capacity: float, competences: Iterable[str], config: FlashConfig) -> dict[str, int]:
    levels = {}
    for comp in competences:
        bounds = config.intervals_for(comp)
        levels[comp] = int(sum(1 for bound in bounds if capacity >= bound))
    return levels


def _competences_of(answers: Sequence[tuple[Item, bool]], config: FlashConfig) -> list[str]:
    explicit = [c for c, _ in config.competence_intervals if c != "*"]
    answered = [item.competence for item, _ in answers]
    return sorted(dict.fromkeys([*explicit, *answered]), key=_competence_sort_key)


def _competence_sort_key(code: str) -> tuple:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in code.split("."))


def competence_levels(
    answers: Sequence[tuple[Item, bool]], config: FlashConfig = DEFAULT_CONFIG
) -> dict[str, int]:
    """Level of each competence (answered, or listed in ``config.competence_intervals``).

    The final capacity is placed in the competence's capacity intervals: level = number of bounds at or
    below the capacity (with the default table, level k ⇔ global mesh k).
    """
    capacity = _replay_without_bank(answers, config).capacity
    return _competence_levels_at(capacity, _competences_of(answers, config), config)


@dataclass
class FlashResult:
    """Outcome of one adaptive test (everything the certificate and the audit need)."""

    config_version: str
    status: str  # "validated", "rejected" or "cancelled"
    reason: str | None
    capacity: float
    error: float
    score: int
    global_level: int
    global_level_name: str
    competence_levels: dict[str, int]
    answered: int
    skipped: int
    steps: list[FlashStep] = field(default_factory=list)

    @property
    def is_validated(self) -> bool:
        return self.status == "validated"


def result(
    answers: Sequence[tuple[Item, bool]],
    config: FlashConfig = DEFAULT_CONFIG,
    *,
    ended_early: bool = False,
    technical: bool = False,
    planned_length: int = 32,
    items: Sequence[Item] | None = None,
    seed: str | int = 0,
) -> FlashResult:
    """Score a test.

    * fewer than ``min_answers_for_result`` (20) answers: "cancelled" when the test was ended for a
      technical reason (``technical=True``), else "rejected" with the reason "nombre de réponses
      insuffisant"; capacity and score are still computed, for the audit.
    * ``ended_early`` (the candidate left, or was stopped by the invigilator) with ≥ 20 answers: every
      question up to ``planned_length`` is counted as skipped, that is answered wrong. The skipped
      questions are the items the algorithm would have asked next (given the skipped ones wrong, drawn from
      ``items`` with the test's ``seed``) when the bank is given; without it, each is a virtual item at the
      current estimate (b = capacity) with the mean discrimination of the items answered — what a
      maximum-information selection would have asked. A technical end with ≥ 20 answers counts nothing as
      skipped (the missing questions are neutralized).
    """
    answers = list(answers)
    answered = len(answers)
    scored = list(answers)
    skipped = 0
    if ended_early and not technical and answered >= config.min_answers_for_result:
        to_skip = max(0, planned_length - answered)
        if to_skip:
            scored = _with_skipped(answers, config, to_skip, items, seed)
            skipped = len(scored) - answered
    test = _replay_without_bank(scored, config)
    capacity, error = test.capacity, test.error
    score = score_from_capacity(capacity, config)
    level = global_level(score, config)
    if answered < config.min_answers_for_result:
        status, reason = (
            ("cancelled", "arrêt pour raison technique") if technical else ("rejected", REJECTION_REASON)
        )
    else:
        status, reason = "validated", None
    return FlashResult(
        config_version=config.version,
        status=status,
        reason=reason,
        capacity=capacity,
        error=error,
        score=score,
        global_level=level,
        global_level_name=config.global_level_names[level],
        competence_levels=_competence_levels_at(capacity, _competences_of(answers, config), config),
        answered=answered,
        skipped=skipped,
        steps=test.history,
    )


def _with_skipped(
    answers: list[tuple[Item, bool]],
    config: FlashConfig,
    to_skip: int,
    items: Sequence[Item] | None,
    seed: str | int,
) -> list[tuple[Item, bool]]:
    scored = list(answers)
    if items is not None:
        long_config = _replace(config, max_length=max(config.max_length, len(answers) + to_skip))
        test = AdaptiveTest(items, long_config, seed).replay(scored)
        for _ in range(to_skip):
            selection = test.select()
            if selection is None:
                break
            test.answer(selection.item, False)
            scored.append((selection.item, False))
        if len(scored) - len(answers) == to_skip:
            return scored
    mean_a = float(np.mean([item.a for item, _ in answers])) if answers else 1.0
    test = _replay_without_bank(scored, config)
    for n in range(len(scored) - len(answers), to_skip):
        virtual = Item(
            id=f"skipped-{n + 1}", a=mean_a, b=test.capacity, competence="", tube=f"skipped-{n + 1}"
        )
        test.answer(virtual, False)
        scored.append((virtual, False))
    return scored
