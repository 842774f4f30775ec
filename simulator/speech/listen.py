"""One reply, end to end, on a worker thread: capture -> endpointer -> recogniser.

    listener = ReplyListener(mic, model, HandsFree(), keep_audio="audio/replies/t3.wav")
    listener.start()                    # drains the mic queue, then listens on its own thread
    listener.partial, listener.level    # poll from the 60 FPS loop (plain attribute reads)
    listener.done                       # True once the reply ended
    listener.stop()                     # end now (e.g. the trainee pressed Enter)
    transcript = listener.result(timeout=5.0)   # Transcript; extra["end_reason"], extra["latency"]

`source` is anything with `read(timeout) -> bytes | None` and `format` (MicCapture does). With
PushToTalk, only chunks while the key is held reach the recogniser. `extra["latency"]` is the
time from the last chunk to the final transcript, in seconds.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any, Protocol

from simulator.speech.audio import AudioFormat, level_dbfs
from simulator.speech.capture import level_from_db
from simulator.speech.endpoint import EndReason, HandsFree, PushToTalk
from simulator.speech.stt import Recognizer
from simulator.transcript import Transcript


class AudioSource(Protocol):
    format: AudioFormat

    def read(self, timeout: float | None = 0.1) -> bytes | None: ...


class ReplyListener:
    def __init__(
        self,
        source: AudioSource,
        model: Any,
        endpointer: HandsFree | PushToTalk | None = None,
        keep_audio: str | os.PathLike[str] | None = None,
    ) -> None:
        self.source = source
        self.endpointer = endpointer or HandsFree(fmt=source.format)
        self.recognizer = Recognizer(model, source.format, keep_audio)
        self.partial = ""
        self.level = 0.0
        self.reason: EndReason | None = None
        self._stop = threading.Event()
        self._done = threading.Event()
        self._result: Transcript | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> ReplyListener:
        drain = getattr(self.source, "drain", None)
        if drain is not None:
            drain()
        self.recognizer.start()
        self._thread = threading.Thread(target=self._run, name="holdline-listen", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            last_chunk = time.perf_counter()
            while not self._stop.is_set():
                chunk = self.source.read(0.05)
                if chunk is None:
                    continue
                last_chunk = time.perf_counter()
                self.level = level_from_db(level_dbfs(chunk, self.source.format))
                ep = self.endpointer
                if isinstance(ep, PushToTalk) and not ep.wants_audio():
                    if ep.feed(chunk):
                        break
                    continue
                self.recognizer.feed(chunk)
                self.partial = self.recognizer.partial()
                if ep.feed(chunk):
                    break
            self.reason = self.endpointer.reason or EndReason.STOPPED
            transcript = self.recognizer.final({"end_reason": self.reason.value})
            latency = round(time.perf_counter() - last_chunk, 4)
            self._result = Transcript(
                transcript.text,
                transcript.words,
                transcript.duration,
                transcript.audio_path,
                {**transcript.extra, "latency": latency},
            )
            self.partial = transcript.text
        except BaseException as exc:  # noqa: BLE001 - re-raised by result()
            self._error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def stop(self) -> None:
        self._stop.set()

    def result(self, timeout: float | None = None) -> Transcript:
        if not self._done.wait(timeout):
            raise TimeoutError("reply still in progress")
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result
