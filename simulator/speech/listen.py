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
time from the last chunk to the final transcript, in seconds. Hands-free, the recogniser
finishes the words so far early in every pause (`Recognizer.settle()`, at the endpointer's
`settle_after`) while the endpointer is still waiting it out, so a pause that ends the reply
has its final transcript ready, and the endpointer judges the pause on whole words; if the
trainee goes on, the held pause and what follows are decoded in a new segment.
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
        on_speech: Callable[[], None] | None = None,
        on_done: Callable[[ReplyListener], None] | None = None,
    ) -> None:
        self.source = source
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
        self._settled_at = 0.0  # endpointer time of the recogniser's last settle()

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
                if isinstance(ep, PushToTalk):
                    if ep.wants_audio():
                        self.recognizer.feed(chunk)
                        self.partial = self.recognizer.partial()
                    if ep.feed(chunk):
                        break
                    continue
                ended = ep.feed(chunk)
                self._hands_free(chunk, ep)
                if ended:
                    break
                if on_speech is not None and not told and ep.speech_started:
                    told = True
                    on_speech()
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

    def _hands_free(self, chunk: bytes, ep: HandsFree) -> None:
        """Feed the recogniser behind the endpointer: settle it early in a pause, resume it
        when the voice comes back; the endpointer reads the words so far for the next chunk."""
        rec = self.recognizer
        last = ep.last_speech
        if rec.settled and last is not None and last > self._settled_at:
            rec.resume()  # voice since the settle: the trainee goes on
        rec.feed(chunk)
        pause = ep.elapsed - last if last is not None else 0.0
        if ep.speech_started and not rec.settled and pause >= ep.settle_after:
            rec.settle()
            self._settled_at = ep.elapsed
        self.partial = rec.partial()
        ep.hear(self.partial)

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
