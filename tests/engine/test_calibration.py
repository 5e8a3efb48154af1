"""Calibration of 2PL parameters by marginal maximum likelihood (octet.engine.calibration)."""

from __future__ import annotations

import numpy as np
import pytest

from octet.engine.calibration import calibrate_2pl, response_matrix


def simulate(persons: int, items: int, seed: int):
    rng = np.random.default_rng(seed)
    a = np.exp(rng.normal(0.0, 0.35, items))
    b = rng.normal(0.0, 1.2, items)
    theta = rng.normal(0.0, 1.0, persons)
    p = 1.0 / (1.0 + np.exp(a * (b - theta[:, None])))
    return (rng.random((persons, items)) < p).astype(float), a, b, theta, rng


def recovered(cal, n):
    est = np.array([cal[str(i)] for i in range(n)])
    return est[:, 0], est[:, 1]


def test_parameter_recovery_on_a_full_matrix():
    y, a, b, _, _ = simulate(3000, 40, seed=11)
    cal = calibrate_2pl(y)
    assert cal.converged and cal.iterations < 200
    est_a, est_b = recovered(cal, 40)
    assert np.corrcoef(b, est_b)[0, 1] > 0.95
    assert np.corrcoef(a, est_a)[0, 1] > 0.8
    assert np.sqrt(np.mean((est_b - b) ** 2)) < 0.2
    assert np.sqrt(np.mean((est_a - a) ** 2)) < 0.15


def test_parameter_recovery_on_a_sparse_adaptive_like_matrix():
    # A two-stage adaptive design: everyone answers 8 routing items, then only the items whose difficulty is
    # near the capacity estimated from the routing answers. The administration depends on observed answers
    # only (missing at random, as in an adaptive test), which marginal likelihood accounts for.
    y, a, b, _, _ = simulate(4000, 40, seed=12)
    routing = np.zeros(40, dtype=bool)
    routing[:8] = True
    share = (y[:, routing].sum(axis=1) + 0.5) / 9.0
    estimate = 1.2 * np.log(share / (1.0 - share))
    administered = routing[None, :] | (np.abs(b[None, :] - estimate[:, None]) < 0.8)
    sparse = np.where(administered, y, np.nan)
    assert np.isnan(sparse).mean() > 0.5
    cal = calibrate_2pl(sparse)
    assert cal.converged
    est_a, est_b = recovered(cal, 40)
    assert np.corrcoef(b, est_b)[0, 1] > 0.95
    assert np.corrcoef(a, est_a)[0, 1] > 0.8
    same = calibrate_2pl(np.where(administered, y, 0.0), mask=administered)
    assert same == cal


def test_items_without_or_with_one_sided_answers_stay_finite():
    y, *_ = simulate(500, 6, seed=13)
    y[:, 0] = np.nan  # never administered
    y[:, 1] = 1.0  # always right
    cal = calibrate_2pl(y)
    assert cal.counts["0"] == 0 and cal["0"] == pytest.approx((1.0, cal["0"][1]))
    a1, b1 = cal["1"]
    assert np.isfinite(a1) and np.isfinite(b1) and b1 < -1.5


def test_response_matrix_from_long_answers():
    matrix, persons, items = response_matrix(
        [("p1", "i1", True), ("p2", "i2", False), ("p1", "i2", True), ("p1", "i1", False)]
    )
    assert persons == ["p1", "p2"] and items == ["i1", "i2"]
    assert matrix[0, 0] == 1.0 and matrix[0, 1] == 1.0 and matrix[1, 1] == 0.0 and np.isnan(matrix[1, 0])
    cal = calibrate_2pl(matrix, item_ids=items, max_iter=5)
    assert set(cal) == {"i1", "i2"} and cal.iterations <= 5


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        calibrate_2pl(np.array([[0.5, 1.0]]))
    with pytest.raises(ValueError):
        calibrate_2pl(np.ones((3, 2)), item_ids=["x"])
