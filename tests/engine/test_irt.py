"""Provisional IRT parameters and the 2PL helpers (certification.md, referential.md)."""

from __future__ import annotations

import doctest
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octet.engine import irt
from octet.engine.irt import (
    MESH_BOUNDS,
    PROVISIONAL,
    ItemParameters,
    information,
    item_parameters,
    mesh_of,
    probability,
    provisional_parameters,
)


def test_reference_bounds():
    assert MESH_BOUNDS == (-8, -1.4, -0.519, 0.6, 1.5, 2.25, 3.1, 4, 8)


def test_provisional_flag():
    assert PROVISIONAL is True
    assert item_parameters(4).provisional is True
    assert item_parameters(4, 1.2, 0.3) == ItemParameters(1.2, 0.3, False)
    assert item_parameters(4, 1.2, None).provisional is True  # both needed to count as calibrated


@pytest.mark.parametrize(
    ("level", "expected"),
    [(1, -0.9595), (2, 0.0405), (3, 1.05), (4, 1.875), (5, 2.675), (6, 3.55), (7, 4.45), (8, 5.35)],
)
def test_provisional_values(level, expected):
    a, b = provisional_parameters(level)
    assert a == 1.0
    assert b == pytest.approx(expected)


@pytest.mark.parametrize("level", range(1, 7))
def test_difficulty_is_the_middle_of_the_mesh_of_the_level(level):
    _, b = provisional_parameters(level)
    low, high = MESH_BOUNDS[level], MESH_BOUNDS[level + 1]
    assert b == pytest.approx((low + high) / 2)
    assert mesh_of(b) == level


def test_levels_7_and_8_are_above_the_level_6_mesh():
    assert mesh_of(provisional_parameters(7)[1]) == 7
    assert provisional_parameters(8)[1] > provisional_parameters(7)[1] > MESH_BOUNDS[7]


def test_difficulty_increases_with_level():
    difficulties = [provisional_parameters(level)[1] for level in range(1, 9)]
    assert difficulties == sorted(difficulties) and len(set(difficulties)) == 8


@pytest.mark.parametrize("level", range(1, 7))
def test_a_candidate_of_level_l_succeeds_easier_items_and_fails_harder_ones(level):
    theta = sum(MESH_BOUNDS[level : level + 2]) / 2  # middle of the candidate's mesh
    for other in range(1, 9):
        p = probability(theta, *provisional_parameters(other))
        if other < level:
            assert p > 0.5
        elif other == level:
            assert p == pytest.approx(0.5)
        else:
            assert p < 0.5


@pytest.mark.parametrize("level", [0, 9, -1, 2.5, "3", None, True])
def test_invalid_levels(level):
    with pytest.raises(ValueError):
        provisional_parameters(level)


def test_mesh_of():
    assert [
        mesh_of(x) for x in (-9, -8, -1.41, -1.4, -0.52, -0.519, 0.6, 1.5, 2.25, 3.1, 3.99, 4, 8, 50)
    ] == [
        0,
        0,
        0,
        1,
        1,
        2,
        3,
        4,
        5,
        6,
        6,
        7,
        7,
        7,
    ]


@given(st.floats(-50, 50), st.floats(0.1, 4), st.floats(-10, 10))
def test_probability_and_information(theta, a, b):
    p = probability(theta, a, b)
    assert 0.0 <= p <= 1.0
    assert p == pytest.approx(1 / (1 + math.exp(a * (b - theta))), abs=1e-12)
    assert information(theta, a, b) <= a * a / 4 + 1e-12
    assert information(b, a, b) == pytest.approx(a * a / 4)


def test_probability_extremes_do_not_overflow():
    assert probability(-1e6, 3, 1e6) == 0.0
    assert probability(1e6, 3, -1e6) == 1.0
    assert probability(0, 1, 0) == 0.5


def test_doctests():
    assert doctest.testmod(irt).failed == 0
