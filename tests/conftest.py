from datetime import UTC, datetime

import pytest

from octet.accounts.models import User

PASSWORD = "Motdepasse1"


def make_user(email="lea@example.org", **extra):
    fields = {"first_name": "Léa", "last_name": "Martin", "cgu_accepted_at": datetime(2026, 1, 1, tzinfo=UTC)}
    fields.update(extra)
    return User.objects.create_user(email=email, password=PASSWORD, **fields)


@pytest.fixture
def learner(db):
    return make_user()


@pytest.fixture
def other_learner(db):
    return make_user("sam@example.org", first_name="Sam", last_name="Durand")


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
