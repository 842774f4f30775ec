"""Small learned readings of a reply or a client line, for what phrase lists miss: naive Bayes
over word stems and pairs of neighbouring stems (Chinese: runs of two and three characters),
never a function word alone. Each model is a JSON file in request_models/ (LANG.NAME.json),
trained by `python -m simulator.scoring.model_training` from blind-written, labelled data
(data/decisions/, data/asks/, data/replies/); a test checks the shipped files are what the data
trains.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from simulator.scoring.guards import FUNCTION_WORDS
from simulator.scoring.request_patterns import TABLES

FORMAT = 1
HERE = Path(__file__).parent / "request_models"
CLIP = 3.0  # no one word may carry more than this much of the odds
MIN_COUNT = 2  # a feature seen in fewer training texts carries nothing

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_HAN = re.compile(r"[\u3400-\u9fff]+")
_STEM = {"en": 6, "ru": 5}
NO_NEGATION = "<no negation>"
NEGATOR = {
    "en": re.compile(TABLES["en"]["negators"]),  # (the request patterns' own, apostrophes or not)
    "ru": re.compile(r"(?<![а-я])(?:не|нет|нельзя|ни|никогда|никак)(?![а-я])"),
    "zh": re.compile(r"不|没|别|无法|勿"),
}

Feature = tuple[str, int, int]  # (feature, start, end) in the text it was read from


@lru_cache(maxsize=16)  # (decide() may read a reply twice)
def features(s: str, language: str) -> tuple[Feature, ...]:
    """What the model weighs in surface text `s` (see request.surface): word stems and pairs of
    neighbouring stems, or for Chinese runs of two and three characters; never a function word
    alone ("we", «мы», 的了) nor a pair made only of them."""
    out: list[Feature] = []
    if not NEGATOR[language].search(s):
        out.append((NO_NEGATION, 0, 0))  # (says no "not" anywhere: telling for a lost one)
    small = _function_words(language)
    if language == "zh":
        for run in _HAN.finditer(s):
            t, base = run.group(), run.start()
            for n in (2, 3):
                out.extend((t[i:i + n], base + i, base + i + n) for i in range(len(t) - n + 1)
                           if not set(t[i:i + n]) <= small)
        return tuple(out)
    cut = _STEM.get(language, 6)
    words = [(m.group()[:cut], m.start(), m.end(), m.group() in small)
             for m in _WORD.finditer(s)]
    out.extend((w, a, b) for w, a, b, minor in words if not minor)
    out.extend((a + " " + b, sa, eb) for (a, sa, _, fa), (b, _, eb, fb)
               in zip(words, words[1:], strict=False) if not (fa and fb))
    return tuple(out)


@lru_cache(maxsize=4)
def _function_words(language: str) -> frozenset[str]:
    words = FUNCTION_WORDS.get(language, "").split()
    return frozenset("".join(words)) if language == "zh" else frozenset(words)


class TextModel:
    """Per class a prior, per feature a weight per class (log-likelihood against the classes'
    mean, clipped); a text's class scores are the prior plus the weights of its features."""

    def __init__(self, classes: Sequence[str], priors: Sequence[float],
                 weights: dict[str, Sequence[float]]) -> None:
        self.classes = tuple(classes)
        self.priors = tuple(priors)
        self.weights = weights

    def weigh(self, s: str, language: str) -> tuple[list[float], list[tuple[Sequence[float],
                                                                          Feature]]]:
        """The class totals for surface text `s`, and each weighted feature (counted once)."""
        weights = self.weights
        totals = list(self.priors)
        seen: set[str] = set()
        scored = []
        for f in features(s, language):
            w = weights.get(f[0])
            if w is None or f[0] in seen:
                continue
            seen.add(f[0])
            for k, x in enumerate(w):
                totals[k] += x
            scored.append((w, f))
        return totals, scored

    def lead(self, totals: Sequence[float]) -> tuple[int, int, float]:
        """(top class, second class, by how much the top leads)."""
        order = sorted(range(len(totals)), key=totals.__getitem__, reverse=True)
        return order[0], order[1], totals[order[0]] - totals[order[1]]


@lru_cache(maxsize=16)
def load(name: str, language: str) -> TextModel | None:
    """Model NAME for the language, or None when its file is missing or not ours."""
    try:
        data = json.loads((HERE / f"{language}.{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != FORMAT or data.get("language") != language:
        return None
    return TextModel(data["classes"], [float(p) for p in data["priors"]],
                     {k: tuple(float(x) for x in v) for k, v in data["weights"].items()})
