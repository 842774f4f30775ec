"""Format conversion: resampling 22.05/44.1/48/8 kHz, stereo, widths, and bad WAVs."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from simulator.errors import HoldlineError
from simulator.speech.audio import (
    AudioFormat,
    Converter,
    Resampler,
    convert_all,
    float_to_s16,
    level_dbfs,
    read_wav,
    to_float_mono,
    write_wav,
)


def sine(rate: int, freq: float, seconds: float, amp: float = 0.5) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return (amp * np.sin(2 * np.pi * freq * t)).astype(np.float32)


@pytest.mark.parametrize("rate", [8000, 22050, 44100, 48000])
def test_resampler_keeps_frequency_amplitude_and_timing(rate: int) -> None:
    x = sine(rate, 440.0, 2.0)
    r = Resampler(rate, 16000)
    y = np.concatenate([r.process(x[i : i + 1234]) for i in range(0, len(x), 1234)] + [r.flush()])
    assert len(y) == 32000
    ref = sine(16000, 440.0, 2.0)
    assert np.abs(y[200:-200] - ref[200:-200]).max() < 1e-3  # same phase: no time shift


def test_resampler_chunking_does_not_change_output() -> None:
    x = sine(44100, 1000.0, 1.0)
    whole = Resampler(44100, 16000)
    a = np.concatenate([whole.process(x), whole.flush()])
    parts = Resampler(44100, 16000)
    b = np.concatenate(
        [parts.process(x[i : i + 97]) for i in range(0, len(x), 97)] + [parts.flush()]
    )
    assert np.allclose(a, b, atol=1e-6)


def test_downsampling_removes_content_above_the_new_nyquist() -> None:
    x = sine(48000, 12000.0, 1.0)  # would alias to 4 kHz without a low-pass
    r = Resampler(48000, 16000)
    y = np.concatenate([r.process(x), r.flush()])
    assert np.sqrt(np.mean(y[500:-500] ** 2)) < 0.01


@pytest.mark.parametrize("width", [1, 2, 3, 4])
def test_stereo_any_width_becomes_16k_mono(width: int) -> None:
    left, right = sine(48000, 440.0, 0.5), sine(48000, 440.0, 0.5)
    frames = np.stack([left, right], axis=1).reshape(-1)
    if width == 1:
        pcm = (frames * 127 + 128).astype(np.uint8).tobytes()
    elif width == 2:
        pcm = (frames * 32767).astype("<i2").tobytes()
    elif width == 3:
        v = (frames * (2**23 - 1)).astype("<i4")
        pcm = b"".join(int(s).to_bytes(3, "little", signed=True) for s in v)
    else:
        pcm = (frames * (2**31 - 1)).astype("<i4").tobytes()
    out = convert_all(pcm, AudioFormat(48000, width, 2))
    y = np.frombuffer(out, "<i2").astype(np.float32) / 32768
    assert len(y) == 8000
    assert abs(np.sqrt(np.mean(y[500:-500] ** 2)) - 0.5 / np.sqrt(2)) < 0.02


def test_converter_handles_chunks_that_split_frames() -> None:
    fmt = AudioFormat(44100, 2, 2)
    pcm = float_to_s16(np.repeat(sine(44100, 300.0, 0.3), 2))
    conv = Converter(fmt)
    out = b"".join(conv.convert(pcm[i : i + 333]) for i in range(0, len(pcm), 333))
    out += conv.flush()
    assert out == convert_all(pcm, fmt)


def test_wav_round_trip_and_level(tmp_path: Path) -> None:
    fmt = AudioFormat(22050, 2, 1)
    pcm = float_to_s16(sine(22050, 440.0, 0.2, amp=0.1))
    path = write_wav(tmp_path / "a.wav", pcm, fmt)
    back, fmt2 = read_wav(path)
    assert (back, fmt2) == (pcm, fmt)
    assert -24 < level_dbfs(pcm, fmt) < -22  # 0.1 amplitude sine: -23 dBFS
    assert level_dbfs(b"\x00\x00" * 100) == -100.0
    assert np.allclose(to_float_mono(pcm, fmt)[:10], sine(22050, 440.0, 0.2, 0.1)[:10], atol=1e-4)


def test_bad_wavs_fail_with_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.wav"
    junk.write_bytes(b"not a wav at all" * 10)
    truncated = tmp_path / "cut.wav"
    truncated.write_bytes(b"RIFF\x10\x00\x00\x00WAVE")
    silent = tmp_path / "noframes.wav"
    with wave.open(str(silent), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
    for path in (empty, junk, truncated, silent, tmp_path / "missing.wav"):
        with pytest.raises(HoldlineError) as err:
            read_wav(path)
        assert "\n" not in str(err.value) and str(path) in str(err.value)
