"""`make run`'s demo data on the real content: the newcomer's first screen is alive, and a rerun changes nothing."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from octet.accounts.models import User
from octet.evaluation import selectors
from octet.evaluation.models import Answer, Assessment
from octet.referential import cache
from octet.referential.content import read_referential

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def real_referential():
    ref, problems = read_referential(Path(settings.BASE_DIR) / "content")
    assert not problems
    return ref


def test_demo_learner_has_a_partly_filled_profile_and_a_rerun_changes_nothing(real_referential):
    cache.install(real_referential)  # the conftest fixture puts the test referential back afterwards
    call_command("demo_data")
    learner = User.objects.get(email="lea.martin@example.org")
    assert User.objects.get(email="admin@example.org").is_staff
    profile = selectors.profile(learner, "fr")
    levels = {code: card.score.level for code, card in profile.cards.items()}
    assert sum(level >= 1 for level in levels.values()) >= 5 and profile.certifiable
    assert any(card.score.pix % 8 for card in profile.cards.values())  # some pix on the way to a level
    assert profile.cards["2.2"].state == "started"  # one evaluation to resume
    assert any(card.state == "not_started" for card in profile.cards.values())  # and some never started
    answers = Answer.objects.count()
    call_command("demo_data")
    assert Answer.objects.count() == answers and Assessment.objects.filter(user=learner).count() > 5
