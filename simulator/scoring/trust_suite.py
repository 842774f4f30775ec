"""The trust suite: groups of replies, each with a rule a trainer would insist on.

A group is one JSON line: id, language, kind, client, and the replies its kind needs (see
tests/scoring/trust/README.md). The replies are scored as `holdline score --client` scores
them (the request is read from the client line), and the group passes when its rule holds:

  repetition     saying it again never raises a score; one word over and over scores low
  grant          granting the request caps firmness and boundary clarity; refusing beats it
  salad          stock phrases that answer nothing score low on all three
  sarcasm        a mocking or insulting reply loses its empathy
  lost_negation  losing the "not" that made it a refusal drops boundary clarity by 30+
  paraphrase     ways of saying the same answer stay within a 30-point spread
  spoken         the recogniser's version stays within 12 points of the written one
  kind_limit     a short, clear, kind limit scores well
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.errors import InputError
from simulator.scoring.calibrate import jsonl_rows
from simulator.vocabulary import DIMENSIONS

DIMS = DIMENSIONS
SPAM_MAX = 19
GRANT_MAX = 40
REFUSAL_LEAD = 20
SALAD_MAX = 45
MOCK_MAX = 35
MOCK_LEAD = 20
NEGATION_DROP = 30
PARAPHRASE_SPREAD = 30
SPOKEN_GAP = 12
LIMIT_MIN = {"empathy": 40, "firmness": 55, "boundary_clarity": 55}
REPEAT_SLACK = 2
TRUST_PASS = 0.95  # the share of groups that must hold

Scores = dict[str, int]
ScoreFn = Callable[[str, str, str], Scores]  # (language, client, reply) -> scores


@dataclass(frozen=True)
class Outcome:
    id: str
    language: str
    kind: str
    passed: bool
    why: str  # the first rule broken, in words ("" when passed)


def load(paths: Iterable[Path]) -> list[dict[str, Any]]:
    groups = []
    for path in paths:
        for n, group in jsonl_rows(path):
            if not isinstance(group, dict):
                raise InputError(f"{path}:{n}: a trust group is a JSON object")
            missing = [k for k in ("id", "language", "kind", "client") if k not in group]
            if missing or group.get("kind") not in RULES:
                what = f"missing {', '.join(missing)}" if missing else f"kind {group.get('kind')!r}"
                raise InputError(f"{path}:{n}: trust group {what} (kinds: {', '.join(RULES)})")
            groups.append(group)
    return groups


def run(groups: list[dict[str, Any]], score: ScoreFn) -> list[Outcome]:
    out = []
    for g in groups:
        def s(field: str | None = None, text: str | None = None, g: dict[str, Any] = g) -> Scores:
            reply = text if text is not None else g[field or ""]
            return score(g["language"], g["client"], reply)

        try:
            why = RULES[g["kind"]](g, s)
        except KeyError as exc:
            why = f"group has no {exc.args[0]!r}"
        out.append(Outcome(g["id"], g["language"], g["kind"], not why, why))
    return out


def _repetition(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    base, again = s("base"), s("repeated")
    for d in DIMS:
        if again[d] > base[d] + REPEAT_SLACK:
            return f"saying it again raised {d} {base[d]} -> {again[d]}"
    if "spam" in g:
        spam = s("spam")
        if max(spam.values()) > SPAM_MAX:
            return f"one word over and over scored {spam}"
    return ""


def _grant(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    grant, refuse = s("grant"), s("refuse")
    for d in ("firmness", "boundary_clarity"):
        if grant[d] > GRANT_MAX:
            return f"granting the request kept {d} at {grant[d]}"
    if refuse["boundary_clarity"] < grant["boundary_clarity"] + REFUSAL_LEAD:
        return (f"refusing ({refuse['boundary_clarity']}) is not clearly above granting "
                f"({grant['boundary_clarity']}) on boundary clarity")
    return ""


def _salad(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    salad = s("salad")
    high = [d for d in DIMS if salad[d] > SALAD_MAX]
    return f"stock phrases scored {salad}" if high else ""


def _sarcasm(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    sincere = s("sincere")["empathy"]
    for field in ("sarcastic", "insult"):
        if field in g:
            e = s(field)["empathy"]
            if e > MOCK_MAX or e > sincere - MOCK_LEAD:
                return f"{field} reply kept empathy {e} (sincere {sincere})"
    return ""


def _lost_negation(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    written, dropped = s("written")["boundary_clarity"], s("dropped")["boundary_clarity"]
    if written - dropped < NEGATION_DROP:
        return f"losing the negation moved boundary clarity only {written} -> {dropped}"
    return ""


def _paraphrase(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    scored = [s(text=r) for r in g["replies"]]
    for d in DIMS:
        values = [x[d] for x in scored]
        if max(values) - min(values) > PARAPHRASE_SPREAD:
            return f"{d} spread {min(values)}-{max(values)} across one answer"
    return ""


def _spoken(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    written, spoken = s("written"), s("spoken")
    for d in DIMS:
        if abs(written[d] - spoken[d]) > SPOKEN_GAP:
            return f"{d} written {written[d]} vs spoken {spoken[d]}"
    return ""


def _kind_limit(g: dict[str, Any], s: Callable[..., Scores]) -> str:
    for reply in g["replies"]:
        got = s(text=reply)
        low = [d for d in DIMS if got[d] < LIMIT_MIN[d]]
        if low:
            return f"short kind limit scored {got}: {reply[:60]}"
    return ""


RULES: dict[str, Callable[[dict[str, Any], Callable[..., Scores]], str]] = {
    "repetition": _repetition, "grant": _grant, "salad": _salad, "sarcasm": _sarcasm,
    "lost_negation": _lost_negation, "paraphrase": _paraphrase, "spoken": _spoken,
    "kind_limit": _kind_limit,
}
