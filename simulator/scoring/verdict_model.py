"""A learned second opinion on whether a reply refuses or grants the client's request, for the
replies the request patterns (request_patterns.py) cannot place.

Phrase lists catch the common ways of saying no; people find many more ("books can only go out
on the cardholder's own card", «залог пока останется заблокирован», 免费升舱我这边没法办). A naive
Bayes model over the reply's word stems and word pairs (Chinese: character pairs and triples),
trained on replies written and labelled by blind authors (data/decisions/), scores how much more
a reply reads like a refusal than a grant. It is asked only when the patterns found neither, and
it decides only when the odds are strong; its evidence is the few words that weighed most.

Train with `python -m simulator.scoring.request_training data/decisions/*.jsonl data/asks/*.jsonl`;
the model files live beside this module (request_models/LANG.verdicts.json) and a test checks
they are what the committed data trains.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from simulator.scoring.guards import FUNCTION_WORDS

FORMAT = 1
HERE = Path(__file__).parent / "request_models"
DECIDE_AT = 3.0  # log-odds (natural log) by which the class must lead, for the model to decide
CLIP = 3.0  # no one word may carry more than this much of the odds
MIN_COUNT = 2  # a feature seen in fewer training replies carries nothing
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_STEM = {"en": 6, "ru": 5}
NO_NEGATION = "<no negation>"
_NEGATOR = {
    "en": re.compile(r"\b(?:not|no|never|nobody|nothing|cannot|unable|nor)\b|n't\b"),
    "ru": re.compile(r"(?<![а-я])(?:не|нет|нельзя|ни|никогда|никак)(?![а-я])"),
    "zh": re.compile(r"不|没|别|无法|勿"),
}

Feature = tuple[str, int, int]  # (feature, start, end) in the text it was read from


def features(s: str, language: str) -> list[Feature]:
    """What the model weighs in surface text `s` (see request.surface): word stems and pairs of
    neighbouring stems, or for Chinese runs of two and three characters; never a function word
    alone ("we", «мы», 的了) nor a pair made only of them."""
    out: list[Feature] = []
    if not _NEGATOR[language].search(s):
        out.append((NO_NEGATION, 0, 0))  # (says no "not" anywhere: telling for a lost one)
    small = _function_words(language)
    if language == "zh":
        for run in _HAN.finditer(s):
            t, base = run.group(), run.start()
            for n in (2, 3):
                out.extend((t[i:i + n], base + i, base + i + n) for i in range(len(t) - n + 1)
                           if not set(t[i:i + n]) <= small)
        return out
    cut = _STEM.get(language, 6)
    words = [(m.group()[:cut], m.start(), m.end(), m.group() in small)
             for m in _WORD.finditer(s)]
    out.extend((w, a, b) for w, a, b, minor in words if not minor)
    out.extend((a + " " + b, sa, eb) for (a, sa, _, fa), (b, _, eb, fb)
               in zip(words, words[1:], strict=False) if not (fa and fb))
    return out


@lru_cache(maxsize=4)
def _function_words(language: str) -> frozenset[str]:
    words = FUNCTION_WORDS.get(language, "").split()
    return frozenset("".join(words)) if language == "zh" else frozenset(words)


VERDICTS = ("refuse", "grant", "ignore")  # (a deferral is not learned: the patterns know it)


class VerdictModel:
    """Per class, a prior and per feature a weight (log-likelihood ratio against the classes'
    mean, clipped); a reply's class scores are the prior plus the weights of its features."""

    def __init__(self, priors: Sequence[float], weights: dict[str, Sequence[float]]) -> None:
        self.priors = tuple(priors)
        self.weights = weights

    def judge(self, s: str, language: str) -> tuple[str, int, int] | None:
        """("refuse" or "grant", start, end of the words that weighed most for it) when that
        class leads every other by DECIDE_AT or more, else None."""
        weights = self.weights
        totals = list(self.priors)
        seen: set[str] = set()
        scored = []
        for f in features(s, language):
            w = weights.get(f[0])
            if w is None or f[0] in seen:
                continue
            seen.add(f[0])
            for k in range(3):
                totals[k] += w[k]
            scored.append((w, f))
        order = sorted(range(3), key=totals.__getitem__, reverse=True)
        top, second = order[0], order[1]
        if top == 2 or totals[top] - totals[second] < DECIDE_AT:
            return None
        if top == 0 and not _NEGATOR[language].search(s):
            return None  # a "no" without any "not" is left to the patterns: it may be a lost one
        # the evidence is the clause that leans that way most: a readable stretch of the reply,
        # not the one stem that happened to weigh most
        lean: dict[tuple[int, int], float] = {}
        for w, f in scored:
            if f[0] != NO_NEGATION:
                clause = _clause(s, f[1])
                lean[clause] = lean.get(clause, 0.0) + w[top] - w[second]
        if not lean:
            return None
        if top == 0:  # a refusal is shown where it says "not", if any clause does
            negated = [c for c in lean if _NEGATOR[language].search(s, c[0], c[1])]
            lean = {c: lean[c] for c in negated} or lean
        start, end = max(lean, key=lean.__getitem__)
        return (VERDICTS[top], start, end)


_BREAK = re.compile(r"[.,;:!?\u2014\u2026\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u3001]")


def _clause(s: str, at: int) -> tuple[int, int]:
    """The clause around position `at`, without its edge spaces."""
    start = 0
    for b in _BREAK.finditer(s, 0, at):
        start = b.end()
    after = _BREAK.search(s, at)
    end = after.start() if after else len(s)
    while start < end and s[start].isspace():
        start += 1
    while end > start and s[end - 1].isspace():
        end -= 1
    return start, end


@lru_cache(maxsize=4)
def load(language: str) -> VerdictModel | None:
    path = HERE / f"{language}.verdicts.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != FORMAT or data.get("language") != language:
        return None
    return VerdictModel([float(p) for p in data["priors"]],
                        {k: tuple(float(x) for x in v) for k, v in data["weights"].items()})
