"""SpeechInput hands-free: the adaptive endpointer, in the scenario's language, with the VAD."""

from __future__ import annotations

import time
from pathlib import Path

from simulator.session.voice import SpeechInput
from simulator.speech.adaptive import AdaptiveHandsFree
from simulator.speech.audio import VOSK_FORMAT
from simulator.speech.vad import load_vad


class Mic:
    format = VOSK_FORMAT


class Busy:
    done = False


def test_hands_free_replies_use_the_adaptive_endpointer(ko_model_path: Path) -> None:
    speech = SpeechInput(ko_model_path, Mic(), hands_free=True, language="ru")
    deadline = time.monotonic() + 30
    installed = load_vad() is not None
    while installed and speech._vad is None and time.monotonic() < deadline:
        time.sleep(0.05)
    ep = speech._hands_free()
    assert isinstance(ep, AdaptiveHandsFree) and ep.config.language == "ru"
    assert (ep.vad is not None) is installed
    speech._vad_user = Busy()  # type: ignore[assignment]  # a cancelled reply still draining
    assert speech._hands_free().vad is None  # never shared by two listeners at once
