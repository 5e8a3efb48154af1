"""The real content in content/ meets the referential issue's bar (this is what learners will face)."""

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings

from octet.engine import grading
from octet.referential.content import (
    build_attachments,
    read_referential,
    right_option_is_strictly_longest,
    statistics,
)

CONTENT = Path(settings.BASE_DIR) / "content"
FREE_TEXT = {"QROC", "QROCM-ind", "QROCM-dep"}


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    out = tmp_path_factory.mktemp("attachments")
    build_problems = build_attachments(CONTENT, out)
    ref, problems = read_referential(CONTENT)
    return ref, [str(p) for p in build_problems + problems], out


def served(ref):
    return [c for c in ref.challenges.values() if c.validated and ref.skills[c.skill].active]


def test_the_real_content_validates_without_a_single_problem(real):
    _ref, problems, _out = real
    assert problems == []


def test_framework_coverage(real):
    ref, _problems, _out = real
    stats = statistics(ref)
    assert stats["totals"]["competences"] == 16
    for code, comp in stats["competences"].items():
        assert comp["tubes"] >= 4, code
        assert set(range(1, 7)) <= set(comp["levels"]), code
        # Every level 1..6 is worth its full 8 pix: at least two skills per level, or one worth 8 capped at 4.
        assert comp["pix_max"] >= 48, code


def test_volumes_and_variants(real):
    ref, _problems, _out = real
    totals = statistics(ref)["totals"]
    assert totals["skills"] >= 320
    assert totals["challenges"] >= 700
    assert totals["skills_with_2_variants"] >= 0.9 * totals["skills"]
    assert totals["tutorials"] >= 60
    assert set(totals["by_type"]) == set(grading.KINDS)
    challenges = served(ref)
    assert sum(c.type in FREE_TEXT for c in challenges) >= 0.25 * len(challenges)
    assert sum(c.nature == "savoir-faire" and bool(c.attachments) for c in challenges) >= 40
    assert sum(bool(c.timer) for c in challenges) >= 10
    assert sum(bool(c.illustration) for c in challenges) >= 10
    assert set(Counter(c.nature for c in challenges)) == {"savoir-faire", "connaissance", "enjeux"}


def test_every_active_skill_links_a_tutorial(real):
    ref, _problems, _out = real
    missing = [s.id for s in ref.skills.values() if s.active and not s.tutorials_succeed]
    assert missing == []


@pytest.mark.parametrize("code", ["1.1", "4.2"])
def test_english_content_for_1_1_and_4_2(real, code):
    ref, _problems, _out = real
    skills = ref.active_skills_of_competence(code)
    without_english = [
        s.id
        for s in skills
        if not any(c.validated and "en" in c.locales for c in ref.challenges_of_skill(s.id))
    ]
    assert without_english == []
    assert any(t.locale == "en" and t.competence == code for t in ref.tutorials.values())


def test_demo_course_spans_the_five_domains(real):
    ref, _problems, _out = real
    assert 8 <= len(ref.demo) <= 12
    assert {ref.competences[ref.challenges[c].competence].area_code for c in ref.demo} == {
        "1",
        "2",
        "3",
        "4",
        "5",
    }


def test_generated_attachments_are_reproducible(real, tmp_path):
    _ref, _problems, first = real
    assert build_attachments(CONTENT, tmp_path) == []

    def digests(root):
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file()
        }

    assert digests(first) == digests(tmp_path)


def test_every_challenge_solution_grades_ok_through_the_public_entry_point(real):
    ref, _problems, _out = real
    for challenge in ref.challenges.values():
        problems = grading.check_challenge(
            challenge.type,
            challenge.solution,
            proposals=challenge.proposals,
            t1=challenge.t1,
            t2=challenge.t2,
            t3=challenge.t3,
            format=challenge.format,
        )
        assert problems == [], (challenge.id, problems)


def test_picking_the_longest_option_does_not_pay(real):
    """Test-wiseness: in each competence the right QCU option is rarely the strictly longest one."""
    ref, _problems, _out = real
    by_competence = Counter()
    cued = Counter()
    for challenge in served(ref):
        if challenge.type == "QCU":
            by_competence[challenge.competence] += 1
            cued[challenge.competence] += right_option_is_strictly_longest(challenge)
    assert len(by_competence) == 16
    for code, total in by_competence.items():
        assert cued[code] <= 0.3 * total, f"{code}: {cued[code]}/{total}"
