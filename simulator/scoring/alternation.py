"""Many regular expressions joined into one that finds what the first of them to match finds,
written so that Python's regex engine searches it quickly.

`(?:p1)|(?:p2)|...` is tried alternative by alternative at every position of the text, and
each begins with a word-boundary test the engine cannot skip ahead on. The same alternatives
in the same order, with a shared leading boundary test written once before each run of them
(`\\b(?:a|b|c)`), are the same expression to the engine's backtracking, so every search finds
the same match; but at the many positions inside words one test fails instead of one per
alternative, and alternatives that begin with a letter are ruled out by that letter.
"""

from __future__ import annotations

import re

# zero-width tests that many request and guard patterns open with (word starts)
_LEADS = ("\\b", "(?<![а-я])", "(?<![а-яё])")
_QUANTIFIERS = ("*", "+", "?", "{")


def join(patterns: list[str]) -> re.Pattern[str]:
    """One pattern whose search finds what `(?:p1)|(?:p2)|...` finds."""
    return re.compile(joined(patterns))


def joined(patterns: list[str]) -> str:
    parts: list[str] = []
    run: list[str] = []
    lead = ""
    for alt_lead, body in (pair for p in patterns for alt in _top_level(p)
                           for pair in _expand(alt)):
        if run and alt_lead != lead:
            parts.append(_group(lead, run))
            run = []
        lead = alt_lead
        run.append(body)
    if run:
        parts.append(_group(lead, run))
    return "|".join(parts)


def _group(lead: str, bodies: list[str]) -> str:
    return lead + "(?:" + "|".join(bodies) + ")" if lead else "|".join(bodies)


def _expand(alt: str) -> list[tuple[str, str]]:
    """(leading test, rest) for an alternative; one whose rest is a single group stands for
    that group's own alternatives (the test is zero-width, so nothing backtracks into it)."""
    lead = next((x for x in _LEADS if alt.startswith(x)
                 and alt[len(x):len(x) + 1] not in _QUANTIFIERS), "")
    rest = alt[len(lead):]
    inner = _whole_group(rest)
    if inner is None:
        return [(lead, rest)]
    if lead:
        return [(lead, sub) for sub in _top_level(inner)]
    return [pair for sub in _top_level(inner) for pair in _expand(sub)]


def _whole_group(p: str) -> str | None:
    """The inside of p when p is one non-capturing group `(?:...)`, no quantifier after."""
    if not p.startswith("(?:") or not p.endswith(")"):
        return None
    ends = _scan(p)[1]
    return p[3:-1] if ends.get(0) == len(p) - 1 else None


def _top_level(p: str) -> list[str]:
    """p split at its top-level `|`."""
    bars = _scan(p)[0]
    return [p[a + 1:b] for a, b in zip([-1, *bars], [*bars, len(p)], strict=True)]


def _scan(p: str) -> tuple[list[int], dict[int, int]]:
    """Offsets of p's top-level `|`, and where each group that opens at an offset closes
    (escapes and character classes skipped)."""
    bars: list[int] = []
    ends: dict[int, int] = {}
    opened: list[int] = []
    i, n = 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i += 1
            if p.startswith("^", i):
                i += 1
            if p.startswith("]", i):  # a "]" first in a class is a literal
                i += 1
            while i < n and p[i] != "]":
                i += 2 if p[i] == "\\" else 1
        elif c == "(":
            opened.append(i)
        elif c == ")" and opened:
            ends[opened.pop()] = i
        elif c == "|" and not opened:
            bars.append(i)
        i += 1
    return bars, ends
