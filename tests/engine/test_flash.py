"""The adaptive certification test (octet.engine.flash)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from octet.engine.bank import COMPETENCES, standard_bank, synthetic_bank
from octet.engine.flash import (
    GLOBAL_LEVEL_NAMES,
    REJECTION_REASON,
    AdaptiveTest,
    ExposureTracker,
    FlashConfig,
    Item,
    ItemBank,
    _cascade_rank,
    _config_grid,
    _variation_limit,
    competence_levels,
    estimate,
    global_level,
    next_item,
    result,
    score_from_capacity,
    steps,
)
from octet.engine.simulate import simulate_cat

CONFIG = FlashConfig()
BANK = standard_bank()


def run_test(bank, theta: float, seed, config: FlashConfig = CONFIG, rng_seed: int = 0):
    """Answers of a simulated candidate of capacity theta, through the public next_item."""
    rng = np.random.default_rng(rng_seed)
    answers: list[tuple[Item, bool]] = []
    while (item := next_item(bank, answers, config, seed=seed)) is not None:
        p = 1.0 / (1.0 + math.exp(item.a * (item.b - theta)))
        answers.append((item, bool(rng.random() < p)))
    return answers


# --- configuration ------------------------------------------------------------------------------------


def test_defaults_are_the_certification_defaults():
    assert CONFIG.version == "2026-11.2"
    assert (CONFIG.start_capacity, CONFIG.prior_variance, CONFIG.variation) == (-3.0, 1.5, 0.5)
    assert (CONFIG.max_length, CONFIG.min_answers_for_result, CONFIG.top_k, CONFIG.draw_probability) == (
        32,
        20,
        5,
        0.51,
    )
    assert CONFIG.mesh_bounds == (-8.0, -1.4, -0.519, 0.6, 1.5, 2.25, 3.1, 4.0, 8.0)
    assert CONFIG.mesh_weights == (64, 64, 128, 128, 128, 128, 128, 128)
    assert CONFIG.mesh_coefs == (0, 1, 1, 2, 3, 4, 5, 6)
    assert CONFIG.exposure_control is None and CONFIG.max_exposure == 0.25
    assert (CONFIG.exposure_progressive_steps, CONFIG.exposure_softness) == (8, 0.02)
    item = Item(id="x", a=1.2, b=0.3, competence="1.1", tube="@t")
    assert item.a == 1.2 and item.tube == "@t"


def test_grid_has_80_points_of_step_0225_over_minus9_9():
    g, h = _config_grid(CONFIG)
    assert g.size == 80 and h == pytest.approx(0.225)
    assert np.allclose(np.diff(g), 0.225)
    assert g[0] - h / 2 == pytest.approx(-9) and g[-1] + h / 2 == pytest.approx(9)
    assert g.mean() == pytest.approx(0.0, abs=1e-12)


def test_bad_configuration_is_refused():
    with pytest.raises(ValueError):
        FlashConfig(exposure_control="nope")
    with pytest.raises(ValueError):
        FlashConfig(mesh_weights=(1, 2))
    with pytest.raises(ValueError):
        FlashConfig(exposure_softness=-0.01)


# --- estimation -------------------------------------------------------------------------------------------


def test_estimate_without_answers_is_the_start():
    capacity, error = estimate([])
    assert capacity == -3.0
    assert error == pytest.approx(math.sqrt(1.5 + 0.225**2 / 12), abs=1e-3)


def test_estimate_moves_up_after_a_correct_answer_and_down_after_a_wrong_one():
    history = [(1.0, -3.0, True), (1.2, -2.0, True), (0.9, -1.0, False)]
    before, _ = estimate(history)
    assert estimate([*history, (1.0, before, True)])[0] > before
    assert estimate([*history, (1.0, before, False)])[0] < before


responses = st.lists(
    st.tuples(
        st.floats(0.2, 3.0),
        st.floats(-4.0, 4.0),
        st.booleans(),
    ),
    max_size=32,
)


@settings(max_examples=150, deadline=None)
@given(history=responses, a=st.floats(0.2, 3.0), b=st.floats(-4.0, 4.0))
def test_a_correct_answer_never_gives_a_lower_estimate_than_a_wrong_one(history, a, b):
    right, _ = estimate([*history, (a, b, True)])
    wrong, _ = estimate([*history, (a, b, False)])
    assert right >= wrong - 1e-12


@settings(max_examples=100, deadline=None)
@given(history=responses.filter(bool))
def test_the_variation_per_answer_is_bounded(history):
    items = [
        (Item(id=f"i{k}", a=a, b=b, competence="1.1", tube=f"t{k}"), ok)
        for k, (a, b, ok) in enumerate(history)
    ]
    previous = CONFIG.start_capacity
    for step in steps(items, CONFIG):
        assert abs(step.capacity - previous) <= _variation_limit(previous, CONFIG) + 1e-12
        previous = step.capacity
    assert previous == estimate(history)[0]


def test_variation_limit_reading():
    assert _variation_limit(0.0, CONFIG) == 0.5
    assert _variation_limit(-0.49, CONFIG) == 0.5
    assert _variation_limit(0.5, CONFIG) == 0.25
    assert _variation_limit(-3.0, CONFIG) == 1.5
    assert _variation_limit(4.0, replace(CONFIG, variation=None)) == math.inf


def test_the_start_is_left_by_at_most_1_5_and_without_bound_it_moves_further():
    capacity, _ = estimate([(3.0, 0.0, True)])
    assert capacity == pytest.approx(-1.5)  # |−3| × 0.5
    free, _ = estimate([(3.0, 0.0, True)], variation=None)
    assert free > -1.5
    assert estimate([(1.0, -3.0, True)])[0] == pytest.approx(-2.42, abs=0.01)  # inside the bound


def test_the_error_shrinks_with_answers():
    rng = np.random.default_rng(3)
    answers, errors = [], [estimate([])[1]]
    capacity = -3.0
    for _ in range(30):
        ok = bool(rng.random() < 0.5)
        answers.append((1.5, capacity, ok))
        capacity, error = estimate(answers)
        errors.append(error)
    assert errors[5] < errors[0] and errors[15] < errors[5] and errors[30] < errors[15]
    assert errors[30] < 0.35


def test_error_corrections():
    history = [(1.5, 0.0, True), (1.5, 0.5, False)] * 8
    raw = estimate(history, config=replace(CONFIG, error_correction="none"))[1]
    h2 = 0.225**2 / 12
    assert estimate(history)[1] == pytest.approx(math.sqrt(raw**2 + h2))
    assert estimate(history, config=replace(CONFIG, error_correction="sheppard"))[1] == pytest.approx(
        math.sqrt(raw**2 - h2)
    )


# --- selection ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_test():
    return run_test(BANK, theta=0.7, seed="test-42")


def test_without_exposure_control_the_selection_is_that_of_version_2026_11(full_test):
    # Pinned from version 2026-11: the exposure-control settings change nothing when the control is off.
    assert [item.id for item, _ in full_test[:8]] == [
        "c5.1-t03-i1",
        "c2.1-t18-i1",
        "c1.3-t06-i1",
        "c3.3-t09-i1",
        "c1.1-t17-i2",
        "c3.4-t05-i2",
        "c3.1-t04-i1",
        "c4.1-t17-i1",
    ]
    assert result(full_test, CONFIG).capacity == pytest.approx(0.4420726060254779, abs=1e-12)
    rates = {item.id: 0.2499 for item, _ in full_test}
    for softness in (0.0, 0.02, 0.5):
        config = replace(CONFIG, exposure_softness=softness, exposure_progressive_steps=0)
        for k in (0, 10, 31):
            expected = full_test[k][0]
            assert next_item(BANK, full_test[:k], config, seed="test-42", exposure=rates) == expected


def test_a_test_stops_at_32_questions(full_test):
    assert len(full_test) == 32
    assert next_item(BANK, full_test, CONFIG, seed="test-42") is None


def test_one_question_per_tube_and_never_twice_the_same_item(full_test):
    tubes = [item.tube for item, _ in full_test]
    assert len(set(tubes)) == len(tubes)


def test_every_competence_is_visited_first(full_test):
    competences = [item.competence for item, _ in full_test]
    assert set(competences[:16]) == set(COMPETENCES)


def test_never_the_competence_of_the_last_two_questions(full_test):
    competences = [item.competence for item, _ in full_test]
    for k in range(2, len(competences)):
        assert competences[k] not in competences[k - 2 : k]


def test_the_competence_rule_gives_way_when_nothing_else_is_left():
    bank = synthetic_bank(competences=("1.1",), items_per_competence=12, seed=5)
    answers = run_test(bank, 0.0, "mono")
    assert len(answers) == 4  # 4 tubes of 3 items, one question per tube


def test_the_draw_is_reproducible_from_the_seed_and_varies_between_seeds():
    first = [item.id for item, _ in run_test(BANK, 0.0, "abc")]
    again = [item.id for item, _ in run_test(BANK, 0.0, "abc")]
    assert first == again
    others = {tuple(item.id for item, _ in run_test(BANK, 0.0, seed)) for seed in range(5)}
    assert len(others) == 5
    assert [i.id for i, _ in run_test(BANK, 0.0, 7)] == [i.id for i, _ in run_test(list(BANK), 0.0, 7)]


def test_the_draw_ranks_by_information_among_the_5_best():
    test = AdaptiveTest(BANK, CONFIG, seed=0)
    ranks = [AdaptiveTest(BANK, CONFIG, seed=s).select().rank for s in range(400)]
    counts = np.bincount(ranks, minlength=5) / 400
    assert counts[0] == pytest.approx(0.51, abs=0.07)
    assert counts[1] == pytest.approx(0.25, abs=0.06)
    assert max(ranks) <= 4
    best = test.select()
    theta = test.capacity
    info = [
        it.a**2 * (p := 1 / (1 + math.exp(it.a * (it.b - theta)))) * (1 - p) for it in BANK
    ]  # first question: any competence is unvisited
    top5 = sorted(range(len(BANK)), key=lambda i: (-info[i], i))[:5]
    assert best.index in top5


def test_cascade_probabilities():
    def rank(u):
        return _cascade_rank(u, 5, 0.51)

    assert rank(0.0) == 0 and rank(0.5099) == 0
    assert rank(0.51) == 1 and rank(0.7598) == 1
    assert rank(0.76) == 2
    assert rank(0.8826) == 3
    assert rank(0.9424) == 4 and rank(0.9999) == 4  # the 5th takes the rest (0.49⁴)
    assert _cascade_rank(0.9, 2, 0.51) == 1
    assert _cascade_rank(0.9, 1, 0.51) == 0


def test_items_outside_the_bank_still_count():
    outside = Item(id="old", a=1.0, b=0.0, competence="1.1", tube=BANK[0].tube)
    item = next_item(BANK, [(outside, True)], CONFIG, seed=1)
    assert item.tube != outside.tube and item.competence != "1.1"


def test_steps_record_every_answer(full_test):
    trail = steps(full_test, CONFIG)
    assert [s.item_id for s in trail] == [item.id for item, _ in full_test]
    assert [s.correct for s in trail] == [ok for _, ok in full_test]
    assert trail[-1].capacity == pytest.approx(estimate([(i.a, i.b, ok) for i, ok in full_test])[0])
    assert trail[-1].error < trail[0].error


# --- result ------------------------------------------------------------------------------------------------------


def test_full_test_is_validated(full_test):
    res = result(full_test, CONFIG)
    assert res.status == "validated" and res.reason is None and res.skipped == 0
    assert res.config_version == "2026-11.2"
    assert res.score == score_from_capacity(res.capacity)
    assert res.global_level_name == GLOBAL_LEVEL_NAMES[res.global_level]
    assert set(res.competence_levels) == set(COMPETENCES)
    assert len(res.steps) == 32


def test_fewer_than_20_answers_is_rejected_or_cancelled(full_test):
    res = result(full_test[:19], CONFIG)
    assert res.status == "rejected" and res.reason == REJECTION_REASON == "nombre de réponses insuffisant"
    assert result(full_test[:19], CONFIG, technical=True).status == "cancelled"
    assert result(full_test[:20], CONFIG).status == "validated"


def test_leaving_after_20_answers_counts_the_rest_as_skipped(full_test):
    answers = full_test[:24]
    plain = result(answers, CONFIG)
    left = result(answers, CONFIG, ended_early=True)
    assert left.status == "validated" and left.answered == 24 and left.skipped == 8
    assert len(left.steps) == 32 and not any(s.correct for s in left.steps[24:])
    assert left.capacity < plain.capacity
    with_bank = result(answers, CONFIG, ended_early=True, items=BANK, seed="test-42")
    assert with_bank.skipped == 8
    ids = [s.item_id for s in with_bank.steps[24:]]
    assert all(i in BANK.index for i in ids) and not set(ids) & {i.id for i, _ in answers}
    assert with_bank.capacity < plain.capacity
    # A technical end neutralizes the missing questions.
    assert result(answers, CONFIG, ended_early=True, technical=True).skipped == 0


# --- score and levels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("capacity", "score"),
    [
        (-9.0, 0),
        (-8.0001, 0),
        (-8.0, 0),
        (-4.7, 32),  # middle of [−8, −1.4): 64 × 0.5
        (-1.4000001, 63),
        (-1.4, 64),
        (-0.9595, 96),  # middle of [−1.4, −0.519): 64 × 1.5
        (-0.519, 128),
        (0.0405, 192),  # middle of [−0.519, 0.6): 128 × 1.5
        (0.6, 256),
        (1.5, 384),
        (2.25, 512),
        (3.1, 640),
        (4.0, 768),
        (6.0, 832),  # middle of [4, 8): 128 × 6.5
        (7.99999, 895),
        (8.0, 895),
        (12.0, 895),
    ],
)
def test_score_meshes(capacity, score):
    assert score_from_capacity(capacity) == score


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, 0), (63, 0), (64, 1), (127, 1), (128, 2), (255, 2), (256, 3), (383, 3), (384, 4), (511, 4)]
    + [(512, 5), (639, 5), (640, 6), (767, 6), (768, 7), (895, 7)],
)
def test_global_level_bands(score, level):
    assert global_level(score) == level


def test_global_level_names():
    assert GLOBAL_LEVEL_NAMES == (
        "Pré-débutant",
        "Débutant 1",
        "Débutant 2",
        "Indépendant 3",
        "Indépendant 4",
        "Avancé 5",
        "Avancé 6",
        "Expert 7",
    )
    for capacity in np.linspace(-9, 9, 301):
        assert global_level(score_from_capacity(float(capacity))) == sum(
            1 for bound in CONFIG.mesh_bounds[1:-1] if capacity >= bound
        )


def test_competence_levels_use_per_competence_intervals(full_test):
    capacity = result(full_test, CONFIG).capacity
    levels = competence_levels(full_test, CONFIG)
    expected = global_level(score_from_capacity(capacity))
    assert set(levels.values()) == {expected}
    custom = replace(CONFIG, competence_intervals=(("*", (0.0,)), ("3.4", (9.0,))))
    levels = competence_levels(full_test, custom)
    assert levels["3.4"] == 0 and levels["1.1"] == int(capacity >= 0.0)


# --- exposure control -----------------------------------------------------------------------------------


def test_exposure_tracker_rates_and_filters():
    tracker = ExposureTracker(["a", "b", "c"], max_exposure=0.25, warmup_tests=2)
    for _ in range(4):
        tracker.start_test()
        tracker.record_shown("a")
        tracker.record_proposed(["a", "a", "b"])
    assert tracker.rates() == {"a": 1.0, "b": 0.0, "c": 0.0}
    assert tracker.max_rate() == 1.0 and tracker.unused_share() == pytest.approx(2 / 3)
    assert list(tracker.blocked()) == [True, False, False]
    assert tracker.sh_parameters() == pytest.approx([0.25, 0.25, 1.0])


def test_exposure_tracker_soft_weights():
    tracker = ExposureTracker(["a", "b", "c", "d"], max_exposure=0.25, warmup_tests=2)
    tracker.tests = 100
    tracker.shown[:] = [10, 23, 24, 30]  # rates 0.10, 0.23, 0.24, 0.30
    assert tracker.soft_weights(0.02) == pytest.approx([1.0, 1.0, 0.5, 0.0])
    assert tracker.soft_weights(0.0) == pytest.approx([1.0, 1.0, 1.0, 1.0])  # hard cap alone
    bank = ItemBank([Item(id=i, a=1.0, b=0.0, competence="1.1", tube=f"t{i}") for i in ("d", "x", "b", "c")])
    assert tracker.weights_for(bank, 0.02) == pytest.approx([0.0, 1.0, 1.0, 0.5])  # "x" is unknown: free
    tracker.tests = 1  # before the warm-up nothing is discounted
    assert tracker.soft_weights(0.02) == pytest.approx([1.0, 1.0, 1.0, 1.0])


@pytest.mark.parametrize("method", ["max-rate", "sympson-hetter"])
def test_an_overexposed_item_is_not_chosen(method):
    config = replace(CONFIG, exposure_control=method, exposure_progressive_steps=0)
    first = next_item(BANK, [], config, seed=3)
    assert next_item(BANK, [], config, seed=3, exposure={first.id: 0.3}) != first
    assert next_item(BANK, [], CONFIG, seed=3, exposure={first.id: 0.3}) == first  # control off


def test_the_soft_cap_discounts_an_item_close_to_the_cap():
    soft = replace(CONFIG, exposure_control="max-rate", exposure_progressive_steps=0)
    hard = replace(soft, exposure_softness=0.0)
    for seed in range(5):
        first = next_item(BANK, [], soft, seed=seed)
        near = {first.id: 0.2499}  # under the cap: not blocked, but its weight is 0.005
        assert next_item(BANK, [], hard, seed=seed, exposure=near) == first
        assert next_item(BANK, [], soft, seed=seed, exposure=near) != first
        far = {first.id: 0.1}  # far from the cap: weight 1, nothing changes
        assert next_item(BANK, [], soft, seed=seed, exposure=far) == first


@pytest.fixture(scope="module")
def plain_simulation():
    return simulate_cat(120, seed=4, bank=BANK)


@pytest.mark.parametrize("softness", [0.02, 0.0])
@pytest.mark.parametrize("method", ["max-rate", "sympson-hetter"])
def test_exposure_control_caps_the_exposure_in_a_small_simulation(method, softness, plain_simulation):
    config = FlashConfig(exposure_control=method, exposure_softness=softness)
    controlled = simulate_cat(120, seed=4, bank=BANK, config=config)
    assert plain_simulation.max_exposure > 0.5
    assert controlled.max_exposure <= 0.25
    assert controlled.never_used_share < plain_simulation.never_used_share
