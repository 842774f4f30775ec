"""Words every package shares, written once: score dimensions, outcomes, play modes, front ends
and where a reply came from. Imports nothing from simulator/. The names people read (dimension
labels among them) are in simulator/labels.py, marked there for the translation catalogs."""

from __future__ import annotations

from enum import Enum
from typing import Literal, get_args

Dimension = Literal["empathy", "firmness", "boundary_clarity"]
DIMENSIONS: tuple[str, ...] = get_args(Dimension)


# How a scenario's ending went, as a trainer writes it in `end.outcome` (no docstring: it
# would appear in the published JSON Schema).
class Outcome(str, Enum):
    good = "good"
    mixed = "mixed"
    bad = "bad"


# A session ends at a scenario ending (an Outcome's value), or stops before one.
Stopped = Literal["unfinished", "quit"]
SessionOutcome = Literal["good", "mixed", "bad", Stopped]
Mode = Literal["practice", "exam"]
FrontEnd = Literal["window", "text", "headless"]
ReplySource = Literal["speech", "typed", "scripted"]

SESSION_OUTCOMES: tuple[str, ...] = get_args(SessionOutcome)
ENDING_OUTCOMES: tuple[str, ...] = tuple(o.value for o in Outcome)
MODES: tuple[str, ...] = get_args(Mode)
