"""Fixtures shared by the test suite (tests/) and the browser tests (e2e/)."""

from pathlib import Path

import pytest
from django.conf import settings

from octet.referential import cache
from octet.referential.content import read_referential


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
