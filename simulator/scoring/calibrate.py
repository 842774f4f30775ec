"""Agreement between the scorer and expected levels: a rubric's own examples, or a labelled set.

Spearman's rank correlation per dimension (ties get average ranks), how many examples land in
their expected band, and for labelled sets the same correlation for a trivial baseline (reply
length) so a scorer that only rewards long replies is easy to spot.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.errors import InputError
from simulator.scoring.rubric import BANDS, DIMENSIONS, LEVEL_RANK
from simulator.scoring.scorer import ReplyContext, Scorer, load_scorer


def _ranks(values: Sequence[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return ranks


def spearman(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Spearman's rho; None when either side is constant or there are fewer than 3 pairs."""
    if len(a) != len(b) or len(a) < 3:
        return None
    ra, rb = _ranks(a), _ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    if va == 0 or vb == 0:
        return None
    return cov / math.sqrt(va * vb)


@dataclass
class ExampleResult:
    index: int
    reply: str
    scores: dict[str, int]
    levels: dict[str, str]
    out_of_band: list[str] = field(default_factory=list)
    missing_behaviours: list[str] = field(default_factory=list)
    unwanted_behaviours: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.out_of_band or self.missing_behaviours or self.unwanted_behaviours)


@dataclass
class Calibration:
    results: list[ExampleResult]
    spearman: dict[str, float | None]
    in_band: dict[str, tuple[int, int]]  # dimension -> (in band, labelled)

    @property
    def failures(self) -> list[ExampleResult]:
        return [r for r in self.results if not r.ok]

    def to_json(self) -> dict[str, Any]:
        return {
            "examples": len(self.results),
            "passed": len(self.results) - len(self.failures),
            "spearman": {d: None if v is None else round(v, 3) for d, v in self.spearman.items()},
            "in_band": {d: {"in_band": a, "labelled": b} for d, (a, b) in self.in_band.items()},
            "failures": [
                {
                    "example": r.index,
                    "reply": r.reply,
                    "scores": r.scores,
                    "levels": r.levels,
                    "out_of_band": r.out_of_band,
                    "missing_behaviours": r.missing_behaviours,
                    "unwanted_behaviours": r.unwanted_behaviours,
                }
                for r in self.failures
            ],
        }


def calibrate(scorer: Scorer) -> Calibration:
    """Score every example of the scorer's rubric and compare with its expected levels."""
    results: list[ExampleResult] = []
    for i, ex in enumerate(scorer.rubric.examples):
        ctx = ReplyContext(scorer.language, ex.client, tuple(ex.expects), tuple(ex.red_flags))
        s = scorer.score(ex.reply, ctx)
        levels: dict[str, str] = {str(k): str(v) for k, v in ex.levels.items()}
        res = ExampleResult(i, ex.reply, s.scores, levels)
        for name, level in levels.items():
            lo, hi = BANDS[level]
            if not lo <= s.scores[name] <= hi:
                res.out_of_band.append(name)
        res.missing_behaviours = [b for b in ex.behaviours if b not in s.behaviours]
        res.unwanted_behaviours = [b for b in ex.not_behaviours if b in s.behaviours]
        results.append(res)
    rho: dict[str, float | None] = {}
    band: dict[str, tuple[int, int]] = {}
    for dim in DIMENSIONS:
        rows = [r for r in results if dim in r.levels]
        rho[dim] = spearman(
            [LEVEL_RANK[r.levels[dim]] for r in rows], [r.scores[dim] for r in rows]
        )
        band[dim] = (sum(dim not in r.out_of_band for r in rows), len(rows))
    return Calibration(results, rho, band)


def jsonl_rows(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank line of a JSON-lines file; errors name the line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            why = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deep"
            raise InputError(f"{path}:{n}: not valid JSON ({why})") from None


def read_labelled(path: Path) -> list[dict[str, Any]]:
    """Lines {"id","language","client","reply","labels":{dimension: 1..5}}; errors name the line."""
    rows = []
    for n, row in jsonl_rows(path):
        try:
            labels = row["labels"]
            if not all(isinstance(labels[d], (int, float)) for d in DIMENSIONS):
                raise TypeError
            if not isinstance(row["reply"], str) or not isinstance(row["language"], str):
                raise TypeError
        except (KeyError, TypeError):
            raise InputError(
                f"{path}:{n}: needs language, reply and labels with numeric "
                f"{', '.join(DIMENSIONS)}"
            ) from None
        rows.append(row)
    return rows


def labelled_agreement(
    rows: list[dict[str, Any]], rubric_dir: Path, semantic: bool | None = None
) -> dict[str, dict[str, float | int | None]]:
    """Spearman of scores against labels per language and overall, with a length baseline."""
    by_lang: dict[str, list[tuple[dict[str, Any], dict[str, int]]]] = {}
    for row in rows:
        scorer = load_scorer(rubric_dir / f"{row['language']}.yaml", semantic=semantic)
        ctx = ReplyContext(row["language"], row.get("client", ""))
        s = scorer.score(row["reply"], ctx)
        by_lang.setdefault(row["language"], []).append((row, s.scores))
    groups = dict(sorted(by_lang.items()))
    groups["all"] = [x for v in by_lang.values() for x in v]
    out: dict[str, dict[str, float | int | None]] = {}
    for name, items in groups.items():
        stats: dict[str, float | int | None] = {"n": len(items)}
        for dim in DIMENSIONS:
            labels = [r["labels"][dim] for r, _ in items]
            stats[dim] = _round(spearman(labels, [s[dim] for _, s in items]))
            stats[f"{dim}_length_baseline"] = _round(
                spearman(labels, [len(r["reply"]) for r, _ in items])
            )
        out[name] = stats
    return out


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 3)
