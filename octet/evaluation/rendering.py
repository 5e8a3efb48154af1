"""Turning content into safe HTML pieces for the templates (memoised: content never changes in a release)."""

from __future__ import annotations

import hashlib
import html as html_lib
import random
import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from django.urls import reverse
from django.utils.html import strip_tags
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


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _loosen_lists(text: str) -> str:
    """Authors start a list right under a sentence; Markdown wants a blank line there, or the items run on.

    Fenced code is left untouched.
    """
    lines, in_fence, previous = [], False, ""
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif (
            not in_fence
            and _LIST_ITEM.match(line)
            and previous.strip()
            and not _LIST_ITEM.match(previous)
            and not previous.startswith((" ", "\t"))
        ):
            lines.append("")
        lines.append(line)
        previous = line
    return "\n".join(lines)


@lru_cache(maxsize=8192)
def markdown_html(text: str) -> SafeString:
    html = markdown.markdown(_loosen_lists(text or ""), extensions=["fenced_code", "tables", "sane_lists"])
    return mark_safe(nh3.clean(html, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRIBUTES))  # noqa: S308 - sanitised


@lru_cache(maxsize=8192)
def plain_text(text: str) -> str:
    """Markdown as the words a reader sees, for excerpts and accessible names."""
    return " ".join(html_lib.unescape(strip_tags(str(markdown_html(text)))).split())


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
    label: str = ""  # accessible name of an input: its `§label`, else the words just before it on its line
    number: int = 0  # 1, 2… over the inputs only, for the last-resort name "Réponse N"


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


def _words_before(text: str) -> str:
    """The visible words that introduce an input: the end of the text on the input's own line."""
    line = text.rsplit("\n", 1)[-1]
    return plain_text(line.strip()).rstrip(" :").strip()


@lru_cache(maxsize=4096)
def _pieces(proposals: str) -> tuple[Piece, ...]:
    parts = grading.split_proposals(proposals.strip("\n"))
    pieces: list[Piece] = []
    number = 0
    for i, part in enumerate(parts):
        if isinstance(part, str):
            pieces.append(Piece(text=_text_piece(part)))
            continue
        number += 1
        before = parts[i - 1] if i and isinstance(parts[i - 1], str) else ""
        label = part.label or _words_before(before) or part.placeholder or ""
        pieces.append(Piece(block=part, label=label, number=number))
    return tuple(pieces)


def pieces(challenge: Challenge) -> tuple[Piece, ...]:
    return _pieces(challenge.proposals)


def media_url(challenge: Challenge, relative: str) -> str:
    """URL of an illustration or simulator; a simulator's "#fragment" (its scenario) is kept."""
    path, _sep, fragment = relative.partition("#")
    url = reverse("evaluation:content_file", args=[challenge.competence, path])
    return f"{url}#{fragment}" if fragment else url


def attachment_url(challenge: Challenge, name: str) -> str:
    return reverse("evaluation:attachment", args=[challenge.competence, name])
