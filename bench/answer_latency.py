"""Latency of the answer request under concurrent learners, on PostgreSQL and on SQLite, next to a floor.

What it does, for each database (PostgreSQL first, then SQLite):

1. creates a throw-away database (PostgreSQL: ``octet_bench`` on 127.0.0.1:5432, user postgres; SQLite: a
   file in a temporary folder, WAL mode as in the base settings) and a temporary OCTET_VAR_DIR;
2. in a subprocess with the bench settings (``bench.settings_bench`` = ``octet.settings.prod`` + the floor
   view): migrate, collectstatic, ``content load`` (the real content; if it is invalid, the test fixtures,
   and the report says so; ``--content real-unchecked`` stores content/ despite its problems), the floor
   table, N learners with their sessions; then, in process (Django's test client, no HTTP, one request at a
   time), the SQL query count, SQL and COMMIT time of each answer request, and a cProfile of some;
   PostgreSQL also gets a probe alone: SELECT 1 and INSERT + COMMIT (the VM's fsync time varies a lot);
3. starts gunicorn (``octet.wsgi:application``, sync workers) on 127.0.0.1;
4. load phase: K threads, each a learner with its session cookie: start a competence evaluation, then GET
   the question page, POST a right (70 %) or wrong (30 %) answer, until the evaluation ends, then the next
   competence, then the next learner. Requests carry ``X-Forwarded-Proto: https`` as behind the TLS proxy
   of production (secure cookies, CSRF origin check). Only the first few seconds are not measured (warm-up);
   the phase stops after --duration seconds or --max-answers answers;
5. floor phase: the same K threads POST ``/bench/floor/`` (one INSERT, autocommit) under the same bounds;
6. stops gunicorn, drops the database, removes the temporary folder (also on Ctrl-C or an error).

During each measured window the CPU used by gunicorn, PostgreSQL, this load generator and everything else is
read from /proc: on a shared machine, ``--wait-quiet`` waits for other work to stop first and
``--retry-noisy`` measures a phase again when other processes took more than NOISE_CORES meanwhile.
Loopback only; nothing outside the temporary folder and the bench database is written.

    .venv/bin/python bench/answer_latency.py --learners 8 32 --duration 60 --max-answers 3000 \
        --wait-quiet 3600 --retry-noisy 6 --show-profile

Prints a Markdown report (tables + profile); ``--json FILE`` also writes every number.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "octet_bench"
HOST = "127.0.0.1"
RIGHT_SHARE = 0.7
POOL_EXHAUSTED = "learner pool exhausted"
NOISE_CORES = 0.25  # CPU used by other processes above which a measure is marked (and retried) as noisy
CHALLENGE_ID = re.compile(r'name="challenge_id" value="([^"]+)"')
STATEMENT = re.compile(
    r'(SELECT|INSERT|UPDATE|DELETE|SAVEPOINT|RELEASE SAVEPOINT)\b(?: "(\w+)"|.*?\b(?:FROM|INTO) "(\w+)")?'
)


# =========================================================================================================
# Preparation, run in a subprocess configured with the bench settings (Django is set up only there)
# =========================================================================================================


def prepare(args) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    content = _load_content(args.content)
    _create_floor_table()
    from octet.referential import cache

    ref = cache.current()
    competences = _playable_competences(ref)
    result = {
        "content": content,
        "competences": competences,
        "sessions": _create_learners(args.users),
        "answers": _answer_fields(ref, competences),
    }
    result.update(_measure_in_process(ref, result["answers"], competences, args.profile_answers))
    Path(args.out).write_text(json.dumps(result))


def _load_content(mode: str) -> dict:
    from django.conf import settings

    from octet.referential import services

    real = Path(settings.CONTENT_DIR)
    if mode in ("auto", "real"):
        result = services.load(real)
        if result.ok:
            return {"used": "real", "dir": str(real), "release": result.referential.release, "problems": 0}
        if mode == "real":
            raise SystemExit(f"content load failed: {len(result.problems)} problem(s) in {real}")
        problems = [str(p) for p in result.problems]
        fallback = services.load(FIXTURE_CONTENT)
        assert fallback.ok, fallback.problems
        return {
            "used": "fixtures",
            "dir": str(FIXTURE_CONTENT),
            "release": fallback.referential.release,
            "problems": len(problems),
            "first_problems": problems[:5],
        }
    if mode == "fixtures":
        result = services.load(FIXTURE_CONTENT)
        assert result.ok, result.problems
        return {"used": "fixtures", "dir": str(FIXTURE_CONTENT), "release": result.referential.release}
    # real-unchecked: the real content even if validation finds problems (bench database only): what
    # `content load` would store once the authors have fixed them.
    from octet.referential import cache
    from octet.referential.content import read_referential, statistics
    from octet.referential.models import ContentRelease
    from octet.referential.serialization import to_payload

    ref, problems = read_referential(real)
    ContentRelease.objects.create(
        id=ref.release, payload=to_payload(ref), summary=statistics(ref)["totals"], is_current=True
    )
    cache.install(ref)
    return {"used": "real-unchecked", "dir": str(real), "release": ref.release, "problems": len(problems)}


def _create_floor_table() -> None:
    from django.db import connection

    from bench.floor import FLOOR_TABLE

    key = (
        "bigserial PRIMARY KEY" if connection.vendor == "postgresql" else "integer PRIMARY KEY AUTOINCREMENT"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
        cursor.execute(
            f"CREATE TABLE {FLOOR_TABLE} (id {key}, created_at timestamp with time zone NOT NULL, "
            "note varchar(16) NOT NULL)"
        )


def _playable_competences(ref) -> list[str]:
    from octet.evaluation import positioning

    return [code for code in ref.competences if positioning.competence_targets(ref, code, "fr")[0]]


def _create_learners(count: int) -> list[str]:
    """`count` learners (no usable password: they never sign in through the form) and a signed-in session
    each, as `login()` would store it. Returns the session keys."""
    from datetime import timedelta
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from octet.accounts.models import User

    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                email=f"bench{i}@example.org",
                first_name="Bench",
                last_name=f"Learner {i}",
                cgu_accepted_at=now,
                email_confirmed_at=now,
                password=make_password(None),
            )
            for i in range(count)
        ]
    )
    if users and users[0].pk is None:  # backends that do not return ids from bulk inserts
        users = list(User.objects.filter(email__startswith="bench").order_by("id"))
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    sessions, keys = [], []
    for user in users:
        store = store_class()
        key = store._get_new_session_key()
        data = {
            SESSION_KEY: user._meta.pk.value_to_string(user),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(
                session_key=key,
                session_data=store.encode(data),
                expire_date=now + timedelta(seconds=settings.SESSION_COOKIE_AGE),
            )
        )
        keys.append(key)
    Session.objects.bulk_create(sessions)
    return keys


def _answer_fields(ref, competences: list[str]) -> dict[str, dict]:
    """For each challenge of the playable competences, the form fields of a right and of a wrong answer
    (tests/helpers.py, as a browser sends them); None when the helper cannot build one (then "Je passe")."""
    from tests.helpers import right_answer_fields, wrong_answer_fields

    fields = {}
    wanted = set(competences)
    for challenge in ref.challenges.values():
        if challenge.competence not in wanted:
            continue
        entry = {}
        for name, build in (("right", right_answer_fields), ("wrong", wrong_answer_fields)):
            try:
                entry[name] = sorted((k, v) for k, v in build(challenge).items())
            except Exception:  # noqa: BLE001 - an unusual challenge shape: the learner skips it
                entry[name] = None
        fields[challenge.id] = entry
    return fields


def _measure_in_process(ref, answers: dict, competences: list[str], count: int) -> dict:
    """Answer requests through Django's test client (full middleware, no HTTP): per request the SQL query
    count, the wall time and the time spent in SQL; then a cProfile of `count` more answer requests."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sql_time = [0.0]
    commit_time = [0.0]

    by_statement: dict[str, list[float]] = {}  # "SELECT evaluation_answer" -> [seconds, count]

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            sql_time[0] += elapsed
            entry = by_statement.setdefault(_statement_key(sql), [0, 0])
            entry[0] += elapsed
            entry[1] += 1

    # COMMIT does not go through execute wrappers: time it on this connection object only.
    original_commit = connection._commit

    def timed_commit():
        started = time.perf_counter()
        try:
            return original_commit()
        finally:
            commit_time[0] += time.perf_counter() - started

    connection._commit = timed_commit

    def answer_requests(prefix: str, profiler=None):
        rng = random.Random(prefix)
        samples, question_queries, question_walls = [], [], []
        learner = 0
        while len(samples) < count:
            client = _signed_in_client(f"{prefix}{learner}")
            learner += 1
            for code in competences:
                response = client.post(f"/competences/{code}/commencer/")
                assert response.status_code == 302, response.status_code
                page = urlsplit(response["Location"]).path
                while len(samples) < count:
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        response = client.get(page)
                        wall = time.perf_counter() - started
                    if response.status_code == 302:
                        break
                    challenge_id = CHALLENGE_ID.search(response.content.decode()).group(1)
                    if b"/chronometre/" in response.content:  # timed: start the countdown first
                        client.post(f"{page}chronometre/", {"challenge_id": challenge_id})
                        continue
                    question_queries.append(len(queries))
                    question_walls.append(wall)
                    data = _form(answers, challenge_id, rng)
                    sql_time[0] = commit_time[0] = 0.0
                    with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(timed):
                        started = time.perf_counter()
                        if profiler:
                            profiler.enable()
                        response = client.post(
                            f"{page}repondre/",
                            urlencode(data),
                            content_type="application/x-www-form-urlencoded",
                        )
                        if profiler:
                            profiler.disable()
                        wall = time.perf_counter() - started
                    assert response.status_code == 302, response.status_code
                    samples.append((wall, sql_time[0], len(queries), commit_time[0]))
                    examples.setdefault(str(len(queries)), [q["sql"][:300] for q in queries.captured_queries])
        return samples, question_queries, question_walls

    examples: dict[str, list[str]] = {}

    samples, question_queries, question_walls = answer_requests("inproc")
    statements = {
        key: {"count_per_answer": n / len(samples), "ms_mean": 1000 * seconds / n}
        for key, (seconds, n) in sorted(by_statement.items(), key=lambda item: -item[1][0])
    }
    profiler = cProfile.Profile()
    answer_requests("profile", profiler)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(30)
    stats.print_stats("octet/")
    stats.print_callees("_after_competence_answer")
    stats.sort_stats("tottime").print_stats(25)
    walls = sorted(s[0] for s in samples)
    sqls = sorted(s[1] for s in samples)
    commits = sorted(s[3] for s in samples)
    query_counts = [s[2] for s in samples]
    return {
        "in_process": {
            "answers": len(samples),
            "wall_ms_p50": 1000 * _percentile(walls, 50),
            "wall_ms_mean": 1000 * sum(walls) / len(walls),
            "sql_ms_p50": 1000 * _percentile(sqls, 50),
            "sql_ms_mean": 1000 * sum(sqls) / len(sqls),
            "commit_ms_p50": 1000 * _percentile(commits, 50),
            "commit_ms_mean": 1000 * sum(commits) / len(commits),
            "queries_min": min(query_counts),
            "queries_max": max(query_counts),
            "queries_histogram": {str(n): query_counts.count(n) for n in sorted(set(query_counts))},
            "question_queries_min": min(question_queries),
            "question_queries_max": max(question_queries),
            "question_wall_ms_p50": 1000 * _percentile(sorted(question_walls), 50),
            "statements": statements,
        },
        "profile": text.getvalue(),
        "query_examples": examples,
    }


def _statement_key(sql: str) -> str:
    """ "SELECT evaluation_answer", "SAVEPOINT"…: what a statement does to which table."""
    match = STATEMENT.match(sql)
    if not match:
        return sql[:20]
    if "SAVEPOINT" in match[1]:
        return match[1]
    return f"{match[1]} {match[2] or match[3] or ''}".strip()


def _signed_in_client(name: str):
    from django.test import Client
    from django.utils import timezone

    from octet.accounts.models import User

    now = timezone.now()
    user = User.objects.create(
        email=f"{name}@example.org", first_name="Bench", last_name=name, cgu_accepted_at=now
    )
    client = Client(HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
    client.force_login(user)
    return client


def summary(args) -> None:
    """What the load left in the database (run after gunicorn stopped): a sanity check of the run."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_bench")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from bench.floor import FLOOR_TABLE
    from octet.evaluation.models import Answer, Assessment, KnowledgeElement

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {FLOOR_TABLE}")
        floor_rows = cursor.fetchone()[0]
    statuses = dict(Answer.objects.values_list("status").annotate(n=Count("id")).order_by())
    states = dict(Assessment.objects.values_list("state").annotate(n=Count("id")).order_by())
    print(
        json.dumps(
            {
                "answers_by_status": statuses,
                "assessments_by_state": states,
                "knowledge_elements": KnowledgeElement.objects.count(),
                "floor_rows": floor_rows,
            }
        )
    )


# =========================================================================================================
# Load generation (no Django in this process: plain HTTP/1.1 over loopback, one connection per request,
# as gunicorn's sync workers close every connection)
# =========================================================================================================


def _form(answers: dict, challenge_id: str, rng: random.Random) -> list[tuple[str, str]]:
    entry = answers.get(challenge_id) or {}
    chosen = entry.get("right") if rng.random() < RIGHT_SHARE else entry.get("wrong")
    if not chosen:
        return [("challenge_id", challenge_id), ("skip", "1")]
    fields = []
    for key, value in chosen:
        fields.extend((key, v) for v in (value if isinstance(value, list) else [value]))
    return [*fields, ("validate", "1")]


@dataclass
class Phase:
    """Shared state of one measured phase: bounds, warm-up and the samples of every thread."""

    duration: float
    max_count: int
    warmup: float
    started: float = field(default_factory=time.perf_counter)
    measure_from: float = 0.0
    stopped_at: float | None = None
    counted: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self.measure_from = self.started + self.warmup

    def done(self) -> bool:
        if self.stopped_at is not None:
            return True
        now = time.perf_counter()
        if now >= self.measure_from + self.duration or self.counted >= self.max_count:
            with self.lock:
                if self.stopped_at is None:
                    self.stopped_at = now
            return True
        return False

    def record(self, kind: str, began: float, seconds: float, *, counts: bool = False) -> None:
        if began < self.measure_from:
            return
        with self.lock:
            self.samples.setdefault(kind, []).append(seconds)
            if counts:
                self.counted += 1

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def window(self) -> float:
        return (self.stopped_at or time.perf_counter()) - self.measure_from


class Http:
    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://{HOST}:{port}"

    def send(self, method: str, path: str, *, cookie: str = "", form=None):
        headers = {"X-Forwarded-Proto": "https"}  # what the TLS-terminating proxy of production adds
        body = None
        if cookie:
            headers["Cookie"] = cookie
        if method == "POST":
            headers["Origin"] = self.origin
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(form or [])
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        began = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            seconds = time.perf_counter() - began
            return response.status, response.getheader("Location", ""), content, began, seconds
        finally:
            connection.close()


class LearnerPool:
    def __init__(self, sessions: list[str]):
        self._sessions = list(sessions)
        self._lock = threading.Lock()

    def take(self) -> str | None:
        with self._lock:
            return self._sessions.pop() if self._sessions else None

    def __len__(self):
        return len(self._sessions)


def learner_thread(phase: Phase, http_: Http, pool: LearnerPool, prep: dict, seed: int) -> None:
    rng = random.Random(seed)
    while not phase.done():
        session = pool.take()
        if session is None:
            phase.error(POOL_EXHAUSTED)
            return
        csrf = secrets.token_hex(16)  # an unmasked 32-character secret: the cookie and the form agree
        cookie = f"sessionid={session}; csrftoken={csrf}"
        competences = list(prep["competences"])
        rng.shuffle(competences)
        for code in competences:
            if phase.done():
                return
            try:
                _play_competence(http_, phase, prep, rng, code, cookie, csrf)
            except (OSError, http.client.HTTPException, AttributeError):
                phase.error("exception")


def _play_competence(http_, phase, prep, rng, code, cookie, csrf) -> None:
    token = [("csrfmiddlewaretoken", csrf)]
    status, location, _, began, seconds = http_.send(
        "POST", f"/competences/{code}/commencer/", cookie=cookie, form=token
    )
    if status != 302 or "/evaluations/" not in location:
        phase.error(f"start {status}")
        return
    phase.record("start", began, seconds)
    page = urlsplit(location).path
    while not phase.done():
        status, location, content, began, seconds = http_.send("GET", page, cookie=cookie)
        if status == 302 and "resultats" in location:
            return  # the evaluation is over
        if status != 200:
            phase.error(f"question {status}")
            return
        phase.record("question", began, seconds)
        challenge_id = CHALLENGE_ID.search(content.decode()).group(1)
        if b"/chronometre/" in content:  # a timed question's warning: start its countdown, then show it
            form = token + [("challenge_id", challenge_id)]
            status, _, _, began, seconds = http_.send("POST", f"{page}chronometre/", cookie=cookie, form=form)
            if status != 302:
                phase.error(f"timer {status}")
                return
            phase.record("timer start", began, seconds)
            continue
        form = token + _form(prep["answers"], challenge_id, rng)
        status, location, _, began, seconds = http_.send("POST", f"{page}repondre/", cookie=cookie, form=form)
        if status != 302:
            phase.error(f"answer {status}")
            return
        phase.record("answer", began, seconds, counts=True)


def floor_thread(phase: Phase, http_: Http) -> None:
    while not phase.done():
        try:
            status, _, _, began, seconds = http_.send("POST", "/bench/floor/")
        except (OSError, http.client.HTTPException):
            phase.error("exception")
            continue
        if status != 200:
            phase.error(f"floor {status}")
            continue
        phase.record("floor", began, seconds, counts=True)


def run_phase(target, thread_args: list[tuple], *, duration, max_count, warmup, gunicorn) -> dict:
    """One thread per tuple of `thread_args`; CPU is measured over the measured window only."""
    phase = Phase(duration=duration, max_count=max_count, warmup=warmup)
    cpu = CpuMeter(gunicorn)
    workers = [threading.Thread(target=target, args=(phase, *a), daemon=True) for a in thread_args]
    for worker in workers:
        worker.start()
    time.sleep(max(0.0, phase.measure_from - time.perf_counter()))
    cpu.start()
    for worker in workers:
        worker.join()
    usage = cpu.stop()
    if phase.stopped_at is None:  # every thread gave up (learner pool exhausted)
        phase.stopped_at = time.perf_counter()
    return {"samples": phase.samples, "errors": phase.errors, "window": phase.window, "cpu": usage}


def run_quiet_phase(args, vendor: str, label: str, target, thread_args, gunicorn) -> dict:
    """run_phase, run again (up to --retry-noisy times) when other processes used the CPU meanwhile."""
    for attempt in range(args.retry_noisy + 1):
        print(f"[{vendor}] {label}…", flush=True)
        result = run_phase(
            target,
            thread_args,
            duration=args.duration,
            max_count=args.max_answers,
            warmup=args.warmup,
            gunicorn=gunicorn,
        )
        other = result["cpu"]["other_cores"]
        result["attempts"] = attempt + 1
        if other <= NOISE_CORES or attempt == args.retry_noisy:
            return result
        print(f"[{vendor}] {label}: other processes used {other:.2f} cores: measuring again", flush=True)
        wait_quiet(vendor, args.wait_quiet)
    raise AssertionError("unreachable")


# =========================================================================================================
# CPU accounting over a phase, from /proc: the machine, this load generator, the gunicorn workers
# =========================================================================================================


class CpuMeter:
    """Samples /proc every 0.2 s in a thread: per process CPU time, so processes that start or exit during
    the window (PostgreSQL backends of recycled connections) are counted up to their last sample."""

    INTERVAL = 0.2

    def __init__(self, gunicorn: subprocess.Popen | None):
        self.master = str(gunicorn.pid) if gunicorn else None
        self.tick = os.sysconf("SC_CLK_TCK")
        self._stop = threading.Event()

    @staticmethod
    def _machine():
        """(busy, steal, total) ticks of all CPUs; steal: time the hypervisor gave to other VMs."""
        with open("/proc/stat") as f:
            values = [int(v) for v in f.readline().split()[1:9]]  # user … steal (guest is inside user)
        idle, steal = values[3] + values[4], values[7]
        return sum(values) - idle - steal, steal, sum(values)

    def _scan(self) -> dict[str, tuple[str, int]]:
        """pid -> (gunicorn | postgres, CPU ticks)."""
        seen = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                head, tail = stat.read_text().rsplit(")", 1)
            except OSError:
                continue
            fields = tail.split()
            pid = stat.parent.name
            if self.master is not None and self.master in (pid, fields[1]):
                kind = "gunicorn"
            elif head.endswith("(postgres"):
                kind = "postgres"
            else:
                continue
            seen[pid] = (kind, int(fields[11]) + int(fields[12]))  # utime + stime
        return seen

    def _sample(self) -> None:
        while not self._stop.wait(self.INTERVAL):
            for pid, (kind, ticks) in self._scan().items():
                self.first.setdefault(pid, (kind, 0))  # born during the window: all its CPU counts
                self.last[pid] = (kind, ticks)

    def start(self) -> None:
        self.first = self._scan()
        self.last = dict(self.first)
        self.t0 = time.perf_counter()
        self.machine0 = self._machine()
        self.self0 = time.process_time()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        for pid, (kind, ticks) in self._scan().items():
            self.first.setdefault(pid, (kind, 0))
            self.last[pid] = (kind, ticks)
        elapsed = time.perf_counter() - self.t0
        busy1, steal1, total1 = self._machine()
        busy0, steal0, total0 = self.machine0
        used = {"gunicorn": 0, "postgres": 0}
        for pid, (kind, ticks) in self.last.items():
            used[kind] += ticks - self.first[pid][1]
        gunicorn, postgres = (used[k] / self.tick / elapsed for k in ("gunicorn", "postgres"))
        cores = os.cpu_count() or 1
        machine = cores * (busy1 - busy0) / max(total1 - total0, 1)
        steal = cores * (steal1 - steal0) / max(total1 - total0, 1)
        generator = (time.process_time() - self.self0) / elapsed
        return {
            "machine_busy_cores": machine,
            "load_generator_cores": generator,
            "gunicorn_cores": gunicorn,
            "postgres_cores": postgres,
            "other_cores": max(0.0, machine - generator - gunicorn - postgres),
            "steal_cores": steal,
        }


# =========================================================================================================
# Orchestration
# =========================================================================================================


def _percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(min(rank, len(sorted_values))) - 1]


def stats(values: list[float], window: float) -> dict:
    ordered = sorted(values)
    return {
        "count": len(ordered),
        "p50_ms": 1000 * _percentile(ordered, 50),
        "p95_ms": 1000 * _percentile(ordered, 95),
        "p99_ms": 1000 * _percentile(ordered, 99),
        "max_ms": 1000 * ordered[-1] if ordered else float("nan"),
        "per_second": len(ordered) / window if window > 0 else float("nan"),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def pg_probe(rounds: int = 300) -> dict:
    """Round trip and commit latency of the bench database, in isolation (the VM's fsync time varies)."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/{PG_DATABASE}", autocommit=True) as connection:
        # A regular table: a temporary one is not WAL-logged, so its commits would not wait for the disk.
        connection.execute("CREATE TABLE bench_probe (id bigserial PRIMARY KEY, note text)")
        timings = {}
        for name, sql in (
            ("select_1", "SELECT 1"),
            ("insert_commit", "INSERT INTO bench_probe (note) VALUES ('x')"),
        ):
            values = []
            for _ in range(rounds):
                started = time.perf_counter()
                connection.execute(sql)
                values.append(time.perf_counter() - started)
            values.sort()
            timings[f"{name}_ms_p50"] = 1000 * _percentile(values, 50)
            timings[f"{name}_ms_p95"] = 1000 * _percentile(values, 95)
        connection.execute("DROP TABLE bench_probe")
        return timings


def _pg_version() -> str:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres") as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def _wait_healthy(http_: Http, gunicorn: subprocess.Popen, timeout=60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if gunicorn.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up (see its log above)")
        try:
            if http_.send("GET", "/sante/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /sante/ in time")


def _stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def background_cores(seconds: float = 3.0) -> float:
    """Cores kept busy by other processes while this benchmark does nothing (a noisy machine warns)."""
    cpu = CpuMeter(None)
    cpu.start()
    time.sleep(seconds)
    return cpu.stop()["machine_busy_cores"]


def wait_quiet(vendor: str, seconds: float) -> float:
    """Wait (up to `seconds`) until other processes leave the CPU alone; returns the last busy measure."""
    background = background_cores()
    deadline = time.monotonic() + seconds
    while background > NOISE_CORES and time.monotonic() < deadline:
        print(f"[{vendor}] machine busy ({background:.2f} cores): waiting for it to calm down…", flush=True)
        time.sleep(10)
        background = background_cores()
    return background


def run_database(vendor: str, args) -> dict:
    background = wait_quiet(vendor, args.wait_quiet)
    print(f"[{vendor}] machine busy before the run: {background:.2f} cores", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"octet-bench-{vendor}-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "OCTET_VAR_DIR": str(tmp),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("OCTET_CONTENT_DIR", None)
    if vendor == "postgresql":
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        _pg_admin(f"CREATE DATABASE {PG_DATABASE}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        probe = pg_probe()
    else:
        probe = {}
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp / "octet.sqlite3")
    gunicorn = None
    log = None
    try:
        print(
            f"[{vendor}] preparing (migrate, collectstatic, content load, {args.users} learners)…", flush=True
        )
        out = tmp / "prepare.json"
        subprocess.run(
            [
                sys.executable,
                __file__,
                "_prepare",
                "--users",
                str(args.users),
                "--content",
                args.content,
                "--profile-answers",
                str(args.profile_answers),
                "--out",
                str(out),
            ],
            env=env,
            cwd=ROOT,
            check=True,
        )
        prep = json.loads(out.read_text())
        content = prep["content"]
        print(
            f"[{vendor}] content: {content['used']} (release {content['release']}, "
            f"{len(prep['competences'])} competences, {len(prep['answers'])} challenges)",
            flush=True,
        )
        if content["used"] == "fixtures":
            env["OCTET_CONTENT_DIR"] = content["dir"]
        port = _free_port()
        log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115 - closed in finally
        gunicorn = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "octet.wsgi:application",
                "--workers",
                str(args.workers),
                "--bind",
                f"{HOST}:{port}",
                "--timeout",
                "120",
                "--graceful-timeout",
                "10",
            ],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        http_ = Http(port)
        _wait_healthy(http_, gunicorn)
        pool = LearnerPool(prep["sessions"])
        runs = []
        for k in args.learners:
            app = run_quiet_phase(
                args,
                vendor,
                f"K={k}: learners answering for up to {args.duration:g}s / {args.max_answers} answers",
                learner_thread,
                [(http_, pool, prep, 1000 * k + i) for i in range(k)],
                gunicorn,
            )
            floor = run_quiet_phase(args, vendor, f"K={k}: floor", floor_thread, [(http_,)] * k, gunicorn)
            runs.append({"learners": k, "app": app, "floor": floor})
        _stop(gunicorn)
        done = subprocess.run(
            [sys.executable, __file__, "_summary"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        log.flush()
        log_tail = (tmp / "gunicorn.log").read_text()[-3000:]
        return {
            "vendor": vendor,
            "background_cores": background,
            "probe": probe,
            "content": content,
            "competences": prep["competences"],
            "in_process": prep["in_process"],
            "profile": prep["profile"],
            "query_examples": prep["query_examples"],
            "runs": runs,
            "database_after": json.loads(done.stdout.strip().splitlines()[-1]),
            "learners_left": len(pool),
            "gunicorn_log_tail": log_tail,
        }
    finally:
        _stop(gunicorn)
        if log:
            log.close()
        if vendor == "postgresql":
            _pg_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        shutil.rmtree(tmp, ignore_errors=True)


def machine() -> dict:
    info = {"cores": os.cpu_count(), "python": platform.python_version()}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        info["cpu"] = re.search(r"Model name:\s*(.+)", lscpu).group(1).strip()
    except (OSError, AttributeError):
        info["cpu"] = platform.processor()
    with open("/proc/meminfo") as f:
        info["ram_gib"] = round(int(f.readline().split()[1]) / 1024 / 1024, 1)
    import django

    info["django"] = django.get_version()
    try:
        info["postgresql"] = _pg_version()
    except Exception as exc:  # noqa: BLE001
        info["postgresql"] = f"unavailable ({exc})"
    import sqlite3

    info["sqlite"] = sqlite3.sqlite_version
    info["gunicorn"] = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return info


def report(results: list[dict], args, info: dict) -> str:
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['ram_gib']} GiB RAM; Python {info['python']}, "
        f"Django {info['django']}, PostgreSQL {info['postgresql']}, SQLite {info['sqlite']}, {info['gunicorn']}.",
        f"gunicorn: {args.workers} sync workers; warm-up {args.warmup}s not measured; bounds per phase: "
        f"{args.duration}s or {args.max_answers} answers (floor: as many requests).",
        "",
    ]
    for result in results:
        content = result["content"]
        note = ""
        if content["used"] == "fixtures" and content.get("problems"):
            note = f" — the real content failed `content load` ({content['problems']} problems), fell back"
        lines.append(
            f"{result['vendor']}: content {content['used']} ({content['release']}){note}; "
            f"competences played: {', '.join(result['competences'])}."
        )
        if result["probe"]:
            probe = result["probe"]
            lines.append(
                f"{result['vendor']} alone (psycopg, one connection): SELECT 1 p50 {probe['select_1_ms_p50']:.2f} ms "
                f"(p95 {probe['select_1_ms_p95']:.2f}); INSERT + COMMIT p50 {probe['insert_commit_ms_p50']:.2f} ms "
                f"(p95 {probe['insert_commit_ms_p95']:.2f}) — the WAL flush (fsync) of this VM's disk."
            )
        if result["background_cores"] > NOISE_CORES:
            lines.append(
                f"WARNING ({result['vendor']}): other processes kept {result['background_cores']:.2f} cores "
                "busy just before the run: these numbers are not those of a quiet machine."
            )
    lines += [
        "",
        "| Request | DB | K | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | errors |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    labels = [
        ("app", "answer", "answer POST"),
        ("app", "question", "question GET"),
        ("app", "start", "start POST"),
        ("app", "timer start", "timer start POST"),
        ("floor", "floor", "floor INSERT POST"),
    ]
    for result in results:
        for run in result["runs"]:
            for phase_name, kind, label in labels:
                phase = run[phase_name]
                s = stats(phase["samples"].get(kind, []), phase["window"])
                errors = (
                    sum(n for what, n in phase["errors"].items() if what != POOL_EXHAUSTED)
                    if kind in ("answer", "floor")
                    else ""
                )
                lines.append(
                    f"| {label} | {result['vendor']} | {run['learners']} | {s['count']} | {s['p50_ms']:.1f} | "
                    f"{s['p95_ms']:.1f} | {s['p99_ms']:.1f} | {s['max_ms']:.1f} | {s['per_second']:.0f} | "
                    f"{errors} |"
                )
    lines += ["", "CPU over each measured window (cores busy, of the machine's total):", ""]
    lines += [
        "| DB | K | phase | machine | gunicorn | PostgreSQL | load generator | other processes | stolen by the host |",
        "|---|--:|---|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        for run in result["runs"]:
            for phase_name in ("app", "floor"):
                cpu = run[phase_name]["cpu"]
                lines.append(
                    f"| {result['vendor']} | {run['learners']} | {phase_name} | "
                    f"{cpu['machine_busy_cores']:.2f} | {cpu['gunicorn_cores']:.2f} | {cpu['postgres_cores']:.2f} | "
                    f"{cpu['load_generator_cores']:.2f} | {cpu['other_cores']:.2f} | "
                    f"{cpu.get('steal_cores', float('nan')):.2f} |"
                )
    noisy = [
        f"{result['vendor']} K={run['learners']} {name}"
        for result in results
        for run in result["runs"]
        for name in ("app", "floor")
        if run[name]["cpu"]["other_cores"] > NOISE_CORES
    ]
    if noisy:
        lines += [
            "",
            f"WARNING: other processes used more than {NOISE_CORES} core during: {', '.join(noisy)}.",
        ]
    starved = [
        f"{result['vendor']} K={run['learners']}"
        for result in results
        for run in result["runs"]
        if POOL_EXHAUSTED in run["app"]["errors"]
    ]
    if starved:
        lines += ["", f"WARNING: the learner pool ran out (raise --users) during: {', '.join(starved)}."]
    lines += ["", "In process (Django test client, no HTTP, one request at a time):", ""]
    for result in results:
        ip = result["in_process"]
        lines.append(
            f"- {result['vendor']}: {ip['answers']} answer requests, wall p50 {ip['wall_ms_p50']:.1f} ms "
            f"(mean {ip['wall_ms_mean']:.1f}), of which SQL statements p50 {ip['sql_ms_p50']:.1f} ms "
            f"(mean {ip['sql_ms_mean']:.1f}) and COMMIT p50 {ip['commit_ms_p50']:.1f} ms "
            f"(mean {ip['commit_ms_mean']:.1f}); queries per answer request {ip['queries_min']}–"
            f"{ip['queries_max']} {ip['queries_histogram']}; per question page {ip['question_queries_min']}–"
            f"{ip['question_queries_max']} (question page wall p50 {ip['question_wall_ms_p50']:.1f} ms)."
        )
        lines.append(
            "  SQL statements per answer request (count, mean ms): "
            + "; ".join(
                f"{key} {v['count_per_answer']:.2f}× {v['ms_mean']:.2f}"
                for key, v in ip["statements"].items()
            )
        )
    for result in results:
        lines.append("")
        lines.append(f"Errors and database after the run ({result['vendor']}):")
        for run in result["runs"]:
            lines.append(f"- K={run['learners']}: app {run['app']['errors']}, floor {run['floor']['errors']}")
        lines.append(f"- {result['database_after']}; learners never used: {result['learners_left']}")
    if args.show_profile:
        for result in results:
            lines += ["", f"cProfile of {args.profile_answers} answer requests ({result['vendor']}):", "```"]
            lines += [line for line in result["profile"].splitlines() if line.strip()]
            lines.append("```")
            for count, queries in sorted(result["query_examples"].items()):
                lines += ["", f"SQL of an answer request with {count} queries ({result['vendor']}):", "```"]
                lines += queries
                lines.append("```")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="internal", help=argparse.SUPPRESS)  # run in the subprocesses
    internal = sub.add_parser("_prepare")
    internal.add_argument("--users", type=int, required=True)
    internal.add_argument("--content", required=True)
    internal.add_argument("--profile-answers", type=int, required=True)
    internal.add_argument("--out", required=True)
    sub.add_parser("_summary")
    parser.add_argument("--learners", type=int, nargs="+", default=[8, 32], help="K concurrent learners")
    parser.add_argument("--duration", type=float, default=60, help="measured seconds per phase (max)")
    parser.add_argument("--max-answers", type=int, default=3000, help="measured answers per phase (max)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds run before measuring")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument(
        "--users", type=int, default=6000, help="learners created (each plays every competence)"
    )
    parser.add_argument(
        "--databases", nargs="+", default=["postgresql", "sqlite"], choices=["postgresql", "sqlite"]
    )
    parser.add_argument(
        "--content",
        default="auto",
        choices=["auto", "real", "fixtures", "real-unchecked"],
        help="auto: content/, or tests/fixtures/content when content/ does not load; real-unchecked: "
        "content/ stored even if validation finds problems (bench database only)",
    )
    parser.add_argument(
        "--profile-answers", type=int, default=150, help="answer requests profiled in process"
    )
    parser.add_argument("--show-profile", action="store_true", help="print the cProfile output")
    parser.add_argument(
        "--wait-quiet", type=float, default=0, help="wait up to this many seconds for other processes to stop"
    )
    parser.add_argument(
        "--retry-noisy", type=int, default=0, help="measure a phase again when other processes used the CPU"
    )
    parser.add_argument("--json", help="also write every number to this file")
    args = parser.parse_args()
    if args.internal == "_prepare":
        return prepare(args)
    if args.internal == "_summary":
        return summary(args)

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    info = machine()
    results = [run_database(vendor, args) for vendor in args.databases]
    print()
    print(report(results, args, info))
    if args.json:
        Path(args.json).write_text(
            json.dumps({"machine": info, "args": vars(args), "results": results}, indent=1)
        )


if __name__ == "__main__":
    main()
