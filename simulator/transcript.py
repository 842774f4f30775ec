"""What crosses the speech/scoring boundary: a reply's words with timings and confidence."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """A finished reply as recognised: text, words, and where its audio was kept."""

    text: str
    words: tuple[Word, ...] = ()
    duration: float = 0.0  # seconds of audio
    audio_path: str | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "words": [w.to_json() for w in self.words],
            "duration": self.duration,
            "audio_path": self.audio_path,
            **self.extra,
        }
