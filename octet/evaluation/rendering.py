"""Turning content into safe HTML pieces for the templates (memoised: content never changes in a release)."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from octet.engine import grading
from octet.referential.content import Challenge

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "blockquote", "h2", "h3", "h4",
    "table", "thead", "tbody", "tr", "th", "td", "img", "kbd", "sup", "sub", "hr", "span",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"scope"},
    "span": {"lang"},
}


@lru_cache(maxsize=8192)
def markdown_html(text: str) -> SafeString:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES))  # noqa: S308 - sanitised


@lru_cache(maxsize=8192)
def inline_markdown_html(text: str) -> SafeString:
    """Markdown for one proposal: no wrapping paragraph, so it sits inside a label."""
    html = str(markdown_html(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return mark_safe(html)  # noqa: S308 - sanitised above


@dataclass(frozen=True)
class Choice:
    value: str  # the authoring index sent back, whatever the display order
    html: SafeString


@dataclass(frozen=True)
class Piece:
    text: SafeString | None = None
    block: grading.InputBlock | None = None


def choices(challenge: Challenge, seed: str) -> list[Choice]:
    items = [
        Choice(str(i), inline_markdown_html(text))
        for i, text in enumerate(grading.proposal_items(challenge.proposals), 1)
    ]
    if challenge.shuffled:
        digest = hashlib.sha256(f"{seed}:{challenge.id}".encode()).digest()
        random.Random(digest).shuffle(items)
    return items


def expected_choices_html(challenge: Challenge) -> SafeString | None:
    """The right option(s) of a QCU/QCM in words, unless the authored solution already is exactly that.

    The learner saw the options shuffled: "la réponse 2" would mean nothing, their text does.
    """
    if challenge.type not in ("QCU", "QCM"):
        return None
    expected = grading.display_solution(challenge.type, challenge.solution, proposals=challenge.proposals)
    if expected.strip() == challenge.solution_to_display.strip():
        return None
    return markdown_html(expected) if challenge.type == "QCM" else inline_markdown_html(expected)


def _text_piece(text: str) -> SafeString:
    """Literal text between inputs: inline Markdown per line, keeping the author's line breaks and the
    spaces that separate a label from its input."""
    lines = []
    for line in text.split("\n"):
        html = str(inline_markdown_html(line.strip())) if line.strip() else ""
        lead = " " if line[:1].isspace() and html else ""
        trail = " " if line[-1:].isspace() and html else ""
        lines.append(lead + html + trail)
    return mark_safe("<br>".join(lines))  # noqa: S308 - each line sanitised above


@lru_cache(maxsize=4096)
def _pieces(proposals: str) -> tuple[Piece, ...]:
    parts = grading.split_proposals(proposals.strip("\n"))
    return tuple(Piece(text=_text_piece(p)) if isinstance(p, str) else Piece(block=p) for p in parts)


def pieces(challenge: Challenge) -> tuple[Piece, ...]:
    return _pieces(challenge.proposals)


def media_url(challenge: Challenge, relative: str) -> str:
    """URL of an illustration or simulator; a simulator's "#fragment" (its scenario) is kept."""
    path, _sep, fragment = relative.partition("#")
    url = reverse("evaluation:content_file", args=[challenge.competence, path])
    return f"{url}#{fragment}" if fragment else url


def attachment_url(challenge: Challenge, name: str) -> str:
    return reverse("evaluation:attachment", args=[challenge.competence, name])
