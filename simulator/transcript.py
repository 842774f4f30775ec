"""What crosses the speech/scoring boundary: a reply's words with timings and confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.speech.audio import Audio


@dataclass(frozen=True)
class Word:
    word: str
    start: float  # seconds from the start of the reply audio
    end: float
    conf: float  # recogniser confidence, 0..1

    def to_json(self) -> dict[str, object]:
        return {"word": self.word, "start": self.start, "end": self.end, "conf": self.conf}


@dataclass(frozen=True)
class Transcript:
    """A finished reply as recognised: text, words, and the audio they were heard in."""

    text: str
    words: tuple[Word, ...] = ()
    duration: float = 0.0  # seconds of audio
    audio: Audio | None = field(default=None, compare=False, repr=False)
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "words": [w.to_json() for w in self.words],
            "duration": self.duration,
            **self.extra,
        }
