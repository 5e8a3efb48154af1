"""Calibration of the 2PL item parameters (a, b) from collected answers.

Marginal maximum likelihood by EM on a quadrature grid (Bock & Aitkin, 1981), vectorised with numpy:

* the capacity of the population is N(0, 1) (this fixes the scale: calibrated values are on the same scale
  as the certification test's capacity), represented on ``quadrature_points`` equally spaced nodes over
  [−6, 6] with normalised Gaussian weights;
* E-step: for every person the posterior over the nodes given their answers (only the administered items
  count: the matrix may be as sparse as adaptive tests make it), then for every item the expected number of
  persons ``n_iq`` and of correct answers ``r_iq`` at each node;
* M-step: for every item at once, Fisher-scoring steps on ``(log a, b)`` of the expected complete-data
  log-likelihood plus mild priors ``log a ~ N(0, 0.5²)`` and ``b ~ N(0, 2²)`` — a maximum a posteriori
  that keeps items with few or one-sided answers finite (Mislevy's Bayes modal estimation);
* stops when no parameter moved by more than ``tol`` (or after ``max_iter`` iterations).

The result is a ``dict`` item id → (a, b) carrying its convergence information as attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Calibration", "calibrate_2pl", "response_matrix"]


class Calibration(dict):
    """``{item_id: (a, b)}`` with the convergence information of the run."""

    converged: bool
    iterations: int
    log_likelihood: float
    max_change: float
    counts: dict[str, int]

    def __init__(self, params, *, converged, iterations, log_likelihood, max_change, counts):
        super().__init__(params)
        self.converged = converged
        self.iterations = iterations
        self.log_likelihood = log_likelihood
        self.max_change = max_change
        self.counts = counts


@dataclass(frozen=True)
class Prior:
    log_a_mean: float = 0.0
    log_a_sd: float = 0.5
    b_mean: float = 0.0
    b_sd: float = 2.0


def response_matrix(
    answers: Iterable[tuple[str, str, bool]],
) -> tuple[np.ndarray, list[str], list[str]]:
    """Long answers ``(person_id, item_id, correct)`` → (persons × items matrix with NaN where not
    administered, person ids, item ids). A person answering an item twice keeps the first answer."""
    persons: dict[str, int] = {}
    items: dict[str, int] = {}
    cells: list[tuple[int, int, float]] = []
    for person, item, correct in answers:
        p = persons.setdefault(person, len(persons))
        i = items.setdefault(item, len(items))
        cells.append((p, i, 1.0 if correct else 0.0))
    matrix = np.full((len(persons), len(items)), np.nan)
    for p, i, value in reversed(cells):
        matrix[p, i] = value
    return matrix, list(persons), list(items)


def calibrate_2pl(
    responses: np.ndarray,
    *,
    item_ids: Sequence[str] | None = None,
    mask: np.ndarray | None = None,
    max_iter: int = 500,
    tol: float = 1e-4,
    quadrature_points: int = 41,
    prior: Prior | None = None,
    newton_steps: int = 2,
) -> Calibration:
    """Calibrate (a, b) of every column of ``responses`` (persons × items, 1/0, NaN = not administered;
    or give ``mask``, True where administered). Items without any answer keep the prior's values."""
    prior = prior or Prior()
    y = np.asarray(responses, dtype=float)
    if y.ndim != 2:
        raise ValueError("responses must be a persons × items matrix")
    m = ~np.isnan(y) if mask is None else np.asarray(mask, dtype=bool) & ~np.isnan(y)
    y = np.where(m, y, 0.0)
    if np.any((y != 0.0) & (y != 1.0)):
        raise ValueError("responses must be 0, 1 or NaN")
    n_items = y.shape[1]
    ids = [str(i) for i in range(n_items)] if item_ids is None else [str(i) for i in item_ids]
    if len(ids) != n_items:
        raise ValueError("one item id per column")
    mf = m.astype(float)
    wrong = mf - y

    nodes = np.linspace(-6.0, 6.0, quadrature_points)
    log_weights = -0.5 * nodes**2
    log_weights -= np.log(np.exp(log_weights).sum())

    # Start: a = 1, b from the observed proportion correct (logit), shrunk toward the prior.
    answered = mf.sum(axis=0)
    p_obs = (y.sum(axis=0) + 0.5) / (answered + 1.0)
    log_a = np.full(n_items, prior.log_a_mean)
    b = np.clip(-np.log(p_obs / (1.0 - p_obs)) * 1.7, -4.0, 4.0)
    inv_var_a = 1.0 / prior.log_a_sd**2
    inv_var_b = 1.0 / prior.b_sd**2

    converged, max_change, log_lik, iteration = False, np.inf, -np.inf, 0
    for iteration in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        a = np.exp(log_a)
        z = a[:, None] * (nodes[None, :] - b[:, None])  # items × nodes
        log_p = -np.logaddexp(0.0, -z)
        log_q = -np.logaddexp(0.0, z)
        # E-step: log-likelihood of each person at each node, posterior over the nodes.
        ll = y @ log_p + wrong @ log_q + log_weights[None, :]
        top = ll.max(axis=1, keepdims=True)
        post = np.exp(ll - top)
        norm = post.sum(axis=1, keepdims=True)
        log_lik = float(np.sum(np.log(norm) + top))
        post /= norm
        n_iq = mf.T @ post  # expected persons answering item i at node q
        r_iq = y.T @ post  # expected correct answers
        # M-step: Fisher scoring on (log a, b), all items at once.
        new_log_a, new_b = log_a.copy(), b.copy()
        for _ in range(newton_steps):
            a = np.exp(new_log_a)
            z = a[:, None] * (nodes[None, :] - new_b[:, None])
            p = 1.0 / (1.0 + np.exp(-z))
            e = r_iq - n_iq * p
            v = n_iq * p * (1.0 - p)
            g_a = (e * z).sum(axis=1) - (new_log_a - prior.log_a_mean) * inv_var_a
            g_b = -a * e.sum(axis=1) - (new_b - prior.b_mean) * inv_var_b
            i_aa = (v * z * z).sum(axis=1) + inv_var_a
            i_bb = a * a * v.sum(axis=1) + inv_var_b
            i_ab = -a * (v * z).sum(axis=1)
            det = i_aa * i_bb - i_ab * i_ab
            step_a = (i_bb * g_a - i_ab * g_b) / det
            step_b = (i_aa * g_b - i_ab * g_a) / det
            new_log_a = new_log_a + np.clip(step_a, -0.5, 0.5)
            new_b = new_b + np.clip(step_b, -1.0, 1.0)
        max_change = float(
            max(np.max(np.abs(new_log_a - log_a), initial=0.0), np.max(np.abs(new_b - b), initial=0.0))
        )
        log_a, b = new_log_a, new_b
        if max_change < tol:
            converged = True
            break
    a = np.exp(log_a)
    params = {item_id: (float(a[i]), float(b[i])) for i, item_id in enumerate(ids)}
    counts = {item_id: int(answered[i]) for i, item_id in enumerate(ids)}
    return Calibration(
        params,
        converged=converged,
        iterations=iteration,
        log_likelihood=log_lik,
        max_change=max_change,
        counts=counts,
    )
