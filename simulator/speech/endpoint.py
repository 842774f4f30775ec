"""End-of-reply detection: push-to-talk or hands-free (speech, then trailing silence).

    ep = HandsFree(EndpointConfig(trailing_silence=0.8, no_speech_timeout=8.0, max_reply=60.0))
    for chunk in chunks:            # raw PCM in ep.format (default 16 kHz mono s16)
        reason = ep.feed(chunk)     # None while the reply goes on, else an EndReason
        if reason: break
    ep.speech_started, ep.speech_start, ep.last_speech, ep.elapsed   # seconds of audio

    ptt = PushToTalk(max_reply=60.0, tail=0.2)
    ptt.press()  ... ptt.feed(chunk) ...  ptt.release()   # RELEASED once the tail is recorded
    ptt.wants_audio()                                      # feed the recogniser only when True

Speech is detected per 20 ms frame by RMS level against an adaptive threshold: the quieter of
the room's noise floor + `margin_db` and `speech_db`, never below `min_db`. Speech has started
after `min_speech` seconds of voiced frames within the last 0.3 s; it has ended after
`trailing_silence` seconds with no voiced frame. Times are audio time (bytes fed), not wall
time, so the same audio always ends at the same place; the capture is muted while the client
speaks (MicCapture.mute_while), so the endpointer never hears the client.
"""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass
from enum import Enum

import numpy as np

from simulator.speech.audio import VOSK_FORMAT, AudioFormat, to_float_mono


class EndReason(str, Enum):
    TRAILING_SILENCE = "trailing_silence"  # hands-free: speech, then a pause
    NO_SPEECH = "no_speech"  # nothing said before the timeout
    MAX_LENGTH = "max_length"  # the reply hit its maximum length
    RELEASED = "released"  # push-to-talk key released
    STOPPED = "stopped"  # the caller stopped listening


@dataclass(frozen=True)
class EndpointConfig:
    trailing_silence: float = 0.8  # seconds of silence after speech that end a reply
    no_speech_timeout: float = 8.0  # seconds without any speech before giving up
    max_reply: float = 60.0  # seconds; a reply is cut here
    min_speech: float = 0.12  # seconds of voiced frames that count as speech starting
    speech_db: float = -35.0  # dBFS that is always speech (clear voice near the microphone)
    margin_db: float = 12.0  # dB above the noise floor that counts as voiced
    min_db: float = -50.0  # never treat anything quieter as speech
    frame: float = 0.02  # seconds per analysis frame
    calibration: float = 0.2  # seconds at the start that only measure the room's noise
    settle: float = 0.15  # seconds into a pause at which the recogniser finishes its words


class HandsFree:
    """Hands-free endpointer: feed chunks; it says when the reply ended and why."""

    def __init__(self, config: EndpointConfig | None = None, fmt: AudioFormat = VOSK_FORMAT):
        self.config = config or EndpointConfig()
        self.format = fmt
        self.reset()

    def reset(self) -> None:
        c = self.config
        self._frame_len = max(1, int(round(c.frame * self.format.rate)))
        self._carry = np.zeros(0, np.float32)
        self._recent: collections.deque[tuple[bool, float]] = collections.deque(
            maxlen=max(1, int(round(0.3 / c.frame)))
        )
        self._noise_db = -60.0
        self._calibration: list[float] = []
        self.frames = 0
        self.speech_started = False
        self.speech_start: float | None = None  # seconds into the reply
        self.last_speech: float | None = None  # end of the last voiced frame
        self.reason: EndReason | None = None
        self.level_db = -100.0

    @property
    def elapsed(self) -> float:
        return self.frames * self._frame_len / self.format.rate

    @property
    def threshold_db(self) -> float:
        c = self.config
        return max(c.min_db, min(c.speech_db, self._noise_db + c.margin_db))

    def _voiced(self, db: float) -> bool:
        voiced = db >= self.threshold_db
        if not voiced and not self.speech_started:
            # track the noise floor: fall fast, rise slowly, only while nobody is speaking
            rate = 0.3 if db < self._noise_db else 0.02
            self._noise_db += rate * (db - self._noise_db)
        return voiced

    @property
    def pause_needed(self) -> float:
        """Seconds of silence after speech that end the reply now (fixed here)."""
        return self.config.trailing_silence

    @property
    def settle_after(self) -> float:
        """Seconds into a pause at which the listener has the recogniser finish its words."""
        return min(self.config.settle, self.pause_needed)

    def hear(self, text: str) -> None:
        """The recogniser's text so far (unused here; the adaptive endpointer reads it)."""

    def explain(self) -> dict[str, object]:
        """What decided the end of the reply, for the transcript's extra fields."""
        return {}

    def _frame_voiced(self, samples: np.ndarray, db: float, calibrating: bool) -> bool:
        """Whether one frame is speech (energy only here)."""
        if calibrating:
            return db >= self.config.speech_db
        return self._voiced(db)

    def feed(self, chunk: bytes) -> EndReason | None:
        if self.reason is not None:
            return self.reason
        c = self.config
        x = np.concatenate([self._carry, to_float_mono(chunk, self.format)])
        n = len(x) // self._frame_len
        self._carry = x[n * self._frame_len :]
        if n == 0:
            return None
        frames = x[: n * self._frame_len].reshape(n, self._frame_len)
        wide = frames.astype(np.float64)
        dbs = 10.0 * np.log10(np.maximum(np.mean(wide * wide, axis=1), 1e-10))
        need = max(1, int(round(c.min_speech / c.frame)))
        calibration_frames = int(round(c.calibration / c.frame))
        for samples, db in zip(frames, dbs, strict=True):
            self.frames += 1
            self.level_db = float(db)
            t = self.elapsed
            calibrating = self.frames <= calibration_frames
            if calibrating:
                # the room's noise floor: the median of the first frames (a loud start is
                # still speech, since the threshold never exceeds speech_db)
                self._calibration.append(float(db))
                self._noise_db = float(np.median(self._calibration))
            voiced = self._frame_voiced(samples, float(db), calibrating)
            self._recent.append((voiced, t - c.frame))
            if voiced:
                self.last_speech = t
            if not self.speech_started and sum(v for v, _ in self._recent) >= need:
                self.speech_started = True
                self.speech_start = next(start for v, start in self._recent if v)
            if self.speech_started:
                assert self.last_speech is not None
                if t - self.last_speech >= self.pause_needed:
                    self.reason = EndReason.TRAILING_SILENCE
            elif t >= c.no_speech_timeout:
                self.reason = EndReason.NO_SPEECH
            if self.reason is None and t >= c.max_reply:
                self.reason = EndReason.MAX_LENGTH
            if self.reason is not None:
                return self.reason
        return None


class PushToTalk:
    """Push-to-talk: the reply lasts while the key is held (press/release from the UI thread)."""

    def __init__(
        self, max_reply: float = 60.0, fmt: AudioFormat = VOSK_FORMAT, tail: float = 0.2
    ) -> None:
        self.max_reply = max_reply
        self.format = fmt
        self.tail = tail  # seconds still recorded after release: people let go mid-word
        self._tail_bytes = 0
        self._held = threading.Event()
        self._released = threading.Event()
        self.bytes_fed = 0
        self.reason: EndReason | None = None

    def press(self) -> None:
        self._released.clear()
        self._tail_bytes = 0
        self._held.set()

    def release(self) -> None:
        if self._held.is_set():
            self._held.clear()
            self._released.set()

    @property
    def held(self) -> bool:
        return self._held.is_set()

    @property
    def elapsed(self) -> float:
        return self.format.seconds(self.bytes_fed)

    def wants_audio(self) -> bool:
        """Whether chunks should be fed now: the key is held, or in the tail after release."""
        if self._held.is_set():
            return True
        return self._released.is_set() and self._tail_bytes < self.format.bytes_for(self.tail)

    def feed(self, chunk: bytes) -> EndReason | None:
        if self.reason is not None:
            return self.reason
        if self._held.is_set():
            self.bytes_fed += len(chunk)
            if self.elapsed >= self.max_reply:
                self.reason = EndReason.MAX_LENGTH
        elif self._released.is_set():
            if self._tail_bytes < self.format.bytes_for(self.tail):
                self._tail_bytes += len(chunk)
                self.bytes_fed += len(chunk)
            if self._tail_bytes >= self.format.bytes_for(self.tail):
                self.reason = EndReason.RELEASED
        return self.reason
