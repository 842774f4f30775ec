"""Shared fixtures: the real Korean Vosk model (loaded once) and real espeak-ng speech."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from speech_helpers import KO_TEXT


@pytest.fixture(scope="session")
def ko_model(ko_model_path: Path) -> Any:
    from simulator.speech.stt import load_model

    return load_model(ko_model_path)


@pytest.fixture(scope="session")
def tts_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tts-cache")


@pytest.fixture(scope="session")
def ko_wav(tts_cache: Path) -> Path:
    """Korean espeak-ng speech rendered through our own TTS worker (22050 Hz mono)."""
    from simulator.speech.tts import TextToSpeech

    with TextToSpeech(tts_cache) as tts:
        return tts.render(KO_TEXT, "ko")
