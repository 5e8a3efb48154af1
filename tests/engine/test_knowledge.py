"""Knowledge elements, inference, pix and levels, reset and retry (learning.md, referential.md)."""

from __future__ import annotations

import doctest
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octet.engine import knowledge
from octet.engine.grading import Status
from octet.engine.knowledge import (
    CERTIFIABLE_MIN_COMPETENCES,
    DIRECT,
    INFERRED,
    INVALIDATED,
    RESET,
    VALIDATED,
    CompetenceScore,
    Eligibility,
    KnowledgeElement,
    SkillInfo,
    competence_score,
    current_knowledge,
    is_certifiable,
    knowledge_elements_for_answer,
    knowledge_for_retry,
    reset_eligibility,
    reset_knowledge_elements,
    retry_eligibility,
    scores_by_competence,
    skill_pix_values,
    total_pix,
    with_context,
)

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def tube(name: str, levels, competence="1.1", pix=4.0):
    return [SkillInfo(f"{name}{lvl}", f"@{name}{lvl}", f"@{name}", lvl, competence, pix) for lvl in levels]


WEB = tube("web", [1, 2, 3, 4, 5])
MAIL = tube("mail", [1, 2, 3], pix=2.0)
TARGETS = WEB + MAIL
BY_ID = {s.id: s for s in TARGETS}


def kes_for(skill_id, status, covered=(), targets=TARGETS):
    return knowledge_elements_for_answer(
        skill=BY_ID[skill_id], status=status, target_skills=targets, covered_skill_ids=set(covered)
    )


def summary(kes):
    return [(ke.skill_id, ke.status, ke.source, ke.earned_pix) for ke in kes]


# ---------------------------------------------------------------------------------------------- KEs of an answer


def test_constants():
    assert (VALIDATED, INVALIDATED, RESET, DIRECT, INFERRED) == (
        "validated",
        "invalidated",
        "reset",
        "direct",
        "inferred",
    )
    assert CERTIFIABLE_MIN_COMPETENCES == 5


def test_success_validates_the_skill_and_every_easier_skill_of_its_tube():
    assert summary(kes_for("web3", Status.OK)) == [
        ("web3", VALIDATED, DIRECT, 4.0),
        ("web1", VALIDATED, INFERRED, 4.0),
        ("web2", VALIDATED, INFERRED, 4.0),
    ]


def test_failure_invalidates_the_skill_and_every_harder_skill_of_its_tube():
    assert summary(kes_for("web3", Status.KO)) == [
        ("web3", INVALIDATED, DIRECT, 0.0),
        ("web4", INVALIDATED, INFERRED, 0.0),
        ("web5", INVALIDATED, INFERRED, 0.0),
    ]


@pytest.mark.parametrize(
    "status", [Status.KO, Status.ABAND, Status.TIMEDOUT, Status.FOCUSED_OUT, "ko", "aband", "x"]
)
def test_only_ok_is_a_success(status):
    kes = kes_for("web2", status)
    assert kes[0].status == INVALIDATED and kes[0].earned_pix == 0
    assert all(ke.status == INVALIDATED for ke in kes)


def test_status_may_be_a_string():
    assert summary(kes_for("mail2", "ok")) == [
        ("mail2", VALIDATED, DIRECT, 2.0),
        ("mail1", VALIDATED, INFERRED, 2.0),
    ]


def test_nothing_when_the_skill_is_not_a_target():
    assert kes_for("web3", Status.OK, targets=MAIL) == []


def test_nothing_when_the_skill_is_already_covered_in_this_assessment():
    assert kes_for("web3", Status.OK, covered={"web3"}) == []


def test_inference_skips_covered_and_non_target_skills():
    # web1 covered (e.g. failed earlier in this assessment): not re-validated; web2 not a target.
    targets = [s for s in TARGETS if s.id != "web2"]
    kes = knowledge_elements_for_answer(
        skill=BY_ID["web4"], status=Status.OK, target_skills=targets, covered_skill_ids={"web1"}
    )
    assert summary(kes) == [("web4", VALIDATED, DIRECT, 4.0), ("web3", VALIDATED, INFERRED, 4.0)]


def test_inference_stays_inside_the_tube():
    assert {ke.skill_id for ke in kes_for("web5", Status.OK)} == {"web1", "web2", "web3", "web4", "web5"}
    assert {ke.skill_id for ke in kes_for("mail1", Status.KO)} == {"mail1", "mail2", "mail3"}


def test_lowest_and_highest_skills():
    assert summary(kes_for("web1", Status.OK)) == [("web1", VALIDATED, DIRECT, 4.0)]
    assert summary(kes_for("web5", Status.KO)) == [("web5", INVALIDATED, DIRECT, 0.0)]


def test_ke_fields_left_for_the_caller_and_target_pix_used():
    kes = kes_for("web2", Status.OK)
    assert all(ke.created_at is None and ke.assessment_id is None and ke.answer_id is None for ke in kes)
    assert all(ke.competence == "1.1" for ke in kes)
    filled = with_context(kes, created_at=NOW, assessment_id="as1", answer_id="an1")
    assert all((ke.created_at, ke.assessment_id, ke.answer_id) == (NOW, "as1", "an1") for ke in filled)


def test_covered_set_is_not_modified():
    covered = {"mail1"}
    kes_for("web3", Status.OK, covered=covered)
    assert covered == {"mail1"}


skill_sets = st.lists(st.integers(1, 8), min_size=1, max_size=8, unique=True)


@given(skill_sets, st.data(), st.booleans())
def test_inference_never_goes_the_wrong_way(levels, data, success):
    skills = tube("t", levels)
    answered = data.draw(st.sampled_from(skills))
    covered = set(data.draw(st.lists(st.sampled_from([s.id for s in skills]), max_size=3)))
    kes = knowledge_elements_for_answer(
        skill=answered,
        status=Status.OK if success else Status.KO,
        target_skills=skills,
        covered_skill_ids=covered,
    )
    if answered.id in covered:
        assert kes == []
        return
    levels_by_id = {s.id: s.level for s in skills}
    for ke in kes:
        assert ke.skill_id == answered.id or ke.skill_id not in covered
        if ke.source == INFERRED:
            if success:
                assert ke.status == VALIDATED and levels_by_id[ke.skill_id] < answered.level
            else:
                assert ke.status == INVALIDATED and levels_by_id[ke.skill_id] > answered.level
    assert len({ke.skill_id for ke in kes}) == len(kes)


# ---------------------------------------------------------------------------------------------- current knowledge


def ke(skill_id, status=VALIDATED, pix=4.0, competence="1.1", day=1, source=DIRECT):
    return KnowledgeElement(
        skill_id, status, source, pix, competence, created_at=NOW - timedelta(days=30 - day)
    )


def test_current_knowledge_latest_wins_and_reset_drops():
    kes = [
        ke("a", INVALIDATED, 0, day=1),
        ke("b", day=1),
        ke("a", day=2),
        ke("b", RESET, 0, day=3),
        ke("c", day=3),
    ]
    current = current_knowledge(kes)
    assert set(current) == {"a", "c"}
    assert current["a"].status == VALIDATED
    # A KE after the reset brings the skill back.
    current = current_knowledge([*kes, ke("b", INVALIDATED, 0, day=4)])
    assert current["b"].status == INVALIDATED


def test_current_knowledge_empty():
    assert current_knowledge([]) == {}


# ---------------------------------------------------------------------------------------------- pix values


def test_skill_pix_values():
    values = skill_pix_values(
        [
            ("a1", "1.1", 1, True),  # alone at level 1 → 4
            ("b2", "1.1", 2, True),  # two at level 2 → 4 each
            ("c2", "1.1", 2, True),
            ("d3", "1.1", 3, True),  # three at level 3 → 8/3
            ("e3", "1.1", 3, True),
            ("f3", "1.1", 3, True),
            ("g3", "1.1", 3, False),  # inactive or no validated challenge → 0, not counted
            ("h4", "1.2", 3, True),  # another competence
            ("i5", "1.1", 5, True),  # four at level 5 → 2
            ("j5", "1.1", 5, True),
            ("k5", "1.1", 5, True),
            ("l5", "1.1", 5, True),
        ]
    )
    assert values["a1"] == 4 and values["b2"] == values["c2"] == 4
    assert values["d3"] == pytest.approx(8 / 3) and values["g3"] == 0
    assert values["h4"] == 4
    assert values["i5"] == 2
    assert sum(v for k, v in values.items() if k[0] in "def") == pytest.approx(8)


@given(st.lists(st.tuples(st.integers(1, 8), st.booleans()), max_size=30))
def test_each_level_of_a_competence_is_worth_at_most_8(rows):
    skills = [(f"s{i}", "1.1", level, counts) for i, (level, counts) in enumerate(rows)]
    values = skill_pix_values(skills)
    for level in range(1, 9):
        total = sum(values[s[0]] for s in skills if s[2] == level)
        counted = [s for s in skills if s[2] == level and s[3]]
        assert total == pytest.approx(0 if not counted else (4 if len(counted) == 1 else 8))


# ---------------------------------------------------------------------------------------------- scores


@pytest.mark.parametrize(
    ("exact", "pix", "level", "to_next"),
    [
        (0, 0, 0, 0),
        (7.99, 7, 0, 7),
        (8, 8, 1, 0),
        (19.5, 19, 2, 3),
        (47.9, 47, 5, 7),
        (48, 48, 6, 0),
        (64, 48, 6, 0),
    ],
)
def test_competence_score(exact, pix, level, to_next):
    score = competence_score("1.1", exact)
    assert (score.pix, score.level, score.pix_to_next_level) == (pix, level, to_next)
    assert score.exact_pix == exact


def test_competence_score_capped_by_max_level():
    assert competence_score("1.1", 64, max_level=8).pix == 64
    assert competence_score("1.1", 64, max_level=8).level == 8
    assert competence_score("1.1", 30, max_level=2) == CompetenceScore("1.1", 30, 16, 2, 0, 2)
    assert competence_score("1.1", 30, max_level=2).is_max_level
    assert not competence_score("1.1", 30).is_max_level


def test_floating_point_thirds_make_a_level():
    third = 8 / 3
    current = {s: ke(s, pix=third) for s in ("x", "y", "z")}
    score = scores_by_competence(current, ["1.1"])["1.1"]
    assert (score.pix, score.level) == (8, 1)  # three skills of 8/3 make one level
    # A plain float sum can fall just under a level boundary; the score is not fooled by it.
    assert 0.1 + 0.7 < 0.8
    assert competence_score("1.1", (0.1 + 0.7) * 10).pix == 8
    assert competence_score("1.1", 7.999999999999999).level == 1


def test_scores_by_competence():
    current = current_knowledge(
        [
            ke("a", pix=4, competence="1.1"),
            ke("b", pix=4, competence="1.1"),
            ke("c", pix=4, competence="1.1"),
            ke("d", INVALIDATED, 0, competence="1.1"),
            ke("e", pix=2.5, competence="2.1"),
            ke("z", pix=4, competence="9.9"),
        ]
    )
    scores = scores_by_competence(current, ["1.1", "2.1", "3.1"])
    assert list(scores) == ["1.1", "2.1", "3.1"]
    assert (scores["1.1"].pix, scores["1.1"].level, scores["1.1"].pix_to_next_level) == (12, 1, 4)
    assert (scores["2.1"].pix, scores["2.1"].level) == (2, 0)
    assert scores["3.1"] == competence_score("3.1", 0)
    assert total_pix(scores) == 14
    assert total_pix(list(scores.values())) == 14
    assert scores_by_competence(list(current.values()), ["1.1"])["1.1"].pix == 12


def test_pix_capped_at_max_level_everywhere():
    current = {f"s{i}": ke(f"s{i}", pix=4) for i in range(16)}  # 64 exact pix
    scores = scores_by_competence(current, ["1.1"])
    assert scores["1.1"].pix == 48 and scores["1.1"].level == 6
    assert scores_by_competence(current, ["1.1"], max_level=5)["1.1"].pix == 40
    assert total_pix(scores) == 48


def test_framework_maximum_is_1024():
    scores = {f"c{i}": competence_score(f"c{i}", 64, max_level=8) for i in range(16)}
    assert total_pix(scores) == 1024


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([1, 1, 1, 1, 1], True),
        ([1, 1, 1, 1, 0, 0, 0], False),
        ([6, 5, 4, 3, 2, 0], True),
        ([], False),
        ([8] * 4, False),
    ],
)
def test_is_certifiable(levels, expected):
    assert is_certifiable(levels) is expected
    assert is_certifiable(iter(levels)) is expected


# ---------------------------------------------------------------------------------------------- reset


def test_reset_needs_knowledge():
    eligibility = reset_eligibility(last_ke_at=None, now=NOW)
    assert not eligibility.allowed and eligibility.reason


@pytest.mark.parametrize(
    ("elapsed", "allowed", "remaining"),
    [
        (timedelta(0), False, 4),
        (timedelta(hours=1), False, 4),  # 3 days 23 h left → 4
        (timedelta(days=1), False, 3),
        (timedelta(days=3, hours=23, minutes=59), False, 1),
        (timedelta(days=3, hours=23, minutes=59, seconds=59, microseconds=999999), False, 1),
        (timedelta(days=4), True, 0),
        (timedelta(days=40), True, 0),
    ],
)
def test_reset_delay(elapsed, allowed, remaining):
    eligibility = reset_eligibility(last_ke_at=NOW - elapsed, now=NOW)
    assert eligibility.allowed is allowed
    assert eligibility.remaining_days == remaining
    assert (eligibility.reason is None) is allowed
    if not allowed:
        assert str(remaining) in eligibility.reason


def test_reset_delay_is_a_parameter():
    assert reset_eligibility(last_ke_at=NOW - timedelta(days=1), now=NOW, delay_days=0).allowed
    assert reset_eligibility(last_ke_at=NOW - timedelta(days=1), now=NOW, delay_days=7).remaining_days == 6
    assert reset_eligibility(last_ke_at=NOW, now=NOW, delay_days=1) == Eligibility(
        False, 1, "Vous pourrez remettre à zéro cette compétence dans 1 jour."
    )


def test_reset_knowledge_elements():
    current = [ke("a"), ke("b", INVALIDATED, 0, source=INFERRED)]
    resets = reset_knowledge_elements(current)
    assert [(r.skill_id, r.status, r.source, r.earned_pix, r.competence) for r in resets] == [
        ("a", RESET, DIRECT, 0.0, "1.1"),
        ("b", RESET, DIRECT, 0.0, "1.1"),
    ]
    assert all(r.created_at is None for r in resets)
    assert current_knowledge([*current, *resets]) == {}


# ---------------------------------------------------------------------------------------------- retry


def test_retry_rules():
    done = NOW - timedelta(days=5)
    assert retry_eligibility(completed=True, level=3, max_level=6, completed_at=done, now=NOW).allowed
    refused = retry_eligibility(completed=False, level=3, max_level=6, completed_at=None, now=NOW)
    assert not refused.allowed and refused.reason
    refused = retry_eligibility(completed=True, level=6, max_level=6, completed_at=done, now=NOW)
    assert not refused.allowed and refused.remaining_days == 0
    refused = retry_eligibility(
        completed=True, level=2, max_level=6, completed_at=NOW - timedelta(days=1), now=NOW
    )
    assert (refused.allowed, refused.remaining_days) == (False, 3)
    assert retry_eligibility(completed=True, level=2, max_level=6, completed_at=None, now=NOW).allowed
    assert retry_eligibility(
        completed=True, level=2, max_level=6, completed_at=NOW - timedelta(days=1), now=NOW, delay_days=1
    ).allowed


def test_knowledge_for_retry_forgets_old_failures_and_keeps_successes():
    old = NOW - timedelta(days=10)
    recent = NOW - timedelta(days=1)
    current = {
        "ok-old": KnowledgeElement("ok-old", VALIDATED, DIRECT, 4, "1.1", created_at=old),
        "ko-old": KnowledgeElement("ko-old", INVALIDATED, DIRECT, 0, "1.1", created_at=old),
        "ko-old-inferred": KnowledgeElement(
            "ko-old-inferred", INVALIDATED, INFERRED, 0, "1.1", created_at=old
        ),
        "ko-recent": KnowledgeElement("ko-recent", INVALIDATED, DIRECT, 0, "1.1", created_at=recent),
        "ko-exactly": KnowledgeElement(
            "ko-exactly", INVALIDATED, DIRECT, 0, "1.1", created_at=NOW - timedelta(days=4)
        ),
        "ko-undated": KnowledgeElement("ko-undated", INVALIDATED, DIRECT, 0, "1.1"),
        "ok-recent": KnowledgeElement("ok-recent", VALIDATED, INFERRED, 4, "1.1", created_at=recent),
    }
    kept = knowledge_for_retry(current, now=NOW)
    assert set(kept) == {"ok-old", "ko-recent", "ok-recent"}
    assert set(knowledge_for_retry(current, now=NOW, delay_days=0)) == {"ok-old", "ok-recent"}


def test_doctests():
    assert doctest.testmod(knowledge).failed == 0
