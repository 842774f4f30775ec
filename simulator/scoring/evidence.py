"""What a scored reply is: three scores, the behaviours found, and the evidence for every point.

One Evidence type travels from the scorer to the session record, the window, the terminal,
the report and the team server: the dimension it moved, the rule that moved it (`indicator`, for
tools), the points, the span of the reply that earned or cost them, and a plain-language `label`
in the scenario's language (for people; sessions older than labels have none). The session
record validates it as a field of its pydantic model, so this module stays free of pydantic.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from json.encoder import encode_basestring as _quote  # (the C version, as json.dumps uses)
from typing import Any

from simulator.vocabulary import Dimension


@dataclass(frozen=True)
class Evidence:
    """Why points were earned (points > 0) or lost (< 0): a span of the reply's text."""

    dimension: Dimension
    indicator: str
    points: int | float  # (not float: an int in a session file reads back as an int)
    start: int  # character offsets into the reply
    end: int
    text: str
    label: str = ""

    def rounded(self) -> Evidence:
        """The same evidence with its points to 0.1, as sessions and reports keep them."""
        return replace(self, points=round(self.points, 1))

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


    def json_line(self, reply_id: Any) -> str:
        """json.dumps({"id": reply_id, **self.to_json()}, ensure_ascii=False), the same text
        written directly (a batch writes one per reply: the evidence items are most of it)."""
        head = _ENCODE({"id": reply_id, "scores": dict(self.scores),
                        "behaviours": sorted(self.behaviours)})
        items = ", ".join([
            f'{_item_head(e.dimension, e.indicator, e.label)}{_number(round(e.points, 1))}, '
            f'"start": {_number(e.start)}, "end": {_number(e.end)}, "text": {_quote(e.text)}}}'
            for e in self.evidence])
        tail: dict[str, Any] = {"flags": list(self.flags), "delivery": self.delivery}
        if self.confidence is not None:
            tail["confidence"] = round(self.confidence, 3)
        if self.decision is not None:
            tail["decision"] = dict(self.decision)
        return f'{head[:-1]}, "evidence": [{items}], {_ENCODE(tail)[1:]}'


# what json.dumps(..., ensure_ascii=False) builds an encoder for on every call
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode
_ITEM_HEADS: dict[tuple[str, str, str], str] = {}


def _item_head(dimension: str, indicator: str, label: str) -> str:
    """An evidence item's JSON up to its points (few distinct ones: kept, up to a bound)."""
    key = (dimension, indicator, label)
    out = _ITEM_HEADS.get(key)
    if out is None:
        if len(_ITEM_HEADS) >= 4096:
            _ITEM_HEADS.clear()
        out = _ITEM_HEADS[key] = (
            f'{{"dimension": {_quote(dimension)}, "indicator": {_quote(indicator)}, '
            f'"label": {_quote(label)}, "points": ')
    return out


def _number(value: Any) -> str:
    """A number as json.dumps writes it (repr for a finite float or a plain int)."""
    kind = type(value)
    if kind is int:
        return repr(value)
    if kind is float and value - value == 0.0:
        if not value:  # (0.0 and -0.0: equal as keys, written differently)
            return repr(value)
        # a float's repr is slow to work out, and rounded points repeat: kept, up to a bound
        text = _FLOAT_TEXT.get(value)
        if text is None:
            if len(_FLOAT_TEXT) >= 4096:
                _FLOAT_TEXT.clear()
            text = _FLOAT_TEXT[value] = repr(value)
        return text
    return json.dumps(value)


_FLOAT_TEXT: dict[float, str] = {}


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
