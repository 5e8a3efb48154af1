"""Item response theory helpers: the 2PL model and the provisional item parameters.

Model (shared/spec/certification.md): ``P(correct | θ) = 1 / (1 + e^(a (b − θ)))`` with discrimination ``a``
and difficulty ``b``.

Provisional parameters
----------------------
Until enough real answers exist to calibrate them, a challenge's parameters are derived from its skill level
by :func:`provisional_parameters`. The mapping is tied to the certification score meshes: with the reference
capacity bounds ``−8, −1.4, −0.519, 0.6, 1.5, 2.25, 3.1, 4, 8``, mesh ``L`` (0-based) is
``[bound[L], bound[L+1])`` and a candidate whose capacity is in mesh ``L`` gets the global level ``L``
(0 Pré-débutant, 1 Débutant 1, …, 7 Expert 7). The difficulty of a level-``L`` skill is the **middle of mesh
L**: a candidate in the middle of level ``L`` answers it with probability 0.5, a candidate of a higher level
is more likely than not to succeed, a lower one less likely; it is also where the item is most informative,
i.e. where it best separates level ``L`` from its neighbours.

=====  ===================  ==========
level  mesh                 difficulty
=====  ===================  ==========
1      [−1.4, −0.519)       −0.9595
2      [−0.519, 0.6)        0.0405
3      [0.6, 1.5)           1.05
4      [1.5, 2.25)          1.875
5      [2.25, 3.1)          2.675
6      [3.1, 4)             3.55
7      [4, 8) — see below   4.45
8      beyond               5.35
=====  ===================  ==========

The last mesh ``[4, 8)`` is a catch-all whose middle (6) would be far above any real candidate; levels 7 and 8
instead continue the width of the meshes just below (0.9): level 7 is the middle of ``[4, 4.9)``, level 8 of
``[4.9, 5.8)``. The discrimination is ``1.0`` for every level (no information to prefer one item over another).

``PROVISIONAL = True`` marks parameters coming from this function: they are a reasonable prior, not a
measurement; anything derived from them (a certification score) must record that the item parameters used
were provisional, and calibration (``octet.engine.calibration``) replaces them once answers exist.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = [
    "MESH_BOUNDS",
    "PROVISIONAL",
    "PROVISIONAL_DIFFICULTY",
    "PROVISIONAL_DISCRIMINATION",
    "ItemParameters",
    "information",
    "item_parameters",
    "mesh_of",
    "probability",
    "provisional_parameters",
]

# Reference capacity bounds of the certification score meshes (certification.md).
MESH_BOUNDS: tuple[float, ...] = (-8.0, -1.4, -0.519, 0.6, 1.5, 2.25, 3.1, 4.0, 8.0)

# Parameters returned by provisional_parameters() are provisional until calibrated.
PROVISIONAL = True

PROVISIONAL_DISCRIMINATION = 1.0
_EXTRAPOLATED_WIDTH = 0.9


def _difficulties() -> dict[int, float]:
    table = {}
    for level in range(1, 7):
        low, high = MESH_BOUNDS[level], MESH_BOUNDS[level + 1]
        table[level] = round((low + high) / 2, 6)
    table[7] = round(MESH_BOUNDS[7] + _EXTRAPOLATED_WIDTH / 2, 6)
    table[8] = round(MESH_BOUNDS[7] + _EXTRAPOLATED_WIDTH * 1.5, 6)
    return table


PROVISIONAL_DIFFICULTY: dict[int, float] = _difficulties()


def provisional_parameters(level: int) -> tuple[float, float]:
    """(discrimination a, difficulty b) of a challenge whose skill has this level (1..8).

    >>> provisional_parameters(3)
    (1.0, 1.05)
    """
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 8:
        raise ValueError(f"skill level must be an integer from 1 to 8, not {level!r}")
    return PROVISIONAL_DISCRIMINATION, PROVISIONAL_DIFFICULTY[level]


@dataclass(frozen=True)
class ItemParameters:
    """The IRT parameters of one challenge, with whether they are provisional (derived from the level)."""

    discrimination: float
    difficulty: float
    provisional: bool


def item_parameters(
    level: int, discrimination: float | None = None, difficulty: float | None = None
) -> ItemParameters:
    """Calibrated parameters when both are given, otherwise the provisional ones of the level.

    >>> item_parameters(2)
    ItemParameters(discrimination=1.0, difficulty=0.0405, provisional=True)
    >>> item_parameters(2, 1.3, 0.2)
    ItemParameters(discrimination=1.3, difficulty=0.2, provisional=False)
    """
    if discrimination is not None and difficulty is not None:
        return ItemParameters(float(discrimination), float(difficulty), False)
    a, b = provisional_parameters(level)
    return ItemParameters(a, b, PROVISIONAL)


def probability(theta: float, discrimination: float, difficulty: float) -> float:
    """2PL probability of a correct answer at capacity theta (numerically safe for any input)."""
    exponent = discrimination * (difficulty - theta)
    if exponent >= 0:
        value = math.exp(-exponent) if exponent < 700 else 0.0
        return value / (1.0 + value)
    return 1.0 / (1.0 + math.exp(exponent)) if exponent > -700 else 1.0


def information(theta: float, discrimination: float, difficulty: float) -> float:
    """Fisher information ``a² P (1 − P)`` of an item at capacity theta."""
    p = probability(theta, discrimination, difficulty)
    return discrimination * discrimination * p * (1.0 - p)


def mesh_of(theta: float) -> int:
    """The 0-based mesh index of a capacity (0 below −1.4, …, 7 from 4 up), i.e. the global level."""
    for index in range(len(MESH_BOUNDS) - 2, 0, -1):
        if theta >= MESH_BOUNDS[index]:
            return index
    return 0
