"""Writes of the referential: loading a release (atomic: a broken content leaves the previous one)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from octet.accounts.services import audit

from . import cache
from .content import Problem, Referential, build_attachments, read_referential, statistics
from .models import ContentRelease
from .serialization import to_payload


@dataclass
class LoadResult:
    referential: Referential | None
    problems: list[Problem]
    created: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(
    content_dir: Path | None = None, competences: list[str] | None = None
) -> tuple[Referential, list[Problem]]:
    content_dir = Path(content_dir or settings.CONTENT_DIR)
    problems = build_attachments(content_dir, Path(settings.ATTACHMENTS_DIR), competences)
    ref, content_problems = read_referential(content_dir, competences)
    return ref, problems + content_problems


def load(content_dir: Path | None = None) -> LoadResult:
    """Validate everything, then make it the current release in one transaction."""
    ref, problems = validate(content_dir)
    if problems:
        return LoadResult(None, problems)
    with transaction.atomic():
        release, created = ContentRelease.objects.get_or_create(
            id=ref.release, defaults={"payload": to_payload(ref), "summary": statistics(ref)["totals"]}
        )
        others = ContentRelease.objects.filter(is_current=True).exclude(pk=release.pk)
        previous = list(others.values_list("id", flat=True))
        others.update(is_current=False)
        if not release.is_current:
            release.is_current = True
            release.save(update_fields=["is_current", "loaded_at"])
            # Which questions learners faced depends on the release: record every switch.
            audit(None, "content.release", release, before={"releases": previous}, after=release.summary)
    cache.install(ref)
    return LoadResult(ref, [], created)
