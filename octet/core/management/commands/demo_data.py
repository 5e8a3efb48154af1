"""Demo accounts so that every face is alive on a fresh machine (idempotent: a second run changes nothing)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from octet.accounts.models import User
from octet.engine import grading
from octet.evaluation import services
from octet.referential import cache

PASSWORD = "Octet2026!"
LEARNER = {"email": "lea.martin@example.org", "first_name": "Léa", "last_name": "Martin"}
STAFF = {"email": "admin@example.org", "first_name": "Camille", "last_name": "Admin"}
# The learner's true level per competence: answers right up to it, wrong above. A half level (3.5) also
# succeeds the next level on half of the tubes, so the profile shows pix on the way to the next level, as a
# real learner's does. Some competences untouched.
DEMO_LEVELS = {"1.1": 3.5, "1.3": 2, "2.1": 4.5, "3.1": 2.5, "4.1": 1, "4.2": 3}
IN_PROGRESS = "2.2"


def correct_answer(challenge):
    """An answer the engine grades ok: the solution itself in the shape a learner would send."""
    kind, proposals = challenge.type, challenge.proposals
    parsed = grading.parse_solution(kind, challenge.solution, proposals=proposals)
    if kind == "QCU":
        return str(parsed)
    if kind == "QCM":
        return ",".join(sorted(parsed, key=int))
    keys = [b.key for b in grading.input_blocks(proposals)]
    if kind == "QROC":
        return parsed[0]
    if kind == "QROCM-ind":
        return {k: parsed[k][0] for k in keys}
    groups = list(parsed.values())
    return {k: groups[i][0] for i, k in enumerate(keys)}


class Command(BaseCommand):
    help = "Crée les comptes de démonstration (apprenante au profil partiellement rempli, administrateur)."

    def handle(self, *args, **options):
        ref = cache.current()
        learner, created = self._user(LEARNER)
        staff, _ = self._user(STAFF, is_staff=True, is_superuser=True, staff_role=User.StaffRole.SUPER_ADMIN)
        if created:
            with transaction.atomic():
                self._fill_profile(learner, ref)
        self.stdout.write(self.style.SUCCESS("Comptes de démonstration :"))
        self.stdout.write(f"  Apprenante (App /)          : {LEARNER['email']} / {PASSWORD}")
        self.stdout.write(f"  Administrateur (/backoffice/) : {STAFF['email']} / {PASSWORD}")

    def _user(self, data, **extra):
        user = User.objects.filter(email=data["email"]).first()
        if user:
            return user, False
        user = User.objects.create_user(
            password=PASSWORD,
            cgu_accepted_at=timezone.now(),
            email_confirmed_at=timezone.now(),
            **data,
            **extra,
        )
        return user, True

    def _fill_profile(self, learner, ref):
        # Dated in the past so that "Retenter" and "Remettre à zéro" are already offered.
        when = timezone.now() - timedelta(days=10)
        for code, level in DEMO_LEVELS.items():
            if code in ref.competences:
                self._answer(learner, ref, code, level, when, limit=None)
        if IN_PROGRESS in ref.competences:
            self._answer(learner, ref, IN_PROGRESS, 2, when, limit=3)

    def _answer(self, learner, ref, code, level, when, limit):
        assessment = services.start_or_resume(learner, code, now=when)
        for step in range(limit or 200):
            assessment.refresh_from_db()
            if not assessment.is_started:
                return
            challenge = ref.challenges[assessment.current_challenge_id]
            moment = when + timedelta(seconds=30 * (step + 1))
            if assessment.current_challenge_asked_at is None:  # a timed question: start its countdown
                services.start_timer(assessment.pk, learner, challenge.id, now=moment - timedelta(seconds=10))
            succeed = _knows(ref, ref.skills[challenge.skill], level)
            value = correct_answer(challenge) if succeed else ""
            submitted = services.SubmittedAnswer(challenge.id, value, skipped=not succeed)
            services.submit_answer(assessment.pk, learner, submitted, now=moment)


def _knows(ref, skill, level: float) -> bool:
    if skill.level <= int(level):
        return True
    if skill.level > int(level) + 1 or level == int(level):
        return False
    tubes = sorted(t.id for t in ref.tubes.values() if t.competence == ref.tubes[skill.tube].competence)
    return tubes.index(skill.tube) % 2 == 0
