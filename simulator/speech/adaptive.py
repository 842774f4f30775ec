"""Adaptive end of reply: how long a pause must last depends on how the speech before it ended.

    ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"), fmt=mic.format)   # vad: auto
    for chunk in chunks:
        ep.hear(recognizer.partial())      # the words so far (ReplyListener does this)
        if ep.feed(chunk): break           # EndReason, as HandsFree
    ep.pause_needed                        # seconds of silence that would end the reply now
    ep.explain()                           # {"end_tone", "end_text", "pause_needed", "vad"}

A frame is speech when it is loud enough for the energy detector (HandsFree's adaptive
threshold) and, when the Silero model is installed (speech/vad.py), the model also hears a
voice in it: steady noise, clicks and breaths no longer hold a reply open. When a pause
starts, the wait is chosen from two cues (speech/cues.py):

| the words so far end on            | the voice's last notes | wait    |
|------------------------------------|------------------------|---------|
| "and", "but", "um", a connective   | any                    | long    |
| anything else                      | rising                 | long    |
| anything else                      | falling                | short   |
| a sentence-final form (ko, zh)     | too little voice       | settled |
| anything else                      | level                  | level   |
| anything else                      | too little voice       | medium  |

The words mostly lengthen the wait: recognisers often put a sentence-final form mid-reply
(the Korean model writes "다" in espeak-ng speech everywhere), so a complete-looking clause
alone never shortens a level end (a speaker holding the floor: "그런데," heard as "유언 이다"
was cut off in the endpoint benchmark) and only shortens an unpitched one to `settled`; a
falling tone does.

The cue is read again at every frame, so a transcript that catches up during the pause (the
recogniser settles `settle` seconds into it, see listen.py) still lengthens or shortens it.
Times are audio time, as in HandsFree: the same audio always ends at the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from simulator.speech.audio import VOSK_FORMAT, AudioFormat, Converter
from simulator.speech.cues import Contour, TextCue, Tone, pitch_hz, text_cue
from simulator.speech.endpoint import EndpointConfig, EndReason, HandsFree
from simulator.speech.vad import RATE, SileroVad, load_vad


@dataclass(frozen=True)
class AdaptiveConfig(EndpointConfig):
    language: str = "en"
    frame: float = 0.032  # one Silero window at 16 kHz
    short: float = 0.3  # a falling end: a finished statement
    settled: float = 0.8  # an unpitched end on a sentence-final word form
    level: float = 1.1  # a level end with nothing else to go on
    medium: float = 1.0  # no pitch to judge (whispered, very short)
    long: float = 1.3  # "and", "um", a connective ending, a rising tone: more is coming
    vad_threshold: float = 0.35  # Silero probability above which a loud frame is a voice


class AdaptiveHandsFree(HandsFree):
    """HandsFree whose trailing silence follows the words and the tone before each pause."""

    def __init__(
        self,
        config: AdaptiveConfig | None = None,
        fmt: AudioFormat = VOSK_FORMAT,
        vad: SileroVad | None | bool = True,
    ) -> None:
        self.source_format = fmt
        self._converter = Converter(fmt, VOSK_FORMAT)
        # True: load the model if installed; False/None: energy only; or a SileroVad to use
        self.vad = load_vad() if vad is True else (vad or None)
        super().__init__(config or AdaptiveConfig(), VOSK_FORMAT)
        self.config: AdaptiveConfig

    def reset(self) -> None:
        super().reset()
        self._contour = Contour()
        self._text = ""
        self.vad_probability = 0.0
        if self.vad is not None:
            self.vad.reset()
        self._converter = Converter(self.source_format, VOSK_FORMAT)

    def hear(self, text: str) -> None:
        self._text = text

    def feed(self, chunk: bytes) -> EndReason | None:
        return super().feed(self._converter.convert(chunk))

    def _frame_voiced(self, samples: np.ndarray, db: float, calibrating: bool) -> bool:
        loud = super()._frame_voiced(samples, db, calibrating)
        if self.vad is not None and len(samples) == self.vad.window and RATE == self.format.rate:
            self.vad_probability = self.vad.probability(samples)
            loud = loud and self.vad_probability >= self.config.vad_threshold
        if loud:
            self._contour.add(pitch_hz(samples, self.format.rate))
        return loud

    @property
    def tone(self) -> Tone:
        return self._contour.ending()

    @property
    def text(self) -> TextCue:
        return text_cue(self.config.language, self._text)

    @property
    def pause_needed(self) -> float:
        c = self.config
        text, tone = self.text, self.tone
        if text is TextCue.INCOMPLETE or tone is Tone.RISING:
            return c.long
        if tone is Tone.FALLING:
            return c.short
        if tone is Tone.LEVEL:
            return c.level
        return c.settled if text is TextCue.COMPLETE else c.medium

    def explain(self) -> dict[str, object]:
        return {
            "end_tone": self.tone.value,
            "end_text": self.text.value,
            "pause_needed": self.pause_needed,
            "vad": self.vad is not None,
        }
