"""One reply, end to end, on a worker thread: capture -> endpointer -> recogniser.

    listener = ReplyListener(mic, model, HandsFree(), on_speech=..., on_done=...)
    listener.start()                    # drains the mic queue, then listens on its own thread
    listener.partial, listener.level    # poll from the 60 FPS loop (plain attribute reads)
    listener.done                       # True once the reply ended
    listener.stop()                     # end now (e.g. the trainee pressed Enter)
    transcript = listener.result(timeout=5.0)   # Transcript; extra["end_reason"], extra["latency"]

`on_speech()` is called once, when the endpointer first hears speech, and `on_done(listener)`
when the reply is over (the transcript or the error is ready): both on the listener's thread,
so nothing has to poll `done`. The transcript carries the reply's audio (`Transcript.audio`).

`source` is anything with `read(timeout) -> bytes | None` and `format`: MicCapture, or
WavSource(path) for headless runs and tests. With
PushToTalk, only chunks while the key is held reach the recogniser. `extra["latency"]` is the
time from the last chunk to the final transcript, in seconds. Hands-free, the recogniser's
segment is closed part way through a pause (`close_after`, never before stt.DRAIN seconds of
it), so a long pause that ends the reply leaves little to decode; if the trainee goes on, a new
segment starts.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from simulator.speech.audio import AudioFormat, level_dbfs, read_wav
from simulator.speech.capture import level_from_db
from simulator.speech.endpoint import EndReason, HandsFree, PushToTalk
from simulator.speech.stt import Recognizer
from simulator.transcript import Transcript


class AudioSource(Protocol):
    format: AudioFormat

    def read(self, timeout: float | None = 0.1) -> bytes | None: ...


class WavSource:
    """An AudioSource over a WAV file (headless runs, scripted tests): chunks, then silence.

    `realtime=True` paces chunks like a microphone; otherwise they come as fast as read.
    After the file, it yields `tail` seconds of silence (so a hands-free endpointer can end
    the reply), then None.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        chunk_seconds: float = 0.064,
        realtime: bool = False,
        tail: float = 2.0,
    ) -> None:
        pcm, self.format = read_wav(path)
        self._pcm = pcm + b"\x00" * self.format.bytes_for(tail)
        self._step = self.format.bytes_for(chunk_seconds)
        self._pos = 0
        self._realtime = realtime
        self._t0: float | None = None
        self.last_due = 0.0  # time.monotonic() when the last chunk read was due (realtime)

    @property
    def started_at(self) -> float | None:
        """time.monotonic() when the first chunk was read (realtime), i.e. the audio's start."""
        return self._t0

    def read(self, timeout: float | None = 0.1) -> bytes | None:
        if self._pos >= len(self._pcm):
            if timeout:
                time.sleep(min(timeout, 0.01))
            return None
        if self._realtime:
            if self._t0 is None:
                self._t0 = time.monotonic()
            due = self._t0 + self.format.seconds(self._pos + self._step)
            time.sleep(max(0.0, due - time.monotonic()))
            self.last_due = due
        chunk = self._pcm[self._pos : self._pos + self._step]
        self._pos += len(chunk)
        return chunk


class ReplyListener:
    def __init__(
        self,
        source: AudioSource,
        model: Any,
        endpointer: HandsFree | PushToTalk | None = None,
        close_after: float = 0.5,
        on_speech: Callable[[], None] | None = None,
        on_done: Callable[[ReplyListener], None] | None = None,
    ) -> None:
        self.source = source
        self.close_after = close_after  # fraction of the trailing pause
        self.endpointer = endpointer or HandsFree(fmt=source.format)
        self.recognizer = Recognizer(model, source.format)
        self.on_speech = on_speech
        self.on_done = on_done
        self.partial = ""
        self.level = 0.0
        self.reason: EndReason | None = None
        self.finished_at = 0.0  # time.monotonic() when the final transcript was ready
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
        on_speech, told = self.on_speech, False
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
                if isinstance(ep, HandsFree):
                    ep.hear(self.partial)
                if ep.feed(chunk):
                    break
                if on_speech is not None and not told and getattr(ep, "speech_started", False):
                    told = True
                    on_speech()
                if isinstance(ep, HandsFree) and ep.speech_started and ep.last_speech is not None:
                    # part way into a pause that may end the reply, close the recogniser's
                    # segment (it refuses before stt.DRAIN), so a long wait ends with little
                    # left to decode
                    pause = ep.elapsed - ep.last_speech
                    if pause >= ep.close_segment_after(self.close_after):
                        self.recognizer.close_segment(pause)
            self.reason = self.endpointer.reason or EndReason.STOPPED
            extra: dict[str, object] = {"end_reason": self.reason.value}
            if isinstance(self.endpointer, HandsFree):
                extra.update(self.endpointer.explain())
            transcript = self.recognizer.final(extra)
            latency = round(time.perf_counter() - last_chunk, 4)
            self._result = replace(transcript, extra={**transcript.extra, "latency": latency})
            self.partial = transcript.text
            self.finished_at = time.monotonic()
        except BaseException as exc:  # noqa: BLE001 - re-raised by result()
            self._error = exc
        finally:
            self._done.set()
            if self.on_done is not None:
                self.on_done(self)

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
