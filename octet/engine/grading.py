"""Grading of answers (rules: shared/spec/grading.md).

Pure Python, no Django. The public entry point is :func:`grade` (and :func:`evaluate` for the details the
correction screen needs); :func:`check_challenge` is what the content validator runs on every challenge.

Vocabulary:

- *solution* — the text as authored (QCU ``"2"``, QCM ``"1,3"``, QROC one variant per line, QROCM a YAML
  mapping ``key:`` → list of variants) or the already-parsed structure (see :func:`parse_solution`);
- *proposals* — the Markdown of the challenge: a list of ``- item`` for QCU/QCM, text with input blocks
  (``${key}``, ``${key#placeholder}``, ``${key§label}``, ``${key options=["A","B"]}``) for QROC/QROCM;
- *answer* — what the learner sent: a string (QCU/QCM/QROC) or a mapping input-key → text (QROCM).

Content errors raise :class:`SolutionError`; answers of the wrong shape raise :class:`AnswerError` (with a
French message for the learner). Free text is never an error: it is ``ok`` or ``ko``.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import yaml

from octet.engine import _levenshtein

__all__ = [
    "KINDS",
    "FORMATS",
    "T3_RATIO",
    "AnswerError",
    "InputBlock",
    "SolutionError",
    "Status",
    "Verdict",
    "check_challenge",
    "display_solution",
    "evaluate",
    "final_status",
    "grade",
    "input_blocks",
    "is_empty_answer",
    "matches",
    "normalize_answer",
    "parse_number",
    "parse_solution",
    "proposal_items",
    "split_proposals",
    "treat",
]


class Status(StrEnum):
    """The status of an answer. Only ``OK`` is a success."""

    OK = "ok"
    KO = "ko"
    ABAND = "aband"
    TIMEDOUT = "timedout"
    FOCUSED_OUT = "focusedOut"

    @property
    def is_success(self) -> bool:
        return self is Status.OK


KINDS = ("QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep")
FORMATS = ("petit", "mots", "phrase", "paragraphe", "nombre")
T3_RATIO = 0.25


class SolutionError(ValueError):
    """The solution or the proposals of a challenge cannot be used (a content error)."""


class AnswerError(ValueError):
    """An answer of the wrong shape: refused, never graded. ``str(e)`` is a French message."""


@dataclass(frozen=True)
class Verdict:
    """The result of :func:`evaluate`.

    ``input_results``: QROCM only, per input key (in the proposals' order) whether that input was right.
    ``unmatched``: QROCM-dep only, the first variant of every solution group no answer matched (shown in the
    correction); empty otherwise.
    """

    status: Status
    input_results: dict[str, bool] | None = None
    unmatched: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputBlock:
    """One input of a QROC/QROCM: ``${key#placeholder§label}`` or a drop-down ``${key options=[...]}``."""

    key: str
    placeholder: str | None = None
    label: str | None = None
    options: tuple[str, ...] | None = None

    @property
    def is_dropdown(self) -> bool:
        return self.options is not None


# --------------------------------------------------------------------------------------------------------
# Text treatments
# --------------------------------------------------------------------------------------------------------


def normalize_answer(text: str) -> str:
    """The pre-treatment applied to every answer before anything: NFC, U+00A0 → space."""
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ")


_NOT_T2 = re.compile(r"[^A-Za-z0-9 ]")
_SPACES = re.compile(r" {2,}")
_WHITESPACE = re.compile(r"\s")


def _t1(text: str) -> str:
    text = text.strip().lower()
    text = unicodedata.normalize("NFD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return "".join(text.split())


def _t2(text: str) -> str:
    text = _WHITESPACE.sub(" ", text)
    text = _NOT_T2.sub("", text)
    return _SPACES.sub(" ", text).strip()


def treat(text: str, *, t1: bool = True, t2: bool = True) -> str:
    """Apply the pre-treatment, then t1 (spaces, case, accents) and t2 (punctuation) when switched on."""
    text = normalize_answer(text)
    if t1:
        text = _t1(text)
    if t2:
        text = _t2(text)
    return text


def matches(answer: str, variants: list[str] | tuple[str, ...], *, t1=True, t2=True, t3=True) -> bool:
    """Whether a free-text answer matches one of the variants with the given tolerances."""
    treated = treat(answer, t1=t1, t2=t2)
    treated_variants = [treat(variant, t1=t1, t2=t2) for variant in variants]
    if treated in treated_variants:
        return True
    if not t3 or not treated:
        return False
    bound = int(len(treated) * T3_RATIO)  # d / len(answer) <= 0.25  ⇔  d <= floor(len(answer) / 4)
    return any(_levenshtein.within(treated, variant, bound) for variant in treated_variants)


def _exact(answer: str, variants: list[str] | tuple[str, ...]) -> bool:
    answer = normalize_answer(answer)
    return any(answer == normalize_answer(variant) for variant in variants)


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:[ \u202f\u2009][0-9]{3})+(?:[.,][0-9]*)?")
_MAX_NUMBER_LENGTH = 1000


def parse_number(text: str) -> Decimal | None:
    """A number written by a learner (``3,5``, ``3.5``, `` 3.50 ``, ``1 000``), or None if it is not one."""
    text = normalize_answer(text).strip()
    if len(text) > _MAX_NUMBER_LENGTH:
        return None
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[ \u202f\u2009]", "", text)
    elif not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the regular expressions only let numbers through
        return None


def _number_matches(answer: str, variants: list[str] | tuple[str, ...]) -> bool:
    number = parse_number(answer)
    if number is None:
        return False
    for variant in variants:
        expected = parse_number(variant)
        if expected is not None and expected == number:
            return True
    return False


def _input_matches(answer: str, variants, block: InputBlock | None, *, t1, t2, t3, format) -> bool:
    if block is not None and block.is_dropdown:
        return _exact(answer, variants)
    if format == "nombre":
        return _number_matches(answer, variants)
    return matches(answer, variants, t1=t1, t2=t2, t3=t3)


# --------------------------------------------------------------------------------------------------------
# Proposals
# --------------------------------------------------------------------------------------------------------

_ITEM = re.compile(r"^ {0,3}[-*+][ \t]+(.*)$|^ {0,3}[-*+]$")


def proposal_items(proposals: str) -> list[str]:
    """QCU/QCM: the Markdown list items of the proposals, in authoring order (item 1 is index 0).

    An item starts with ``- `` (or ``* ``, ``+ ``) at the start of a line; the following lines that do not start
    a new item are kept as its continuation. Text before the first item is ignored.
    """
    if not isinstance(proposals, str):
        raise SolutionError("les propositions doivent être un texte")
    items: list[list[str]] = []
    for line in normalize_answer(proposals).splitlines():
        found = _ITEM.match(line)
        if found:
            items.append([(found.group(1) or "").rstrip()])
        elif items:
            items[-1].append(line.rstrip())
    return ["\n".join(lines).strip() for lines in items]


_KEY = re.compile(r"[\w.-]+")


def split_proposals(proposals: str) -> list[str | InputBlock]:
    """QROC/QROCM: the proposals cut into literal text and :class:`InputBlock`, in order.

    Raises :class:`SolutionError` on a malformed block (unclosed, empty key, bad options) or a duplicate key.
    """
    if not isinstance(proposals, str):
        raise SolutionError("les propositions doivent être un texte")
    parts: list[str | InputBlock] = []
    seen: set[str] = set()
    position = 0
    text_start = 0
    length = len(proposals)
    while True:
        start = proposals.find("${", position)
        if start < 0:
            break
        end = _block_end(proposals, start + 2)
        if end < 0:
            raise SolutionError(f"bloc de saisie non fermé : {proposals[start : start + 40]!r}")
        block = _parse_block(proposals[start + 2 : end])
        if block.key in seen:
            raise SolutionError(f"clé de saisie en double : {block.key!r}")
        seen.add(block.key)
        if start > text_start:
            parts.append(proposals[text_start:start])
        parts.append(block)
        position = text_start = end + 1
        if position >= length:
            break
    if text_start < length:
        parts.append(proposals[text_start:])
    return parts


def input_blocks(proposals: str) -> list[InputBlock]:
    """QROC/QROCM: the input blocks of the proposals, in order (see :func:`split_proposals`)."""
    return [part for part in split_proposals(proposals) if isinstance(part, InputBlock)]


def _block_end(text: str, position: int) -> int:
    """Index of the ``}`` closing a block whose content starts at position (``}`` inside quotes skipped)."""
    in_quotes = False
    escaped = False
    for index in range(position, len(text)):
        char = text[index]
        if in_quotes:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_quotes = False
        elif char == '"':
            in_quotes = True
        elif char == "}":
            return index
        elif char == "\n":
            return -1
    return -1


_OPTIONS = re.compile(r"\s+options\s*=\s*(\[.*\])\s*", re.DOTALL)


def _parse_block(content: str) -> InputBlock:
    found = _KEY.match(content)
    if not found:
        raise SolutionError(f"bloc de saisie sans clé : ${{{content}}}")
    key = found.group(0)
    rest = content[found.end() :]
    if not rest:
        return InputBlock(key)
    options_match = _OPTIONS.fullmatch(rest)
    if options_match:
        try:
            options = json.loads(options_match.group(1))
        except ValueError as error:
            raise SolutionError(f"options illisibles dans ${{{content}}} : {error}") from None
        if not isinstance(options, list) or not options or not all(isinstance(o, str) for o in options):
            raise SolutionError(f"les options de ${{{content}}} doivent être une liste de textes non vide")
        return InputBlock(key, options=tuple(options))
    placeholder = label = None
    if rest.startswith("#"):
        placeholder, _, label_part = rest[1:].partition("§")
        label = label_part if "§" in rest else None
    elif rest.startswith("§"):
        label = rest[1:]
    else:
        raise SolutionError(f"bloc de saisie mal formé : ${{{content}}}")
    return InputBlock(key, placeholder=placeholder, label=label)


# --------------------------------------------------------------------------------------------------------
# Solutions
# --------------------------------------------------------------------------------------------------------


class _TextLoader(yaml.SafeLoader):
    """A YAML loader that keeps every scalar as written (``01``, ``yes``, ``1.50``, ``null`` stay text)."""


_TextLoader.yaml_implicit_resolvers = {}


def _parse_qrocm_text(text: str, error_class: type[ValueError], what: str) -> dict[str, list[str]]:
    try:
        root = yaml.compose(text, Loader=_TextLoader)
    except yaml.YAMLError as error:
        raise error_class(f"{what} : YAML illisible ({_one_line(error)})") from None
    except Exception as error:  # RecursionError on absurd nesting, anything else the parser may throw
        raise error_class(f"{what} : YAML illisible ({type(error).__name__})") from None
    if root is None:
        raise error_class(f"{what} : vide")
    if not isinstance(root, yaml.MappingNode):
        raise error_class(f"{what} : une table « clé: variantes » est attendue")
    result: dict[str, list[str]] = {}
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise error_class(f"{what} : clé invalide")
        key = key_node.value
        if key in result:
            raise error_class(f"{what} : clé en double {key!r}")
        if isinstance(value_node, yaml.ScalarNode):
            if value_node.value == "" and value_node.style is None:
                result[key] = []
            else:
                result[key] = [value_node.value]
        elif isinstance(value_node, yaml.SequenceNode):
            variants = []
            for item in value_node.value:
                if not isinstance(item, yaml.ScalarNode):
                    raise error_class(f"{what} : les variantes de {key!r} doivent être des textes")
                variants.append(item.value)
            result[key] = variants
        else:
            raise error_class(f"{what} : les variantes de {key!r} doivent être une liste de textes")
    return result


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200]


def _index(text: str) -> int | None:
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    text = text.lstrip("0") or "0"
    if len(text) > 9:
        return 10**9
    return int(text)


def _scalar(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise SolutionError(f"{what} : un texte est attendu, pas {type(value).__name__}")


@functools.lru_cache(maxsize=4096)
def _parse_cached(kind: str, solution: str, proposals: str) -> Any:
    return _parse(kind, solution, proposals)


def _parse(kind: str, solution: Any, proposals: str) -> Any:
    """Parse and check a solution; returns immutable structures (str, frozenset, tuple, dict of tuples)."""
    if kind not in KINDS:
        raise SolutionError(f"type d'épreuve inconnu : {kind!r} (attendu : {', '.join(KINDS)})")
    if solution is None:
        raise SolutionError("solution vide")
    if not isinstance(proposals, str):
        raise SolutionError("les propositions doivent être un texte")
    if kind in ("QCU", "QCM"):
        return _parse_choice(kind, solution, proposals)
    if kind == "QROC":
        return _parse_qroc(solution)
    return _parse_qrocm(kind, solution, proposals)


def _parse_choice(kind: str, solution: Any, proposals: str) -> Any:
    if isinstance(solution, int) and not isinstance(solution, bool):
        solution = str(solution)
    if kind == "QCM" and isinstance(solution, list | tuple | set | frozenset):
        pieces = [_scalar(piece, "solution") for piece in solution]
    elif isinstance(solution, str):
        pieces = normalize_answer(solution).split(",") if kind == "QCM" else [normalize_answer(solution)]
    else:
        raise SolutionError(f"solution {kind} : un texte est attendu, pas {type(solution).__name__}")
    pieces = [piece.strip() for piece in pieces if piece.strip()]
    if not pieces:
        raise SolutionError("solution vide")
    if kind == "QCU" and len(pieces) != 1:
        raise SolutionError(f"solution QCU : un seul numéro de proposition est attendu, pas {solution!r}")
    count = len(proposal_items(proposals)) if proposals.strip() else 0
    indexes = []
    for piece in pieces:
        index = _index(piece)
        if index is None:
            raise SolutionError(f"solution {kind} : {piece!r} n'est pas un numéro de proposition")
        if index < 1 or (count and index > count):
            raise SolutionError(
                f"solution {kind} : la proposition {piece} n'existe pas (il y a {count} propositions)"
                if count
                else f"solution {kind} : la proposition {piece} n'existe pas"
            )
        indexes.append(str(index))
    if kind == "QCU":
        return indexes[0]
    return frozenset(indexes)


def _parse_qroc(solution: Any) -> tuple[str, ...]:
    if isinstance(solution, str):
        variants = [line.strip() for line in solution.splitlines()]
    elif isinstance(solution, list | tuple):
        variants = [_scalar(variant, "solution QROC").strip() for variant in solution]
    else:
        raise SolutionError(f"solution QROC : un texte est attendu, pas {type(solution).__name__}")
    variants = [variant for variant in variants if variant]
    if not variants:
        raise SolutionError("solution QROC vide : au moins une variante acceptée par ligne est attendue")
    return tuple(variants)


def _parse_qrocm(kind: str, solution: Any, proposals: str) -> dict[str, tuple[str, ...]]:
    what = f"solution {kind}"
    if isinstance(solution, str):
        raw = _parse_qrocm_text(solution, SolutionError, what)
    elif isinstance(solution, Mapping):
        raw = {}
        for key, value in solution.items():
            key = _scalar(key, what)
            if isinstance(value, list | tuple):
                raw[key] = [_scalar(variant, what) for variant in value]
            elif value is None:
                raw[key] = []
            else:
                raw[key] = [_scalar(value, what)]
    else:
        raise SolutionError(f"{what} : une table « clé: variantes » est attendue")
    if not raw:
        raise SolutionError(f"{what} vide")
    parsed = {}
    for key, variants in raw.items():
        if not variants:
            raise SolutionError(f"{what} : aucune variante pour {key!r}")
        parsed[key] = tuple(variants)
    blocks = input_blocks(proposals) if proposals.strip() else []
    input_keys = [block.key for block in blocks]
    if kind == "QROCM-ind":
        if input_keys and set(input_keys) != set(parsed):
            missing = [key for key in input_keys if key not in parsed]
            extra = [key for key in parsed if key not in input_keys]
            details = []
            if missing:
                details.append("sans solution : " + ", ".join(missing))
            if extra:
                details.append("absentes des propositions : " + ", ".join(extra))
            raise SolutionError(
                f"{what} : les clés ne correspondent pas aux champs des propositions ({'; '.join(details)})"
            )
    elif input_keys and len(parsed) < len(input_keys):
        raise SolutionError(
            f"{what} : {len(parsed)} groupe(s) de réponses pour {len(input_keys)} champs "
            "(il faut au moins un groupe par champ)"
        )
    return parsed


def parse_solution(kind: str, solution: Any, *, proposals: str = "") -> Any:
    """Parse a solution as authored (or check an already-parsed one).

    Returns a ``str`` index for QCU (``"2"``), a ``frozenset[str]`` for QCM (``{"1", "3"}``), a ``list[str]``
    of variants for QROC, a ``dict[str, list[str]]`` for QROCM (every value stays text: ``01`` stays ``01``).
    With ``proposals`` it also checks QCU/QCM indexes against the items and QROCM keys against the inputs.
    Raises :class:`SolutionError` with a French message.

    >>> parse_solution("QCM", "3, 1")
    frozenset({'1', '3'})
    """
    parsed = _parse_any(kind, solution, proposals)
    if isinstance(parsed, tuple):
        return list(parsed)
    if isinstance(parsed, dict):
        return {key: list(variants) for key, variants in parsed.items()}
    return parsed


def _parse_any(kind: str, solution: Any, proposals: str) -> Any:
    if isinstance(kind, str) and isinstance(solution, str) and isinstance(proposals, str):
        return _parse_cached(kind, solution, proposals)
    return _parse(kind, solution, proposals)


# --------------------------------------------------------------------------------------------------------
# Answers
# --------------------------------------------------------------------------------------------------------


def _answer_text(answer: Any) -> str:
    if isinstance(answer, str):
        return answer
    if isinstance(answer, int | float | Decimal) and not isinstance(answer, bool):
        return str(answer)
    if answer is None:
        raise AnswerError("Réponse invalide : aucune réponse n'a été envoyée.")
    raise AnswerError("Réponse invalide : un texte est attendu.")


def _choice_answer(kind: str, answer: Any, count: int) -> set[int]:
    text = normalize_answer(_answer_text(answer))
    pieces = text.split(",") if kind == "QCM" else [text]
    pieces = [piece.strip() for piece in pieces if piece.strip()]
    if not pieces:
        raise AnswerError("Réponse invalide : choisissez au moins une proposition (ou passez la question).")
    if kind == "QCU" and len(pieces) != 1:
        raise AnswerError("Réponse invalide : une seule proposition peut être choisie.")
    indexes = set()
    for piece in pieces:
        index = _index(piece)
        if index is None:
            raise AnswerError(f"Réponse invalide : « {piece[:40]} » n'est pas un numéro de proposition.")
        if index < 1 or (count and index > count):
            raise AnswerError(f"Réponse invalide : la proposition {piece[:12]} n'existe pas.")
        indexes.add(index)
    return indexes


def _qrocm_answer(answer: Any, keys: list[str] | None) -> dict[str, str]:
    if isinstance(answer, str):
        try:
            answer = _parse_qrocm_text(answer, AnswerError, "Réponse invalide")
        except AnswerError:
            raise AnswerError("Réponse invalide : une réponse par champ est attendue.") from None
        answer = {key: values[0] if len(values) == 1 else "" for key, values in answer.items()}
    if not isinstance(answer, Mapping):
        raise AnswerError("Réponse invalide : une réponse par champ est attendue.")
    result: dict[str, str] = {}
    for key, value in answer.items():
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)
        if not isinstance(key, str):
            raise AnswerError("Réponse invalide : champ inconnu.")
        if value is None:
            value = ""
        elif not isinstance(value, str):
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                value = str(value)
            else:
                raise AnswerError(f"Réponse invalide : le champ « {key[:40]} » doit contenir un texte.")
        result[key] = value
    if keys is not None and set(result) != set(keys):
        unknown = [key for key in result if key not in keys]
        if unknown:
            raise AnswerError(f"Réponse invalide : champ inconnu « {unknown[0][:40]} ».")
        raise AnswerError("Réponse invalide : il manque la réponse d'un ou plusieurs champs.")
    return result


def is_empty_answer(kind: str, answer: Any) -> bool:
    """True when nothing was entered (None, blank text, a QROCM map of blank texts): refuse it or skip."""
    if answer is None:
        return True
    if isinstance(answer, str):
        if kind in ("QROCM-ind", "QROCM-dep"):
            try:
                values = _qrocm_answer(answer, None).values()
            except AnswerError:
                return not normalize_answer(answer).strip()
            return all(not normalize_answer(value).strip() for value in values)
        return not normalize_answer(answer).strip()
    if isinstance(answer, Mapping):
        return all(
            value is None or (isinstance(value, str) and not value.strip()) for value in answer.values()
        )
    return False


# --------------------------------------------------------------------------------------------------------
# Grading
# --------------------------------------------------------------------------------------------------------


def _blocks(kind: str, proposals: str) -> list[InputBlock]:
    if kind in ("QROC", "QROCM-ind", "QROCM-dep") and proposals.strip():
        return input_blocks(proposals)
    return []


def evaluate(
    kind: str,
    solution: Any,
    answer: Any,
    *,
    proposals: str = "",
    t1: bool = True,
    t2: bool = True,
    t3: bool = True,
    format: str | None = None,
) -> Verdict:
    """Grade an answer and return the details (status, per-input results, unmatched QROCM-dep groups).

    Raises :class:`SolutionError` when the challenge itself is broken and :class:`AnswerError` when the
    answer has the wrong shape; any other answer is ``Status.OK`` or ``Status.KO``.

    >>> evaluate("QROCM-dep", "a:\\n - Firefox\\nb:\\n - Chrome", {"n1": "chrome", "n2": "firefox"}).status
    <Status.OK: 'ok'>
    """
    proposals = proposals if isinstance(proposals, str) else ""
    parsed = _parse_any(kind, solution, proposals)
    blocks = _blocks(kind, proposals)
    flags = {"t1": bool(t1), "t2": bool(t2), "t3": bool(t3), "format": format}
    if kind in ("QCU", "QCM"):
        count = len(proposal_items(proposals)) if proposals.strip() else 0
        chosen = _choice_answer(kind, answer, count)
        expected = {int(parsed)} if kind == "QCU" else {int(index) for index in parsed}
        return Verdict(Status.OK if chosen == expected else Status.KO)
    if kind == "QROC":
        text = _answer_text(answer)
        block = blocks[0] if len(blocks) == 1 else None
        ok = _input_matches(text, parsed, block, **flags)
        return Verdict(Status.OK if ok else Status.KO)
    by_key = {block.key: block for block in blocks}
    if kind == "QROCM-ind":
        keys = [block.key for block in blocks] if blocks else list(parsed)
        answers = _qrocm_answer(answer, keys)
        results = {key: _input_matches(answers[key], parsed[key], by_key.get(key), **flags) for key in keys}
        return Verdict(Status.OK if all(results.values()) else Status.KO, input_results=results)
    keys = [block.key for block in blocks] if blocks else None
    answers = _qrocm_answer(answer, keys)
    if keys is None:
        keys = list(answers)
        if len(keys) > len(parsed):
            raise AnswerError("Réponse invalide : trop de réponses.")
    groups = list(parsed)
    edges = [
        [
            g
            for g, group in enumerate(groups)
            if _input_matches(answers[key], parsed[group], by_key.get(key), **flags)
        ]
        for key in keys
    ]
    matched_group = _maximum_matching(edges, len(groups))
    results = {key: matched_group[i] is not None for i, key in enumerate(keys)}
    used = {group for group in matched_group if group is not None}
    unmatched = tuple(parsed[group][0] for g, group in enumerate(groups) if g not in used)
    status = Status.OK if keys and all(results.values()) else Status.KO
    return Verdict(status, input_results=results, unmatched=unmatched)


def _maximum_matching(edges: list[list[int]], group_count: int) -> list[int | None]:
    """Maximum bipartite matching (augmenting paths): for each input, its group index or None."""
    owner: list[int | None] = [None] * group_count

    def augment(i: int, visited: set[int]) -> bool:
        for g in edges[i]:
            if g in visited:
                continue
            visited.add(g)
            if owner[g] is None or augment(owner[g], visited):
                owner[g] = i
                return True
        return False

    for i in range(len(edges)):
        augment(i, set())
    result: list[int | None] = [None] * len(edges)
    for g, i in enumerate(owner):
        if i is not None:
            result[i] = g
    return result


def grade(
    kind: str,
    solution: Any,
    answer: Any,
    *,
    proposals: str = "",
    t1: bool = True,
    t2: bool = True,
    t3: bool = True,
    format: str | None = None,
) -> Status:
    """Grade an answer: ``Status.OK`` or ``Status.KO`` (see :func:`evaluate` for the errors raised).

    >>> grade("QROC", "Wikipédia", "wikipdia")
    <Status.OK: 'ok'>
    """
    return evaluate(kind, solution, answer, proposals=proposals, t1=t1, t2=t2, t3=t3, format=format).status


def final_status(
    verdict_status: Status | str,
    *,
    skipped: bool = False,
    timed_out: bool = False,
    focused_out: bool = False,
) -> Status:
    """The status stored for an answer: skipped → ABAND; a correct answer past the time limit → TIMEDOUT,
    after leaving a focused challenge → FOCUSED_OUT (a wrong answer stays KO)."""
    if skipped:
        return Status.ABAND
    status = Status(verdict_status)
    if status is Status.OK:
        if timed_out:
            return Status.TIMEDOUT
        if focused_out:
            return Status.FOCUSED_OUT
    return status


# --------------------------------------------------------------------------------------------------------
# Content validation and display
# --------------------------------------------------------------------------------------------------------


def _self_answer(kind: str, parsed: Any, blocks: list[InputBlock]) -> Any:
    if kind == "QCU":
        return parsed
    if kind == "QCM":
        return ",".join(sorted(parsed, key=int))
    if kind == "QROC":
        return parsed[0]
    if kind == "QROCM-ind":
        return {key: variants[0] for key, variants in parsed.items()}
    keys = [block.key for block in blocks] if blocks else list(parsed)
    return {key: variants[0] for key, variants in zip(keys, parsed.values(), strict=False)}


def check_challenge(
    kind: str,
    solution: Any,
    *,
    proposals: str = "",
    t1: bool = True,
    t2: bool = True,
    t3: bool = True,
    format: str | None = None,
) -> list[str]:
    """Problems of a challenge for the content validator (empty list when it is fine), in French."""
    problems: list[str] = []
    if kind not in KINDS:
        return [f"type d'épreuve inconnu : {kind!r} (attendu : {', '.join(KINDS)})"]
    if not isinstance(proposals, str):
        return ["les propositions doivent être un texte"]
    if format is not None and format not in FORMATS:
        problems.append(f"format inconnu : {format!r} (attendu : {', '.join(FORMATS)})")
    blocks: list[InputBlock] = []
    if kind in ("QCU", "QCM"):
        items = proposal_items(proposals)
        if len(items) < 2:
            problems.append(
                f"{kind} : au moins deux propositions « - … » sont attendues ({len(items)} trouvée(s))"
            )
        if any(not item for item in items):
            problems.append(f"{kind} : proposition vide")
    else:
        try:
            blocks = input_blocks(proposals)
        except SolutionError as error:
            return [*problems, f"propositions : {error}"]
        if kind == "QROC" and len(blocks) > 1:
            problems.append(f"QROC : un seul champ de saisie est attendu ({len(blocks)} trouvés)")
        if kind.startswith("QROCM") and not blocks:
            problems.append(f"{kind} : aucun champ de saisie ${{clé}} dans les propositions")
    try:
        parsed = _parse_any(kind, solution, proposals)
    except SolutionError as error:
        return [*problems, str(error)]
    by_key = {block.key: block for block in blocks}
    if kind == "QROC":
        block = blocks[0] if len(blocks) == 1 else None
        _check_variants(problems, "solution", parsed, block, format)
    elif kind == "QROCM-ind":
        for key, variants in parsed.items():
            _check_variants(problems, f"solution de {key!r}", variants, by_key.get(key), format)
    elif kind == "QROCM-dep":
        dropdowns = [block for block in blocks if block.is_dropdown]
        for group, variants in parsed.items():
            for block in dropdowns:
                if not any(normalize_answer(v) in map(normalize_answer, block.options) for v in variants):
                    problems.append(
                        f"solution du groupe {group!r} : aucune variante n'est une option de la liste {block.key!r}"
                    )
            if format == "nombre":
                _check_numbers(problems, f"solution du groupe {group!r}", variants)
    try:
        verdict = evaluate(
            kind,
            solution,
            _self_answer(kind, parsed, blocks),
            proposals=proposals,
            t1=t1,
            t2=t2,
            t3=t3,
            format=format,
        )
    except (SolutionError, AnswerError) as error:
        problems.append(f"la solution ne peut pas être notée contre elle-même : {error}")
    else:
        if verdict.status is not Status.OK:
            problems.append(
                "la solution n'est pas notée correcte contre elle-même (variantes ou tolérances ?)"
            )
    return problems


def _check_variants(problems: list[str], what: str, variants, block: InputBlock | None, format) -> None:
    if block is not None and block.is_dropdown:
        options = {normalize_answer(option) for option in block.options}
        outside = [variant for variant in variants if normalize_answer(variant) not in options]
        if outside:
            problems.append(
                f"{what} : {', '.join(map(repr, outside))} ne fait pas partie des options de la liste {block.key!r}"
            )
    elif format == "nombre":
        _check_numbers(problems, what, variants)


def _check_numbers(problems: list[str], what: str, variants) -> None:
    not_numbers = [variant for variant in variants if parse_number(variant) is None]
    if not_numbers:
        problems.append(f"{what} : {', '.join(map(repr, not_numbers))} n'est pas un nombre (format nombre)")


def display_solution(kind: str, solution: Any, *, proposals: str = "") -> str:
    """A default « solution à afficher » in French, derived from the solution.

    QCU: the text of the right proposal; QCM: the right proposals, one ``- text`` per line; QROC: the first
    variant; QROCM: one ``key : first variant`` line per key (groups for QROCM-dep).
    """
    parsed = parse_solution(kind, solution, proposals=proposals)
    if kind in ("QCU", "QCM"):
        items = proposal_items(proposals) if isinstance(proposals, str) else []
        indexes = [parsed] if kind == "QCU" else sorted(parsed, key=int)
        texts = [items[int(index) - 1] if int(index) <= len(items) else index for index in indexes]
        if kind == "QCU":
            return texts[0]
        return "\n".join(f"- {text}" for text in texts)
    if kind == "QROC":
        return parsed[0]
    return "\n".join(f"{key} : {variants[0]}" for key, variants in parsed.items())
