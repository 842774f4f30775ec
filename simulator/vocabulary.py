"""Words every package shares, written once: score dimensions and their labels, outcomes, play
modes, front ends and where a reply came from. Imports nothing from simulator/."""

from __future__ import annotations

from enum import Enum
from typing import Literal

Dimension = Literal["empathy", "firmness", "boundary_clarity"]
DIMENSIONS: tuple[str, ...] = ("empathy", "firmness", "boundary_clarity")
DIMENSION_LABELS: dict[str, str] = {
    "empathy": "Empathy",
    "firmness": "Firmness",
    "boundary_clarity": "Boundary clarity",
}


# How a scenario's ending went, as a trainer writes it in `end.outcome` (no docstring: it
# would appear in the published JSON Schema).
class Outcome(str, Enum):
    good = "good"
    mixed = "mixed"
    bad = "bad"


# A session ends at a scenario ending (an Outcome's value), or stops before one.
SessionOutcome = Literal["good", "mixed", "bad", "unfinished", "quit"]
Mode = Literal["practice", "exam"]
FrontEnd = Literal["window", "text", "headless"]
ReplySource = Literal["speech", "typed", "scripted"]
