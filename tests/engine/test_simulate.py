"""The simulator CLI (python -m octet.engine.simulate)."""

from __future__ import annotations

import json

from octet.engine.bank import COMPETENCES, candidates, standard_bank
from octet.engine.simulate import main, simulate_cat, simulate_positioning


def test_standard_bank_shape():
    bank = standard_bank()
    assert len(bank) == 960 and bank.competences == COMPETENCES
    assert len(bank.tubes) == 320
    assert all(sum(1 for it in bank if it.tube == tube) == 3 for tube in bank.tubes[:20])
    assert 0.9 < float(bank.a.mean()) < 1.2 and abs(float(bank.b.mean())) < 0.15
    assert 1.05 < float(bank.b.std()) < 1.35
    assert [it.id for it in standard_bank()] == [it.id for it in bank]
    theta = candidates(4000, seed=1)
    assert abs(theta.mean()) < 0.05 and abs(theta.std() - 1) < 0.05


def test_cat_json(capsys):
    assert main(["cat", "--candidates", "30", "--length", "24", "--seed", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["rmse"]) == {"8", "16", "24"}
    for key in (
        "mean_error",
        "rms_error",
        "bias_low",
        "bias_high",
        "level_exact",
        "level_within_one",
        "max_exposure",
        "never_used_share",
        "step_ms_mean",
        "step_ms_p99",
    ):
        assert key in report
    assert report["rmse"]["24"] < report["rmse"]["8"]
    assert 0 <= report["never_used_share"] <= 1 and 0 < report["max_exposure"] <= 1


def test_cat_table_with_exposure_control(capsys):
    main(
        ["cat", "--candidates", "25", "--length", "32", "--seed", "2", "--exposure-control", "sympson-hetter"]
    )
    out = capsys.readouterr().out
    assert "exposure control: sympson-hetter" in out and "RMSE" in out and "p99" in out


def test_cat_is_reproducible():
    first = simulate_cat(15, seed=5)
    again = simulate_cat(15, seed=5)
    assert first.rmse == again.rmse and first.mean_error == again.mean_error


def test_positioning(capsys):
    report = simulate_positioning(40, seed=2)
    assert 1 <= report.questions_mean <= report.questions_max <= 23
    assert 0 <= report.level_exact <= 1 and report.level_abs_error_mean < 1.5
    main(["positioning", "--learners", "10", "--seed", "1", "--json"])
    assert json.loads(capsys.readouterr().out)["learners"] == 10
