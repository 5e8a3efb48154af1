"""Every kind of question of the real content, as a learner's browser shows it: axe-clean, no sideways
scrolling on a phone. The fixture content cannot catch what real authors write (code, long paths, tables)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from e2e.conftest import axe_violations
from octet.referential import cache
from octet.referential.content import read_referential
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)
CONTENT = Path(settings.BASE_DIR) / "content"


def representatives(ref) -> dict[str, str]:
    """One validated challenge per kind a learner meets: each type, number input, drop-down, code, image,
    attachment, simulator, timer, English."""
    served = sorted((c for c in ref.challenges.values() if c.validated), key=lambda c: c.id)
    wanted = {
        f"type {kind}": lambda c, k=kind: c.type == k
        for kind in ("QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep")
    }
    wanted |= {
        "number": lambda c: c.format == "nombre",
        "drop-down": lambda c: "options=" in c.proposals,
        "code block": lambda c: "```" in c.instruction,
        "illustration": lambda c: bool(c.illustration),
        "attachment": lambda c: bool(c.attachments),
        "simulator": lambda c: bool(c.embed),
        "timed": lambda c: bool(c.timer),
        "English": lambda c: c.locales == ["en"],
    }
    return {name: next(c.id for c in served if test(c)) for name, test in wanted.items()}


@pytest.fixture
def real_content(settings):
    ref, problems = read_referential(CONTENT)
    assert not problems
    settings.CONTENT_DIR = CONTENT  # images and simulators are served from the real folder
    cache.install(ref)  # the live server runs in this process: it previews the real questions
    return ref


def test_every_kind_of_real_question_is_accessible_and_fits_a_phone(page, real_content):
    make_user("relecture@example.org", is_staff=True)
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail ou identifiant").fill("relecture@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Je me connecte").click()
    page.wait_for_url(re.compile(r"/competences/$"))
    problems = {}
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for kind, challenge_id in representatives(real_content).items():
            page.goto(f"/epreuves/{challenge_id}/")
            violations = axe_violations(page)
            overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            if violations or overflow > 0:
                problems[f"{kind} {challenge_id} @{width}px"] = {"axe": violations, "overflow_px": overflow}
    assert problems == {}
