"""Adaptive end of reply: how long a pause must last depends on how the speech before it ended.

    ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"), fmt=mic.format)   # vad: auto
    for chunk in chunks:
        ep.hear(recognizer.partial())      # the words so far (ReplyListener does this)
        if ep.feed(chunk): break           # EndReason, as HandsFree
    ep.pause_needed                        # seconds of silence that would end the reply now
    ep.explain()    # {"end_tone", "end_text", "pause_needed", "stretch", "voice", "vad"}

A frame is speech when it is loud enough for the energy detector (HandsFree's adaptive
threshold) and, when the Silero model is installed (speech/vad.py), the model also hears a
voice in it: steady noise, clicks and breaths no longer hold a reply open. When a pause
starts, the wait is chosen from what came before it: how much voice (the stretch since the
last pause, the whole reply so far), the words (speech/cues.py) and the voice's last notes.
The first rule that applies wins:

| before the pause                                                   | wait    |
|--------------------------------------------------------------------|---------|
| a stretch shorter than `brief`, or a reply shorter than `lead_in`  | long    |
| the words end on "and", "but", "um", a connective                  | long    |
| a closing form (-요, -죠; 吗, 呢) ending a phrase, rising or level,  | asked   |
| not below the reply's median pitch                                 |         |
| a rising tone                                                      | long    |
| a falling tone                                                     | short   |
| a level tone                                                       | level   |
| too little pitch, a sentence-final form                            | settled |
| too little pitch                                                   | medium  |

Why: a word or a filler on its own ("네,", "음," - which the Korean model may write as "네요")
and a reply's first short phrase ("다른 약도,", falling) are lead-ins, not answers. A question
ends rising and a polite close level; a continuation rises too, so the rise alone waits long,
but a closing form before it is an end (the listener settles the recogniser early in every
pause, so the words are whole by then). Said low and level, a closing form was heard mid-reply
(a misheard connective -고요), so it needs the tone to be at or above the reply's median; on a
stretch shorter than `lead_in` it is a polite lead-in ("잠깐만요,", "저기요,").
Recognisers put a bare -다 mid-reply everywhere in espeak-ng speech, so that form alone never
shortens a level end; a falling tone does.

The cue is read again at every frame, so the words that arrive during the pause (the
recogniser settles `settle` seconds into it) still lengthen or shorten it.
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
    asked: float = 0.55  # a closing form said rising or level: a question, a polite close
    settled: float = 0.8  # an unpitched end on a sentence-final word form
    level: float = 1.1  # a level end with nothing else to go on
    medium: float = 1.2  # no pitch to judge (whispered)
    long: float = 1.3  # "and", "um", a connective ending, a rising tone: more is coming
    brief: float = 0.6  # a stretch of voice shorter than this is one word or a filler
    lead_in: float = 1.0  # a reply with less voice than this so far has only begun
    gap: float = 0.15  # silence that separates two stretches of voice
    closed_pitch: float = 0.95  # a closing form ends at least this high (share of the median)
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
        self._stretch_start = 0.0  # where the latest stretch of voice began
        self._voice_before = 0.0  # seconds of voice in the stretches before it
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
            start = self.elapsed - self.config.frame  # (last_speech: the previous voiced frame)
            if self.last_speech is None or start - self.last_speech >= self.config.gap:
                self._voice_before += self.stretch
                self._stretch_start = start
        return loud

    @property
    def stretch(self) -> float:
        """Seconds of the latest stretch of voice (up to its last voiced frame)."""
        return 0.0 if self.last_speech is None else self.last_speech - self._stretch_start

    @property
    def voice(self) -> float:
        """Seconds of voice in the reply so far (its stretches, without the pauses)."""
        return self._voice_before + self.stretch

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
        if self.stretch < c.brief or self.voice < c.lead_in or text is TextCue.INCOMPLETE:
            return c.long
        if text is TextCue.CLOSED and tone in (Tone.RISING, Tone.LEVEL) and self._asks():
            return c.asked
        if tone is Tone.RISING:
            return c.long
        if tone is Tone.FALLING:
            return c.short
        if tone is Tone.LEVEL:
            return c.level
        return c.settled if text in (TextCue.COMPLETE, TextCue.CLOSED) else c.medium

    def _asks(self) -> bool:
        """A closing form ends a question or a polite close: a phrase (not "잠깐만요,") whose
        last notes are not below the reply's usual pitch."""
        ratios = self._contour.ratios()
        high = ratios is not None and ratios[0] >= self.config.closed_pitch
        return high and self.stretch >= self.config.lead_in

    def explain(self) -> dict[str, object]:
        return {
            "end_tone": self.tone.value,
            "end_text": self.text.value,
            "pause_needed": self.pause_needed,
            "stretch": round(self.stretch, 3),
            "voice": round(self.voice, 3),
            "vad": self.vad is not None,
        }
