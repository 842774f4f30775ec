"""The trainee's private decompression check-ins: stress 1-5 and the feeling they named.

Never scored and kept out of the session file (which trainers and reports read): one JSON line
per check-in in <sessions>/private/wellbeing.jsonl, keyed by the session id, so it is the
trainee's to share. The seeds: name the emotion, breathe 4 s in, 2 s hold, 6 s out.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

BREATH = (("in", 4.0), ("hold", 2.0), ("out", 6.0))  # seed 003: 4 s in, 2 s hold, 6 s out
CYCLES = 3
HARD_CATEGORIES = frozenset({"hostility", "stalking", "emergency"})
FEELINGS = (
    "anger",
    "anxiety",
    "sadness",
    "tension",
    "shock",
    "tiredness",
    "numbness",
    "calm",
    "relief",
)


def offered_for(category: str) -> bool:
    """The decompression is offered after hostile, stalking and emergency scenarios."""
    return category in HARD_CATEGORIES


def breath_phase(t: float) -> tuple[str, float, float]:
    """(phase, fraction of the phase done, seconds left in it) at `t` seconds into the guide."""
    cycle = sum(d for _n, d in BREATH)
    t = max(0.0, t) % cycle
    for name, dur in BREATH:
        if t < dur:
            return name, t / dur, dur - t
        t -= dur
    return BREATH[-1][0], 1.0, 0.0


@dataclass(frozen=True)
class CheckIn:
    trainee: str
    session_id: str
    scenario: str
    stress: int  # 1 (calm) .. 5 (very stressed)
    feeling: str | None
    at: str


class WellbeingLog:
    def __init__(self, sessions: Path):
        self.path = sessions / "private" / "wellbeing.jsonl"

    def add(
        self, trainee: str, session_id: str, scenario: str, stress: int, feeling: str | None
    ) -> CheckIn | None:
        """Append a check-in; None (nothing raised) when it cannot be written."""
        if not 1 <= stress <= 5:
            raise ValueError("stress is 1..5")
        item = CheckIn(
            trainee,
            session_id,
            scenario,
            stress,
            feeling,
            datetime.now(UTC).isoformat(timespec="seconds"),
        )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
        except OSError:
            return None
        return item

    def history(self, trainee: str, last: int = 8) -> list[CheckIn]:
        """This trainee's check-ins, oldest first (damaged lines are skipped)."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return []
        out = []
        for line in lines:
            try:
                raw = json.loads(line)
                item = CheckIn(**raw)
            except (ValueError, TypeError):
                continue
            if item.trainee == trainee and isinstance(item.stress, int):
                out.append(item)
        return out[-last:]


def trend(stresses: list[int]) -> int:
    """-1 lower than last time, 0 the same (or first), 1 higher."""
    if len(stresses) < 2:
        return 0
    return (stresses[-1] > stresses[-2]) - (stresses[-1] < stresses[-2])
