"""Fixtures shared by the test suite (tests/) and the browser tests (e2e/)."""

from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from octet.referential import cache
from octet.referential.content import read_referential

# Property tests check behaviour, not speed: no per-example deadline, which would fail on a busy CI machine.
hypothesis_settings.register_profile("octet", deadline=None)
hypothesis_settings.load_profile("octet")


@pytest.fixture(scope="session")
def fixture_referential():
    ref, problems = read_referential(Path(settings.CONTENT_DIR))
    assert not problems, problems
    return ref


@pytest.fixture(autouse=True)
def referential(fixture_referential):
    """Every test starts with the fixture referential in memory (tests that load others restore it)."""
    cache.install(fixture_referential)
    yield fixture_referential
    cache.install(fixture_referential)
