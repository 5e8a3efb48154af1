"""Settings of the answer-latency benchmark (bench/answer_latency.py): production settings, plus the floor view.

Everything comes from octet.settings.prod (so SECRET_KEY and ALLOWED_HOSTS must be in the environment, and
DATABASE_URL selects PostgreSQL; without it the base settings' SQLite file, in WAL mode, is used). The only
difference is the URLconf, which adds ``/bench/floor/`` next to the real app. Never used outside bench/.
"""

from octet.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.floor"
