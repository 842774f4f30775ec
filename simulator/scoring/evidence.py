"""What a scored reply is: three scores, the behaviours found, and the evidence for every point.

One Evidence type travels from the scorer to the session record, the window, the terminal and
the report: the dimension it moved, the rule that moved it (`indicator`, for tools), the points,
the span of the reply that earned or cost them, and a plain-language `label` in the scenario's
language (for people).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    dimension: str
    indicator: str
    points: float
    start: int
    end: int
    text: str
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "indicator": self.indicator,
            "label": self.label,
            "points": round(self.points, 1),
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True)
class ReplyScore:
    scores: dict[str, int]
    behaviours: frozenset[str]
    evidence: tuple[Evidence, ...]
    flags: tuple[str, ...]
    delivery: dict[str, Any] | None
    confidence: float | None = field(default=None)
    # what the client asked for and what the reply did with it: {"request", "verdict"}
    decision: dict[str, str] | None = field(default=None)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "scores": dict(self.scores),
            "behaviours": sorted(self.behaviours),
            "evidence": [e.to_json() for e in self.evidence],
            "flags": list(self.flags),
            "delivery": self.delivery,
        }
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        if self.decision is not None:
            out["decision"] = dict(self.decision)
        return out


_new_object = object.__new__


def _evidence(
    dimension: str, indicator: str, points: float, start: int, end: int, text: str,
    label: str = "",
) -> Evidence:
    """Evidence(...) without the frozen dataclass's object.__setattr__ calls (the same object:
    the same fields in the same order; scoring makes several per reply)."""
    ev = _new_object(Evidence)
    ev.__dict__.update(dimension=dimension, indicator=indicator, points=points, start=start,
                       end=end, text=text, label=label)
    return ev


def _reply_score(
    scores: dict[str, int], behaviours: frozenset[str], evidence: tuple[Evidence, ...],
    flags: tuple[str, ...], delivery: dict[str, Any] | None, confidence: float | None,
    decision: dict[str, str] | None = None,
) -> ReplyScore:
    """ReplyScore(...) built as _evidence builds Evidence (one per scored reply)."""
    out = _new_object(ReplyScore)
    out.__dict__.update(scores=scores, behaviours=behaviours, evidence=evidence, flags=flags,
                        delivery=delivery, confidence=confidence, decision=decision)
    return out
