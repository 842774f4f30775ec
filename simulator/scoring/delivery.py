"""Delivery of a spoken reply: pace, pauses, fillers, hesitation, loudness steadiness.

Figures come from Vosk word timings and, when given, the reply's samples (numpy). Delivery only
adjusts firmness, by a few points, and is reported on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from simulator.transcript import Word

LONG_PAUSE = 1.2  # seconds between words
SLOW_WPM = 90.0
FAST_WPM = 210.0
HESITATION = 2.0  # seconds of silence before the first word
FILLER_RATIO = 0.06
UNSTEADY_CV = 0.8  # coefficient of variation of frame loudness over voiced frames
MAX_BONUS = 4.0
MAX_PENALTY = 20.0


@dataclass(frozen=True)
class Adjustment:
    name: str
    points: float
    words: tuple[int, ...]  # indexes of the words it points at (may be empty)


@dataclass(frozen=True)
class Delivery:
    figures: dict[str, Any]
    adjustments: tuple[Adjustment, ...]

    @property
    def firmness_points(self) -> float:
        total = sum(a.points for a in self.adjustments)
        return max(-MAX_PENALTY, min(MAX_BONUS, total))


def loudness_cv(samples: Any, sample_rate: int, frame_s: float = 0.05) -> float | None:
    """Coefficient of variation of RMS loudness over voiced frames; None if too little voice."""
    import numpy as np

    x = np.asarray(samples, dtype=np.float64).reshape(-1)
    if x.size == 0 or sample_rate <= 0:
        return None
    frame = max(1, int(sample_rate * frame_s))
    count = x.size // frame
    if count < 4:
        return None
    rms = np.sqrt(np.mean(x[: count * frame].reshape(count, frame) ** 2, axis=1))
    peak = float(rms.max())
    if peak <= 0:
        return None
    voiced = rms[rms > 0.1 * peak]
    if voiced.size < 4:
        return None
    return float(voiced.std() / voiced.mean())


def analyse(
    words: Sequence[Word],
    fillers: Iterable[str],
    samples: Any = None,
    sample_rate: int | None = None,
) -> Delivery:
    """Delivery figures and their firmness adjustments for one spoken reply."""
    filler_set = {f.lower() for f in fillers}
    figures: dict[str, Any] = {"words": len(words)}
    adj: list[Adjustment] = []
    if words:
        span = max(words[-1].end - words[0].start, 1e-6)
        wpm = 60.0 * len(words) / span if len(words) > 1 else None
        pairs = zip(words, words[1:], strict=False)
        gaps = [(i, b.start - a.end) for i, (a, b) in enumerate(pairs, start=1)]
        long_gaps = [(i, g) for i, g in gaps if g >= LONG_PAUSE]
        filler_idx = tuple(i for i, w in enumerate(words) if w.word.lower() in filler_set)
        ratio = len(filler_idx) / len(words)
        figures.update(
            {
                "speaking_rate_wpm": round(wpm, 1) if wpm else None,
                "long_pauses": len(long_gaps),
                "longest_pause_s": round(max((g for _, g in gaps), default=0.0), 2),
                "fillers": len(filler_idx),
                "filler_ratio": round(ratio, 3),
                "hesitation_s": round(max(0.0, words[0].start), 2),
            }
        )
        if wpm is not None and len(words) >= 4:
            if wpm < SLOW_WPM:
                adj.append(Adjustment("slow_speech", -4.0, ()))
            elif wpm > FAST_WPM:
                adj.append(Adjustment("rushed_speech", -4.0, ()))
        if long_gaps:
            adj.append(
                Adjustment("long_pauses", -min(9.0, 3.0 * len(long_gaps)),
                           tuple(i for i, _ in long_gaps))
            )
        if filler_idx and ratio >= FILLER_RATIO:
            adj.append(Adjustment("filler_words", -min(10.0, 2.0 * len(filler_idx)), filler_idx))
        if words[0].start >= HESITATION:
            adj.append(Adjustment("hesitation_before_starting", -4.0, (0,)))
    if samples is not None and sample_rate:
        cv = loudness_cv(samples, sample_rate)
        figures["loudness_cv"] = round(cv, 3) if cv is not None else None
        if cv is not None and cv > UNSTEADY_CV:
            adj.append(Adjustment("unsteady_loudness", -4.0, ()))
    if words and not adj and len(words) >= 4:
        adj.append(Adjustment("steady_delivery", MAX_BONUS, ()))
    figures["firmness_adjustment"] = round(
        max(-MAX_PENALTY, min(MAX_BONUS, sum(a.points for a in adj))), 1
    )
    return Delivery(figures, tuple(adj))
