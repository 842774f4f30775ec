"""Suggest indicator and penalty weights that rank labelled replies more like the raters did.

A score is the dimension's base plus the points of each piece of evidence, and an indicator's
points are its weight times the match quality. So the scores a different set of weights would
give are known without rescoring: scale each indicator's points. The fit finds one non-negative
scale per indicator (least squares against the labels, pulled towards the common scale so that
indicators seen in few replies stay near their current weight). Context evidence (expected,
missing, red flags), learned word weights, the semantic layer and delivery keep theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from simulator.scoring.calibrate import spearman
from simulator.scoring.rubric import DIMENSIONS
from simulator.scoring.scorer import ReplyContext, Scorer

CURT = "curt_reply"
_FIXED = ("expected:", "missing:", "red_flag:", "semantic:", "delivery:")


@dataclass(frozen=True)
class Suggestion:
    dimension: str
    indicator: str
    current: float
    suggested: int
    replies: int  # labelled replies in which the indicator found evidence

    def to_json(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "indicator": self.indicator,
                "current": self.current, "suggested": self.suggested, "replies": self.replies}


@dataclass(frozen=True)
class WeightFit:
    suggestions: list[Suggestion]
    before: dict[str, float | None]  # Spearman with the labels, current weights
    after: dict[str, float | None]  # the same with the suggested weights (on the same replies)
    replies: int


def current_weights(scorer: Scorer) -> dict[tuple[str, str], float]:
    rubric = scorer.rubric
    weights = {
        (dim, name): float(ind.weight)
        for dim in DIMENSIONS
        for group in (rubric.dimension(dim).indicators, rubric.dimension(dim).penalties)
        for name, ind in group.items()
    }
    if rubric.curt is not None:
        weights[("empathy", CURT)] = float(rubric.curt.empathy)
    return weights


def suggest_weights(scorer: Scorer, rows: Sequence[dict[str, Any]],
                    strength: float = 1.0) -> WeightFit:
    """Fit on the rows in the scorer's language (each {"client", "reply", "labels"})."""
    rows = [r for r in rows if r.get("language", scorer.language) == scorer.language]
    weights = current_weights(scorer)
    scored = [scorer.score(r["reply"], ReplyContext(scorer.language, r.get("client", "")))
              for r in rows]
    suggestions: list[Suggestion] = []
    before: dict[str, float | None] = {}
    after: dict[str, float | None] = {}
    for dim in DIMENSIONS:
        names = sorted(n for d, n in weights if d == dim)
        column = {name: j for j, name in enumerate(names)}
        free = np.zeros((len(rows), len(names)))
        fixed = np.full(len(rows), float(scorer.rubric.dimension(dim).base))
        for i, s in enumerate(scored):
            for e in s.evidence:
                if e.dimension != dim:
                    continue
                j = None if e.indicator.startswith(_FIXED) else column.get(e.indicator)
                if j is None:
                    fixed[i] += e.points
                else:
                    free[i, j] += e.points
        labels = np.array([float(r["labels"][dim]) for r in rows])
        scale = _fit_scales(free / 100.0, fixed / 100.0, labels, strength)
        refit = np.clip(fixed + free @ scale, 0.0, 100.0)
        before[dim] = spearman(list(labels), [s.scores[dim] for s in scored])
        after[dim] = spearman(list(labels), list(np.round(refit)))
        for j, name in enumerate(names):
            current = weights[(dim, name)]
            suggestions.append(Suggestion(dim, name, current, max(1, round(current * scale[j])),
                                          int(np.count_nonzero(free[:, j]))))
    return WeightFit(suggestions, before, after, len(rows))


def _fit_scales(free: np.ndarray, fixed: np.ndarray, labels: np.ndarray,
                strength: float) -> np.ndarray:
    """Non-negative scale per column, relative to the common scale (1.0 = keep the weight).

    Minimises |c + k*fixed + free @ m - labels|^2 + strength*|m - k|^2 over c, k and m >= 0:
    k, the common scale of points to labels, is what the evidence whose weights stay put
    earns; m is each indicator's own. Coordinate descent on centred columns (c drops out).
    Returns ones when the labels give no positive common scale to measure against.
    """
    n, p = free.shape
    if n < 3 or p == 0:
        return np.ones(p)
    cols = free - free.mean(axis=0)
    fix = fixed - fixed.mean()
    residual = labels - labels.mean()
    k = float(np.linalg.lstsq(np.column_stack([cols.sum(axis=1) + fix]), residual,
                              rcond=None)[0][0])
    if k <= 0:
        return np.ones(p)
    m = np.full(p, k)
    residual = residual - fix * k - cols @ m
    norms = (cols * cols).sum(axis=0)
    fix_norm = float(fix @ fix)
    for _ in range(500):
        moved = 0.0
        for j in range(p):
            col = cols[:, j]
            new = max(0.0, (col @ residual + norms[j] * m[j] + strength * k)
                      / (norms[j] + strength))
            if new != m[j]:
                residual -= col * (new - m[j])
                moved = max(moved, abs(new - m[j]))
                m[j] = new
        new_k = (fix @ residual + fix_norm * k + strength * m.sum()) / (fix_norm + strength * p)
        residual -= fix * (new_k - k)
        moved = max(moved, abs(new_k - k))
        k = new_k
        if moved < 1e-7 or k <= 1e-9:
            break
    if k <= 1e-9:
        return np.ones(p)
    return m / k
