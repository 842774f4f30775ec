"""Audio formats and conversion: explicit (rate, width, channels) at every boundary.

    AudioFormat(rate=16000, width=2, channels=1)      # frozen; VOSK_FORMAT is this one
    Audio(pcm, fmt)                                    # samples with their format, in memory
    read_wav(path) -> (samples: np.ndarray[int16, (frames, channels)], AudioFormat)
    write_wav(path, pcm: bytes, fmt)                   # atomic (temp file + rename)
    to_float_mono(pcm: bytes, fmt) -> np.ndarray[float32]
    Resampler(in_rate, out_rate).process(x) / .flush() # streaming windowed-sinc resampler
    Converter(fmt, VOSK_FORMAT).convert(pcm) -> bytes  # any rate/width/channels -> 16 kHz mono s16
    level_dbfs(pcm, fmt) -> float                      # RMS level, -100..0 dBFS

Every WAV problem (missing, empty, corrupt, unsupported) raises HoldlineError with one line.
"""

from __future__ import annotations

import math
import os
import tempfile
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from simulator.errors import HoldlineError


@dataclass(frozen=True)
class AudioFormat:
    """Raw PCM layout: frames per second, bytes per sample, interleaved channels."""

    rate: int
    width: int = 2
    channels: int = 1

    @property
    def frame_bytes(self) -> int:
        return self.width * self.channels

    def seconds(self, nbytes: int) -> float:
        return nbytes / (self.frame_bytes * self.rate)

    def bytes_for(self, seconds: float) -> int:
        return int(round(seconds * self.rate)) * self.frame_bytes


VOSK_FORMAT = AudioFormat(16000, 2, 1)


@dataclass(frozen=True)
class Audio:
    """PCM bytes and the format they are in: what travels from recogniser to session file."""

    pcm: bytes = field(repr=False)
    format: AudioFormat

    @property
    def seconds(self) -> float:
        return self.format.seconds(len(self.pcm))

    def mono(self) -> np.ndarray:
        """float32 mono in -1..1 (for loudness measures)."""
        return to_float_mono(self.pcm, self.format)

    def save(self, path: str | os.PathLike[str]) -> Path:
        return write_wav(path, self.pcm, self.format)


def read_wav(path: str | os.PathLike[str]) -> tuple[bytes, AudioFormat]:
    """Raw PCM bytes and format of a PCM WAV file; HoldlineError on anything unusable."""
    p = Path(path)
    if not p.is_file():
        raise HoldlineError(f"{p}: no such audio file")
    if p.stat().st_size == 0:
        raise HoldlineError(f"{p}: empty file, not a WAV")
    try:
        with wave.open(str(p), "rb") as w:
            fmt = AudioFormat(w.getframerate(), w.getsampwidth(), w.getnchannels())
            pcm = w.readframes(w.getnframes())
    except (wave.Error, EOFError, OSError) as exc:
        raise HoldlineError(f"{p}: not a readable PCM WAV file ({exc})") from None
    if fmt.width not in (1, 2, 3, 4) or fmt.channels < 1 or fmt.rate < 1000:
        raise HoldlineError(f"{p}: unsupported WAV format {fmt}")
    pcm = pcm[: len(pcm) - len(pcm) % fmt.frame_bytes]
    if not pcm:
        raise HoldlineError(f"{p}: WAV holds no audio")
    return pcm, fmt


def write_wav(path: str | os.PathLike[str], pcm: bytes, fmt: AudioFormat) -> Path:
    """Write PCM to a WAV atomically (never a half-written file at `path`)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".wav", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as f, wave.open(f, "wb") as w:
            w.setnchannels(fmt.channels)
            w.setsampwidth(fmt.width)
            w.setframerate(fmt.rate)
            w.writeframes(pcm)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p


def to_float(pcm: bytes, fmt: AudioFormat) -> np.ndarray:
    """PCM bytes -> float32 array (frames, channels) in -1..1."""
    if fmt.width == 1:
        x = (np.frombuffer(pcm, np.uint8).astype(np.float32) - 128.0) / 128.0
    elif fmt.width == 2:
        x = np.frombuffer(pcm, "<i2").astype(np.float32) / 32768.0
    elif fmt.width == 3:
        b = np.frombuffer(pcm, np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        v = np.where(v >= 1 << 23, v - (1 << 24), v)
        x = v.astype(np.float32) / float(1 << 23)
    elif fmt.width == 4:
        x = np.frombuffer(pcm, "<i4").astype(np.float32) / float(1 << 31)
    else:
        raise HoldlineError(f"unsupported sample width {fmt.width} bytes")
    return x.reshape(-1, fmt.channels)


def to_float_mono(pcm: bytes, fmt: AudioFormat) -> np.ndarray:
    """PCM bytes -> float32 mono (channels averaged)."""
    x = to_float(pcm, fmt)
    return x[:, 0].copy() if fmt.channels == 1 else x.mean(axis=1, dtype=np.float32)


def float_to_s16(x: np.ndarray) -> bytes:
    return (np.clip(x, -1.0, 1.0) * 32767.0).round().astype("<i2").tobytes()


def level_dbfs(pcm: bytes, fmt: AudioFormat = VOSK_FORMAT) -> float:
    """RMS level of a chunk in dBFS (-100 for silence or no data)."""
    if len(pcm) < fmt.frame_bytes:
        return -100.0
    x = to_float_mono(pcm[: len(pcm) - len(pcm) % fmt.frame_bytes], fmt)
    rms = float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))
    return max(-100.0, 20.0 * math.log10(rms)) if rms > 0 else -100.0


class Resampler:
    """Streaming band-limited resampler (windowed sinc), exact across chunk boundaries.

    Feed float32 mono chunks to `process()`, then call `flush()` once at the end; the output
    has round(n_in * out_rate / in_rate) samples in total, aligned with the input in time.
    """

    ZERO_CROSSINGS = 8

    def __init__(self, in_rate: int, out_rate: int) -> None:
        self.in_rate, self.out_rate = in_rate, out_rate
        self.step = in_rate / out_rate  # input samples per output sample
        self.cutoff = 0.5 * min(1.0, out_rate / in_rate) * 0.92  # cycles per input sample
        self.half = int(math.ceil(self.ZERO_CROSSINGS / (2.0 * self.cutoff)))
        self._buf = np.zeros(self.half, np.float32)  # history, zero before the start
        self._buf_start = -self.half  # absolute input index of _buf[0]
        self._next = 0.0  # absolute input position of the next output sample
        self._n_in = 0
        self._n_out = 0

    def process(self, x: np.ndarray, final: bool = False) -> np.ndarray:
        if self.in_rate == self.out_rate:
            self._n_in += len(x)
            return np.asarray(x, np.float32)
        self._n_in += len(x)
        self._buf = np.concatenate([self._buf, np.asarray(x, np.float32)])
        end = self._buf_start + len(self._buf)
        if final:
            total = int(round(self._n_in * self.out_rate / self.in_rate))
            count = max(0, total - self._n_out)
            self._buf = np.concatenate([self._buf, np.zeros(self.half + 2, np.float32)])
        else:
            last = end - self.half - 1  # last position with full support on the right
            count = max(0, int(math.floor((last - self._next) / self.step)) + 1)
        if count == 0:
            return np.zeros(0, np.float32)
        t = self._next + self.step * np.arange(count)
        base = np.floor(t).astype(np.int64)
        offsets = np.arange(-self.half + 1, self.half + 1)
        idx = base[:, None] + offsets[None, :]
        dist = t[:, None] - idx
        kernel = 2 * self.cutoff * np.sinc(2 * self.cutoff * dist)
        kernel *= 0.5 + 0.5 * np.cos(np.pi * np.clip(dist / self.half, -1.0, 1.0))
        local = np.clip(idx - self._buf_start, 0, len(self._buf) - 1)
        y = (self._buf[local] * kernel).sum(axis=1).astype(np.float32)
        self._next += self.step * count
        self._n_out += count
        drop = int(math.floor(self._next)) - self.half - self._buf_start
        if drop > 0:
            self._buf = self._buf[drop:]
            self._buf_start += drop
        return y

    def flush(self) -> np.ndarray:
        return self.process(np.zeros(0, np.float32), final=True)


class Converter:
    """Any PCM format -> another (in practice: -> 16 kHz mono s16 for Vosk), chunk by chunk."""

    def __init__(self, source: AudioFormat, target: AudioFormat = VOSK_FORMAT) -> None:
        if target.width != 2 or target.channels != 1:
            raise ValueError("Converter only produces mono 16-bit PCM")
        self.source, self.target = source, target
        self._resampler = Resampler(source.rate, target.rate)
        self._pending = b""
        self._passthrough = source == target

    def convert(self, pcm: bytes) -> bytes:
        if self._passthrough:
            return pcm
        data = self._pending + pcm
        usable = len(data) - len(data) % self.source.frame_bytes
        self._pending = data[usable:]
        if not usable:
            return b""
        return float_to_s16(self._resampler.process(to_float_mono(data[:usable], self.source)))

    def flush(self) -> bytes:
        if self._passthrough:
            return b""
        return float_to_s16(self._resampler.flush())


def convert_all(pcm: bytes, source: AudioFormat, target: AudioFormat = VOSK_FORMAT) -> bytes:
    """Whole-buffer conversion (files)."""
    conv = Converter(source, target)
    return conv.convert(pcm) + conv.flush()
