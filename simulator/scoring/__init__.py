"""Scoring: a reply -> empathy, firmness and boundary-clarity scores with evidence.

Names are loaded lazily so `holdline` start-up does not pay for pydantic and the matcher.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.scoring.scorer import Evidence, ReplyContext, ReplyScore, Scorer, load_scorer

__all__ = ["Evidence", "ReplyContext", "ReplyScore", "Scorer", "load_scorer"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from simulator.scoring import scorer

        return getattr(scorer, name)
    raise AttributeError(f"module 'simulator.scoring' has no attribute '{name}'")
