"""Bounded Levenshtein distance (unit-cost insertions, deletions, substitutions), pure Python.

`within(a, b, bound)` answers "is levenshtein(a, b) <= bound?" without ever hanging on huge inputs:

- a length difference larger than the bound is an immediate "no";
- the distance itself is computed with the bit-parallel algorithm of Myers (1999) as formulated by Hyyrö
  (2001): one pass over the longer string, each step a handful of operations on a Python integer holding one
  bit per character of the shorter string;
- the pass stops as soon as the distance can no longer come back under the bound (the bottom row of the
  dynamic-programming table changes by at most 1 per column);
- beyond `MAX_CELLS` table cells (len(a) × len(b)) the comparison is refused (returns False): no answer
  that long is ever accepted by edit distance; equality is still checked by the caller before.
"""

from __future__ import annotations

# 4 million cells: about 2,000 × 2,000 characters; a few milliseconds of work at most.
MAX_CELLS = 4_000_000


def distance(a: str, b: str) -> int:
    """The exact Levenshtein distance (unbounded; intended for tests and short strings)."""
    if len(a) > len(b):
        a, b = b, a
    if not a:
        return len(b)
    return _myers(a, b, len(a) + len(b))


def within(a: str, b: str, bound: int) -> bool:
    """True when levenshtein(a, b) <= bound."""
    if bound < 0:
        return False
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > bound:
        return False
    if not a:
        return len(b) <= bound
    if len(a) * len(b) > MAX_CELLS:
        return False
    return _myers(a, b, bound) <= bound


def _myers(pattern: str, text: str, bound: int) -> int:
    """Distance between pattern (the shorter, non-empty) and text; returns bound + 1 once it exceeds bound."""
    m = len(pattern)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    pv = full  # vertical positive deltas: column 0 is 0, 1, 2, ..., m
    mv = 0
    score = m
    remaining = len(text)
    for char in text:
        remaining -= 1
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        # The last cell can decrease by at most 1 per remaining column.
        if score - remaining > bound:
            return bound + 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score
