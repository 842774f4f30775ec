"""How much work a pattern can make the matcher do on one reply, so that a pattern that could
take exponential time is refused when the rubric is loaded (and by `holdline validate`).

Each optional part doubles the ways the search may lay a pattern over a stretch of the reply
and each gap multiplies them by its width: a 14-part pattern of optional parts and gaps once
kept the matcher busy for 25 s on a 300-word reply. The bundled rubrics' costliest pattern
has about 3,000 ways; the limit is well above any pattern a trainer needs.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_WAYS = 1e5


def cost_error(parts: Sequence[tuple[bool, int]], default_gap: int) -> str:
    """Why a pattern of these (optional, gap) parts is too costly, or "" when it is not."""
    ways = 1.0
    for optional, gap in parts:
        ways *= (2 if optional else 1) * (gap + 1)
    if ways <= MAX_WAYS:
        return ""
    optional = sum(o for o, _ in parts)
    gaps = sum(g > default_gap for _, g in parts)
    return (f"{optional} optional parts and {gaps} wide gaps could take about {ways:.0e} tries "
            f"on one reply (at most {MAX_WAYS:.0e}); split it into shorter patterns or make "
            "parts required")
