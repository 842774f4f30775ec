"""Cues that a speaker has, or has not, finished: the words so far and the voice's last notes.

    text_cue("ko", "환불은 내일 처리되고") -> TextCue.INCOMPLETE   # ends on a connective
    text_cue("en", "I will call you back") -> TextCue.NEUTRAL
    text_cue("ko", "처리됩니다") -> TextCue.COMPLETE                 # a sentence-final ending
    text_cue("ko", "도와드릴까요") -> TextCue.CLOSED                 # a polite close: -요, -죠
    pitch_hz(frame, rate) -> float                                  # 0.0 when unvoiced
    Contour().add(pitch, db); .ending() -> Tone.FALLING | LEVEL | RISING | UNKNOWN

The text cue reads the recogniser's result so far: a reply that stops on "and", "but", "um"
(per language) or, in Korean, on a connective ending (-고, -는데, -지만) is mid-thought; a
Korean or Chinese sentence-final ending (-다, -요, -까 / 吗, 呢, 了) marks a complete clause.
Of those, the forms that close a spoken sentence and are rarely heard mid-reply, Korean's polite
-요 and -죠 (questions and statements alike: 있을까요, 되세요, 드릴게요) and Chinese question
particles 吗, 呢, are CLOSED; recognisers write a bare -다 into espeak-ng speech everywhere,
so -다 is only COMPLETE. English and Russian have no such reliable final marker, so their
complete clauses are NEUTRAL.
The tone compares the pitch and loudness of the last voiced frames before a pause with the
reply's own median: statements fall at their end; a speaker who will go on holds or raises it.
"""

from __future__ import annotations

from enum import Enum

import numpy as np

# Words after which nobody has finished: conjunctions, hesitations, words that need a follower.
HESITATIONS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "and but or so because um umm uh uhh er erm hmm mm well like the a an to of with "
        "that if then which my your our their is are was".split()
    ),
    "ru": frozenset(
        "и а но или потому что чтобы если когда э ээ эм ну вот как в на с к по у за "
        "для мой ваш это".split()
    ),
    "zh": frozenset(
        "和 跟 与 但是 但 可是 不过 所以 因为 然后 而且 还有 或者 如果 嗯 呃 额 啊 那个 这个 就是 "
        "的话 我 你 我们".split()
    ),
    "ko": frozenset(
        "그리고 그런데 근데 하지만 그러나 그래서 그러니까 그러면 그럼 또 또는 및 음 어 저 그 뭐 아 "
        "그게 저기 있잖아요 만약".split()
    ),
}
# Korean connective endings (the clause goes on) and sentence-final endings (it is complete).
KO_CONNECTIVE = ("고", "는데", "은데", "지만", "서", "면", "니까", "며", "면서", "거나")
KO_FINAL = ("다", "요", "까", "죠", "네", "니다", "세요", "어요", "아요")
ZH_FINAL = ("吗", "呢", "吧", "了", "啊", "呀")
KO_CLOSED = ("요", "죠")
ZH_CLOSED = ("吗", "呢")


class TextCue(str, Enum):
    INCOMPLETE = "incomplete"  # ends on a connective or hesitation: wait longer
    NEUTRAL = "neutral"  # nothing either way (or no words yet)
    COMPLETE = "complete"  # ends on a sentence-final form
    CLOSED = "closed"  # ends on a form that closes a spoken sentence (-요, 吗): the strongest


class Tone(str, Enum):
    FALLING = "falling"
    LEVEL = "level"
    RISING = "rising"
    UNKNOWN = "unknown"  # too few voiced frames to tell


def _lang(language: str) -> str:
    return language.lower().replace("_", "-").split("-")[0]


def text_cue(language: str, text: str) -> TextCue:
    """What the words so far say about whether the clause is complete."""
    words = text.split()
    if not words:
        return TextCue.NEUTRAL
    last = words[-1].strip(".,!?;:…。，！？、").lower()
    lang = _lang(language)
    if last in HESITATIONS.get(lang, frozenset()):
        return TextCue.INCOMPLETE
    if lang == "ko":
        if last.endswith(KO_CLOSED):
            return TextCue.CLOSED
        if last.endswith(KO_FINAL):
            return TextCue.COMPLETE
        if last.endswith(KO_CONNECTIVE):
            return TextCue.INCOMPLETE
    if lang == "zh" and last.endswith(ZH_FINAL):
        return TextCue.CLOSED if last.endswith(ZH_CLOSED) else TextCue.COMPLETE
    return TextCue.NEUTRAL


def pitch_hz(frame: np.ndarray, rate: int, lo: float = 60.0, hi: float = 400.0) -> float:
    """Fundamental frequency of one frame by normalised autocorrelation; 0.0 when unvoiced."""
    x = frame.astype(np.float64) - float(np.mean(frame))
    energy = float(np.dot(x, x))
    if energy <= 1e-8:
        return 0.0
    n = len(x)
    spectrum = np.fft.rfft(x, 2 * n)
    ac = np.fft.irfft(spectrum * np.conj(spectrum))[:n]
    lag_lo, lag_hi = int(rate / hi), min(n - 1, int(rate / lo))
    if lag_hi <= lag_lo:
        return 0.0
    # normalise by the overlap so long lags are not penalised
    norm = ac[lag_lo:lag_hi] / (energy * (n - np.arange(lag_lo, lag_hi)) / n)
    best = float(np.max(norm))
    if best < 0.45:
        return 0.0
    # the shortest lag whose peak is nearly as good as the best: multiples of the period
    # correlate as well as the period itself (octave errors)
    peaks = (norm[1:-1] >= norm[:-2]) & (norm[1:-1] >= norm[2:]) & (norm[1:-1] >= 0.9 * best)
    found = np.flatnonzero(peaks)
    if len(found) == 0:  # the best is at the range's edge: no pitch in range
        return 0.0
    return rate / (lag_lo + 1 + int(found[0]))


class Contour:
    """The reply's pitch, frame by frame, to judge how its latest voiced stretch ended.

    FALLING: the last voiced frames sit well below the reply's median pitch, or somewhat below
    it and no higher than the frames before them (a statement's end; a phrase that dips and
    turns up again at its end goes on). RISING: they climb over the frames just before them
    (a continuation or a question). LEVEL: neither. Octave errors are ignored (pitches outside
    half to twice the reply's median).
    """

    def __init__(
        self,
        tail: int = 4,
        fall: float = 0.87,
        low: float = 0.93,
        rise: float = 1.03,
        turn: float = 1.0,
    ) -> None:
        self.tail = tail  # pitched frames at the end of a stretch that count as its ending
        self.fall = fall  # ending below this share of the reply's median: falling
        self.low = low  # ... or below this one and not turning up (`turn`): falling
        self.rise = rise  # ending above this share of the frames before it: rising
        self.turn = turn  # ending above this share of the frames before it: turning up
        self._pitches: list[float] = []  # every pitched frame of the reply
        self._recent: list[float] = []  # pitches (0.0 = none) of the latest voiced frames

    def add(self, pitch: float) -> None:
        """One voiced frame's pitch (0.0 when it had none)."""
        if pitch > 0:
            self._pitches.append(pitch)
        self._recent.append(pitch)
        if len(self._recent) > 4 * self.tail:
            del self._recent[0]

    def _ending(self) -> tuple[float, float] | None:
        if len(self._pitches) < 2 * self.tail:
            return None
        median = float(np.median(self._pitches))
        good = [p for p in self._recent if 0.5 * median < p < 2.0 * median]
        if len(good) < self.tail + 2:
            return None
        last = float(np.median(good[-self.tail :]))
        before = float(np.median(good[-3 * self.tail : -self.tail]))
        return last / median, last / before

    def ending(self) -> Tone:
        """How the latest voiced stretch ended."""
        ratios = self._ending()
        if ratios is None:
            return Tone.UNKNOWN
        to_median, to_before = ratios
        if to_before >= self.rise:
            return Tone.RISING
        if to_median <= self.fall or (to_median <= self.low and to_before <= self.turn):
            return Tone.FALLING
        return Tone.LEVEL

    def ratios(self) -> tuple[float, float] | None:
        """(ending / reply median, ending / the frames before it), for reports and tuning."""
        return self._ending()
