"""Word weights learned from labelled replies: what raters reward or punish that phrases miss.

The rubric's phrase rules score a reply first. A ridge regression, trained on labelled replies,
then fits what the rule scores leave unexplained (each label minus its best straight-line fit
on the rule score) from which words the reply contains (normalised tokens: stems in English and
Russian, characters in Chinese). Every weighted word in a reply adds its points; neighbouring
words pulling the same way are shown as one evidence span, so a learned point is as open to
inspection as a rule point. Train with `holdline calibrate RUBRIC --labelled FILE...
--learn-words`; the rubric names the file in `word_weights:`.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from simulator.errors import InputError
from simulator.scoring.rubric import DIMENSIONS
from simulator.scoring.text import Tokens, tokens_after

FORMAT = 1
SHOWN_POINTS = 1.5  # a run of learned words worth less counts for nothing: no speck of colour
LEARNED_CAP = 40.0  # the most learned words can move one score, either way
STRENGTH = 30.0  # ridge penalty; chosen on held-out blind files (see docs/rubric-format.md)
MIN_COUNT = 3  # words seen in fewer training replies get no weight
# a run of learned words is shown within one clause: it never spans these
_BREAK = re.compile(r"[.,;:!?\u2026\u2014\u2013\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f]")


class WordWeights:
    """Points per word and dimension, plus a constant per dimension."""

    def __init__(self, offsets: dict[str, float],
                 weights: dict[str, tuple[float, float, float]]) -> None:
        self.offsets = offsets
        self.weights = weights
        # the pairs' weights by first word, then second: runs() looks a pair up without
        # writing "first second" out for every neighbouring two words of a reply
        self._pairs: dict[str, dict[str, tuple[float, float, float]]] = {}
        for key, w in weights.items():
            first, _, second = key.partition(" ")
            if second:
                self._pairs.setdefault(first, {})[second] = w

    @classmethod
    def load(cls, path: Path, language: str) -> WordWeights:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{path}: cannot read word weights: {exc.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: word weights are not valid JSON ({exc})") from None
        try:
            if data["format"] != FORMAT:
                raise InputError(f"{path}: word weights format {data['format']!r}, "
                                 f"expected {FORMAT}")
            if data["language"] != language:
                raise InputError(f"{path}: word weights are for '{data['language']}', "
                                 f"the rubric is '{language}'")
            offsets = {d: float(data["offsets"][d]) for d in DIMENSIONS}
            weights = {str(g): (float(p[0]), float(p[1]), float(p[2]))
                       for g, p in data["words"].items()}
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            raise InputError(f"{path}: word weights need format, language, offsets per "
                             "dimension and words: {word: [empathy, firmness, "
                             "boundary_clarity]}") from None
        if not all(math.isfinite(v) for v in offsets.values()) or not all(
                math.isfinite(v) for p in weights.values() for v in p):
            raise InputError(f"{path}: word weights must be finite numbers")
        return cls(offsets, weights)

    skip: frozenset[str] = frozenset()

    def drop(self, words: frozenset[str]) -> None:
        """No weight on these (function words, pronouns, fillers: nothing to learn from) nor
        on a pair made only of them."""
        self.skip = words
        for w in words:
            self.weights.pop(w, None)

    def runs(self, tokens: Tokens, text: str = "") -> list[list[tuple[float, int, int]]]:
        """Per dimension, the reply cut into runs of neighbouring words of one clause whose
        learned points share a sign: (points, start, end). A word counts once per reply, as in
        training."""
        # (the features() of the reply, in their order, without listing them)
        weights, pairs, skip = self.weights, self._pairs, self.skip
        norms = tokens.norms
        n = len(norms)
        emp, firm, bound = [0.0] * n, [0.0] * n, [0.0] * n
        seen: set[str] = set()
        seen_pairs: set[tuple[str, str]] = set()
        prev = ""
        prev_content = False
        for i, t in enumerate(norms):
            content = t not in skip
            if content:
                w = weights.get(t)
                if w is not None and t not in seen:
                    seen.add(t)
                    emp[i] += w[0]
                    firm[i] += w[1]
                    bound[i] += w[2]
            if i and (content or prev_content) and prev != t:
                following = pairs.get(prev)
                w = following.get(t) if following is not None else None
                if w is not None and (prev, t) not in seen_pairs:
                    seen_pairs.add((prev, t))
                    # a pair's points go half to each word
                    for k, points in enumerate((emp, firm, bound)):
                        half = w[k] * 0.5
                        points[i - 1] += half
                        points[i] += half
            prev, prev_content = t, content
        starts, ends = tokens.starts, tokens.ends
        breaks = tokens_after(tokens, text, _BREAK)  # (the tokens that open a clause)
        return [_runs(emp, starts, ends, breaks), _runs(firm, starts, ends, breaks),
                _runs(bound, starts, ends, breaks)]

    def points(self, tokens: Tokens, text: str = "") -> list[tuple[str, float, int, int]]:
        """(dimension, points, start, end) per run worth SHOWN_POINTS or more, scaled down
        when a dimension's runs together pass LEARNED_CAP either way."""
        out = []
        for dim, runs in zip(DIMENSIONS, self.runs(tokens, text), strict=True):
            kept = [r for r in runs if abs(r[0]) >= SHOWN_POINTS]
            up = sum(p for p, _, _ in kept if p > 0)
            down = -sum(p for p, _, _ in kept if p < 0)
            for p, start, end in kept:
                side = up if p > 0 else down
                scale = LEARNED_CAP / side if side > LEARNED_CAP else 1.0
                out.append((dim, p * scale, start, end))
        return out


def features(norms: Sequence[str], skip: frozenset[str]) -> list[tuple[str, int, int]]:
    """What a weight can sit on, with the tokens it spans: each word that is not a function
    word, and each pair of neighbours with at least one such word ("so sorri", "hear you";
    for Chinese, pairs of characters are words)."""
    out = []
    for i, n in enumerate(norms):
        content = n not in skip
        if content:
            out.append((n, i, i))
        if i and (content or norms[i - 1] not in skip) and norms[i - 1] != n:
            out.append((norms[i - 1] + " " + n, i - 1, i))
    return out


def _runs(points: list[float], starts: tuple[int, ...], ends: tuple[int, ...],
          breaks: frozenset[int] = frozenset()) -> list[tuple[float, int, int]]:
    """Maximal stretches of neighbouring tokens whose points are non-zero and share a sign,
    none running past a token in `breaks` (one that opens a clause)."""
    out = []
    total = 0.0
    first = -1
    i = 0
    for p in points:
        if first >= 0 and i in breaks:
            out.append((total, starts[first], ends[i - 1]))
            first = -1
        if p > 0.0:
            if first < 0:
                total, first = p, i
            elif total > 0.0:
                total += p
            else:
                out.append((total, starts[first], ends[i - 1]))
                total, first = p, i
        elif p < 0.0:
            if first < 0:
                total, first = p, i
            elif total < 0.0:
                total += p
            else:
                out.append((total, starts[first], ends[i - 1]))
                total, first = p, i
        elif first >= 0:
            out.append((total, starts[first], ends[i - 1]))
            first = -1
        i += 1
    if first >= 0:
        out.append((total, starts[first], ends[i - 1]))
    return out


def train(rows: Sequence[dict[str, Any]], rule_scores: Sequence[Mapping[str, int]],
          token_norms: Callable[[str], Sequence[str]], language: str,
          strength: float = STRENGTH, min_count: int = MIN_COUNT) -> dict[str, Any]:
    """Word weights (the JSON document) fitted to labelled rows of one language, given each
    row's scores from the phrase rules alone (same order)."""
    import numpy as np

    if len(rows) < 20:
        raise InputError(f"need at least 20 labelled {language} replies to learn word "
                         f"weights, got {len(rows)}")
    words = [sorted(set(token_norms(r["reply"]))) for r in rows]
    counts = Counter(g for ws in words for g in ws)
    vocab = sorted(g for g, c in counts.items() if c >= min_count)
    column = {g: j for j, g in enumerate(vocab)}
    present = np.zeros((len(rows), len(vocab)))
    for i, ws in enumerate(words):
        for g in ws:
            j = column.get(g)
            if j is not None:
                present[i, j] = 1.0
    means = present.mean(axis=0)
    centred = present - means
    offsets: dict[str, float] = {}
    columns: list[Any] = []
    untrained: list[str] = []
    for dim in DIMENSIONS:
        rule = np.array([scores[dim] for scores in rule_scores], dtype=float) / 100.0
        labels = np.array([float(r["labels"][dim]) for r in rows])
        design = np.column_stack([rule, np.ones(len(rows))])
        slope, intercept = np.linalg.lstsq(design, labels, rcond=None)[0]
        if slope <= 1e-6:
            # the rule scores do not rise with these labels: no scale to express words in
            untrained.append(dim)
            columns.append(np.zeros(len(vocab)))
            offsets[dim] = 0.0
            continue
        residual = labels - design @ np.array([slope, intercept])
        # ridge in its dual form: the replies are fewer than the words
        gram = centred @ centred.T + strength * np.eye(len(rows))
        weight = centred.T @ np.linalg.solve(gram, residual)
        columns.append(100.0 * weight / slope)
        offsets[dim] = round(float(-(means @ weight) * 100.0 / slope), 3)
    table = np.column_stack(columns)
    kept = {g: [round(float(v), 3) for v in table[j]] for g, j in column.items()
            if np.abs(table[j]).max() >= 0.05}
    return {"format": FORMAT, "language": language, "trained_on": len(rows),
            "strength": strength, "min_count": min_count, "untrained": untrained,
            "offsets": offsets, "words": kept}


def dump(document: dict[str, Any]) -> str:
    """JSON with one word per line, sorted, so a retrained file diffs word by word."""
    head = {k: v for k, v in document.items() if k != "words"}  # "words" goes last
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "words": {']
    items = sorted(document["words"].items())
    for n, (gram, points) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        lines.append(f"  {json.dumps(gram, ensure_ascii=False)}: {json.dumps(points)}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"
