"""Microphone capture through pygame's SDL2 audio: 16 kHz mono int16, straight for Vosk.

    list_capture_devices() -> list[str]          # names for a --mic option
    mic = MicCapture(device_name=None, mute_while=player.speaking)
    mic.start()                                  # HoldlineError: no device / cannot open
    mic.read(timeout=0.1) -> bytes | None        # next chunk (CAPTURE_FORMAT), None on timeout
    mic.level -> float                           # 0..1 meter of the latest chunk (for the UI)
    mic.level_db -> float                        # the same in dBFS
    mic.mute(); mic.unmute(); mic.muted          # muted chunks are dropped, the meter shows 0
    mic.drain()                                  # forget queued chunks (e.g. before a reply)
    mic.stop()                                   # or `with MicCapture(...) as mic:`

SDL's callback runs on SDL's audio thread and only copies bytes into a bounded queue (oldest
dropped when the consumer falls behind, counted in `dropped`). A device is chosen by exact
name, else by a case-insensitive substring; None takes the first device. When there is no
device the HoldlineError says so, and the caller can fall back to typed replies.
Tests run the real path with SDL_AUDIODRIVER=disk and SDL_DISKAUDIOFILEIN=<raw s16 16 kHz>.
"""

from __future__ import annotations

import ctypes
import functools
import math
import os
import queue
import threading
from collections.abc import Callable
from typing import Any

from simulator.errors import HoldlineError
from simulator.speech.audio import VOSK_FORMAT, AudioFormat
from simulator.speech.quiet import native_stderr_silenced

CAPTURE_FORMAT: AudioFormat = VOSK_FORMAT
NO_DEVICE = "no microphone found (check it is plugged in and allowed); use typed replies instead"


def _init_audio() -> None:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame._sdl2 as sdl2

    try:
        sdl2.init_subsystem(sdl2.INIT_AUDIO)
    except Exception as exc:  # noqa: BLE001 - pygame._sdl2.sdl2.error is not pygame.error
        raise HoldlineError(f"{NO_DEVICE} (audio system unavailable: {exc})") from None


def list_capture_devices() -> list[str]:
    """Names of the capture devices SDL sees (empty when there are none)."""
    from pygame._sdl2.audio import get_audio_device_names

    with native_stderr_silenced():  # libasound's probing chatter
        _init_audio()
        try:
            return [str(n) for n in get_audio_device_names(True)]
        except Exception:  # noqa: BLE001 - SDL raises plain errors when the driver has no capture
            return []


def choose_device(names: list[str], wanted: str | None) -> str:
    if not names:
        raise HoldlineError(NO_DEVICE)
    if wanted is None:
        return names[0]
    if wanted in names:
        return wanted
    matches = [n for n in names if wanted.lower() in n.lower()]
    if len(matches) == 1:
        return matches[0]
    listing = "; ".join(names)
    if not matches:
        raise HoldlineError(f"no microphone named '{wanted}' (available: {listing})")
    raise HoldlineError(f"'{wanted}' matches several microphones ({'; '.join(matches)})")


_CLOSED_DEVICES: list[Any] = []


@functools.lru_cache(maxsize=1)
def _sdl_library() -> ctypes.CDLL | None:
    """The SDL2 library pygame loaded (same handle), from /proc/self/maps; None elsewhere."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "libSDL2-2" in line}
    except OSError:
        return None
    for path in sorted(paths):
        if os.path.basename(path).startswith("libSDL2-2"):
            try:
                lib = ctypes.CDLL(path)
                lib.SDL_PauseAudioDevice.argtypes = [ctypes.c_uint32, ctypes.c_int]
                lib.SDL_CloseAudioDevice.argtypes = [ctypes.c_uint32]
                return lib
            except (OSError, AttributeError):
                return None
    return None


def level_from_db(db: float, floor: float = -60.0) -> float:
    """dBFS -> 0..1 for a meter (floor dBFS and below show as 0)."""
    return max(0.0, min(1.0, (db - floor) / -floor))


class MicCapture:
    def __init__(
        self,
        device_name: str | None = None,
        chunk_frames: int = 1024,
        mute_while: Callable[[], bool] | None = None,
        max_queue_seconds: float = 30.0,
    ) -> None:
        self.requested = device_name
        self.device_name: str | None = None
        self.format = CAPTURE_FORMAT
        self.chunk_frames = chunk_frames
        self.mute_while = mute_while
        max_chunks = max(4, int(max_queue_seconds * self.format.rate / chunk_frames))
        self._queue: queue.Queue[bytes] = queue.Queue(maxsize=max_chunks)
        self._muted = threading.Event()
        self._device: Any = None
        self.level_db = -100.0
        self.dropped = 0
        self.captured_bytes = 0

    # SDL's audio thread: copy, measure cheaply, queue; never block.
    def _callback(self, _device: object, data: Any) -> None:
        chunk = bytes(data)
        if self._muted.is_set() or (self.mute_while is not None and self.mute_while()):
            self.level_db = -100.0
            return
        self.level_db = _rms_db(chunk)
        self.captured_bytes += len(chunk)
        try:
            self._queue.put_nowait(chunk)
        except queue.Full:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                pass
            self.dropped += 1
            self._queue.put_nowait(chunk)

    def start(self) -> MicCapture:
        if self._device is not None:
            return self
        from pygame._sdl2.audio import AUDIO_S16, AudioDevice

        self.device_name = choose_device(list_capture_devices(), self.requested)
        try:
            with native_stderr_silenced():
                self._device = AudioDevice(
                    devicename=self.device_name,
                    iscapture=True,
                    frequency=self.format.rate,
                    audioformat=AUDIO_S16,
                    numchannels=self.format.channels,
                    chunksize=self.chunk_frames,
                    allowed_changes=0,
                    callback=self._callback,
                )
        except Exception as exc:  # noqa: BLE001 - pygame and _sdl2 raise different errors
            raise HoldlineError(f"cannot open microphone '{self.device_name}': {exc}") from None
        self._device.pause(0)
        return self

    def stop(self) -> None:
        device, self._device = self._device, None
        if device is None:
            return
        lib = _sdl_library()
        if lib is None:
            device.pause(1)
            device.close()
            return
        # pygame's pause()/close() keep the GIL while SDL waits for its audio thread, and that
        # thread may be waiting for the GIL to run our callback: a deadlock (seen in tests).
        # ctypes calls release the GIL. The closed device object is kept so its finaliser
        # never closes a device id that SDL has handed out again.
        lib.SDL_PauseAudioDevice(ctypes.c_uint32(device.deviceid), 1)
        lib.SDL_CloseAudioDevice(ctypes.c_uint32(device.deviceid))
        _CLOSED_DEVICES.append(device)

    def __enter__(self) -> MicCapture:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def read(self, timeout: float | None = 0.1) -> bytes | None:
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None

    def drain(self) -> int:
        n = 0
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return n
            n += 1

    def mute(self) -> None:
        self._muted.set()

    def unmute(self) -> None:
        self._muted.clear()

    @property
    def muted(self) -> bool:
        return self._muted.is_set()

    @property
    def running(self) -> bool:
        return self._device is not None

    @property
    def level(self) -> float:
        return level_from_db(self.level_db)


def _rms_db(chunk: bytes) -> float:
    """Cheap RMS in dBFS without numpy (runs on SDL's audio thread; ~1024 samples)."""
    n = len(chunk) // 2
    if n == 0:
        return -100.0
    samples = memoryview(chunk[: n * 2]).cast("h")
    total = 0
    for s in samples[:: max(1, n // 256)]:  # a strided subset is plenty for a meter
        total += s * s
    count = len(samples[:: max(1, n // 256)])
    rms = math.sqrt(total / count) / 32768.0
    return max(-100.0, 20.0 * math.log10(rms)) if rms > 0 else -100.0
