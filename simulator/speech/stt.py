"""Speech-to-text with Vosk: one shared Model, one recognizer per reply.

    model = load_model(path)                     # blocking, ~2 s; HoldlineError when unusable
    loader = ModelLoader(path).start()           # background: loader.ready, loader.result(t)
    rec = Recognizer(model, fmt=AudioFormat(48000, 2, 2))
    rec.start()                                  # fresh KaldiRecognizer (also resets)
    rec.feed(chunk: bytes)                       # PCM in `fmt`; converted to 16 kHz mono s16
    rec.partial() -> str                         # text so far (cheap; call after feed)
    rec.settle() -> bool                         # in a pause: finish the words so far now
    rec.resume()                                 # the speaker goes on: decode the held pause
    rec.final() -> Transcript                    # words with start/end/conf, audio kept as WAV
    transcribe_file(model, "reply.wav") -> Transcript

Input of any rate, width and channel count is converted with a streaming band-limited
resampler (audio.Converter) before Vosk. Word times are seconds from the start of the audio
fed. One Recognizer belongs to one thread; the Model may be shared by several.
Vosk's logging is silenced (SetLogLevel(-1)); `vosk.Model(lang=...)` is never used.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from simulator.errors import HoldlineError
from simulator.speech.audio import VOSK_FORMAT, Audio, AudioFormat, Converter, read_wav
from simulator.speech.models import is_model_dir
from simulator.speech.quiet import native_stderr_silenced
from simulator.transcript import Transcript, Word


def _vosk() -> Any:
    import vosk

    vosk.SetLogLevel(-1)
    return vosk


def load_model(path: str | os.PathLike[str]) -> Any:
    """A vosk.Model from a model directory (never by language name: that downloads)."""
    p = Path(path)
    if not p.is_dir():
        raise HoldlineError(f"model directory not found: {p}")
    if not is_model_dir(p):
        raise HoldlineError(f"not a Vosk model directory (no am/ and conf/): {p}")
    vosk = _vosk()
    # Kaldi writes "ERROR: ... Read failed" lines on fd 2 for a damaged model; the one line
    # below says it instead
    with native_stderr_silenced():
        try:
            model = vosk.Model(model_path=str(p))
        except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
            raise HoldlineError(f"cannot load speech model {p}: {exc}") from None
        _recognizer(vosk, model, p)  # the graph loads here: a damaged one fails now
    return model


def _recognizer(vosk: Any, model: Any, path: Path | None = None) -> Any:
    try:
        return vosk.KaldiRecognizer(model, float(VOSK_FORMAT.rate))
    except Exception as exc:  # "Failed to create a recognizer": a damaged graph/ file
        where = f" {path}" if path else ""
        raise HoldlineError(
            f"speech model{where} is damaged ({exc}); fetch it again: holdline models fetch LANG"
        ) from None


class ModelLoader:
    """Loads a model on a background thread so the window can show a loading screen."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.model: Any = None
        self.error: BaseException | None = None
        self.seconds = 0.0
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> ModelLoader:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="holdline-model", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        t0 = time.perf_counter()
        try:
            self.model = load_model(self.path)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - t0
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def result(self, timeout: float | None = None) -> Any:
        """The model; re-raises the load error; TimeoutError if not loaded in time."""
        self.start()
        if not self._done.wait(timeout):
            raise TimeoutError(f"speech model still loading after {timeout} s")
        if self.error is not None:
            raise self.error
        return self.model


class Recognizer:
    """One reply's recognition session (one thread)."""

    def __init__(
        self,
        model: Any,
        fmt: AudioFormat = VOSK_FORMAT,
        keep_audio: bool = True,
    ) -> None:
        self.model = model
        self.format = fmt
        self.keep_audio = keep_audio  # the transcript carries what Vosk heard (16 kHz mono)
        self._rec: Any = None
        self._spent: Any = None  # the last reply's KaldiRecognizer, freed at the next start()
        self._converter: Converter | None = None
        self._segments: list[dict[str, Any]] = []
        self._audio: list[bytes] = []
        self._partial = ""
        self._fed = 0  # bytes of 16 kHz mono s16 heard (decoded or held)
        self._open = 0  # bytes given to Vosk since it last closed a segment
        self._held: list[bytes] | None = None  # after settle(): audio not decoded yet
        self._skipped = 0.0  # seconds of held pauses never given to Vosk (word times shift)
        self.last_feed_seconds = 0.0

    def start(self) -> Recognizer:
        vosk = _vosk()
        self._spent = None
        self._rec = _recognizer(vosk, self.model)
        self._rec.SetWords(True)
        self._converter = Converter(self.format, VOSK_FORMAT)
        self._segments, self._audio, self._partial, self._fed = [], [], "", 0
        self._open, self._held, self._skipped = 0, None, 0.0
        return self

    def _take(self, pcm: bytes) -> None:
        """Audio heard: kept for the transcript, then decoded (or held after settle())."""
        if not pcm:
            return
        self._fed += len(pcm)
        if self.keep_audio:
            self._audio.append(pcm)
        if self._held is not None:
            self._held.append(pcm)
        else:
            self._decode(pcm)

    def _decode(self, pcm: bytes) -> None:
        self._open += len(pcm)
        if self._rec.AcceptWaveform(pcm):
            self._segment(self._rec.Result())
            self._partial = ""
            self._open = 0
        else:
            self._partial = json.loads(self._rec.PartialResult()).get("partial", "")

    def feed(self, chunk: bytes) -> None:
        if self._rec is None:
            self.start()
        assert self._converter is not None
        t0 = time.perf_counter()
        self._take(self._converter.convert(chunk))
        self.last_feed_seconds = time.perf_counter() - t0

    def settle(self) -> bool:
        """Finish the words heard so far now (Vosk FinalResult()), early in a pause.

        Hands-free, the listener calls this a fraction of a second into every pause, so when
        the pause turns out to end the reply, its final transcript is already there. Unlike
        Result(), FinalResult() flushes the decoder's lookahead (the Korean model decodes
        0.4-0.6 s behind its input), so the last word is whole. Audio fed afterwards is kept
        but not decoded (it is the pause) until resume(): if the speaker goes on, it is
        decoded in a new segment and word times run on; if the reply ends, final() has
        nothing left to do. Returns whether a segment was finished.
        """
        if self._rec is None or self._held is not None:
            return False
        self._held = []
        if not self._open:
            return False
        self._segment(self._rec.FinalResult())
        self._partial = ""
        self._open = 0
        return True

    @property
    def settled(self) -> bool:
        """settle() was called and nothing has been decoded since."""
        return self._held is not None

    def resume(self, keep: float = 0.3) -> None:
        """The speaker went on after a settle(): decode the last `keep` seconds of the held
        pause (the voice may start before the endpointer hears it), then carry on. The rest
        of the pause is silence and never decoded, so the recogniser does not fall behind
        on it while the trainee speaks; word times are shifted back by it."""
        held, self._held = b"".join(self._held or ()), None
        tail = held[-VOSK_FORMAT.bytes_for(keep) :] if keep > 0 else b""
        self._skipped += VOSK_FORMAT.seconds(len(held) - len(tail))
        if tail:
            self._decode(tail)

    def _segment(self, result_json: str) -> None:
        result = json.loads(result_json)
        if result.get("text"):
            result["offset"] = self._skipped  # Vosk's clock does not count skipped audio
            self._segments.append(result)

    def partial(self) -> str:
        """Everything recognised so far: finished segments plus the current partial."""
        done = " ".join(str(s.get("text", "")) for s in self._segments)
        return " ".join(t for t in (done, self._partial) if t)

    @property
    def duration(self) -> float:
        return VOSK_FORMAT.seconds(self._fed)

    def final(self, extra: dict[str, object] | None = None) -> Transcript:
        if self._rec is None:
            self.start()
        assert self._converter is not None
        self._take(self._converter.flush())
        if self._held is not None:
            finalised = "settled"  # finished in the pause; what came after is silence
        elif not self._open:
            finalised = "endpoint"  # nothing fed since the last segment closed
        else:
            # always, even with an empty partial: a word said just now is not decoded yet
            finalised = "final_result"
            self._segment(self._rec.FinalResult())
        words = tuple(
            Word(
                str(w["word"]),
                round(float(w["start"]) + seg["offset"], 3),
                round(float(w["end"]) + seg["offset"], 3),
                round(float(w.get("conf", 1.0)), 3),
            )
            for seg in self._segments
            for w in seg.get("result", [])
        )
        text = " ".join(str(s["text"]) for s in self._segments if s.get("text"))
        audio = Audio(b"".join(self._audio), VOSK_FORMAT) if self.keep_audio else None
        info: dict[str, object] = {
            "rate": VOSK_FORMAT.rate,
            "source_format": {
                "rate": self.format.rate,
                "width": self.format.width,
                "channels": self.format.channels,
            },
        }
        info["finalised"] = finalised
        info.update(extra or {})
        transcript = Transcript(
            text=text,
            words=words,
            duration=round(self.duration, 3),
            audio=audio,
            extra=info,
        )
        # freeing a KaldiRecognizer takes 50-60 ms (the Korean model): not while the client
        # waits to answer, but when the next reply starts
        self._spent, self._rec = self._rec, None
        return transcript


def transcribe_file(
    model: Any, path: str | os.PathLike[str], chunk_seconds: float = 0.2
) -> Transcript:
    """Transcribe a WAV file (any PCM format), fed in chunks like live audio."""
    pcm, fmt = read_wav(path)
    rec = Recognizer(model, fmt).start()
    step = fmt.bytes_for(chunk_seconds)
    for i in range(0, len(pcm), step):
        rec.feed(pcm[i : i + step])
    return rec.final()
