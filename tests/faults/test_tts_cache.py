"""The rendered-speech cache under attack (issue 16): an entry cut short or overwritten with
rubbish is rendered again (it was copied out as it was), and a read-only cache does not stop
`holdline say` (it was an OSError traceback). Real espeak-ng through pyttsx3."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from simulator.speech.tts import TextToSpeech, cache_entry_ok

from .conftest import holdline, tmpfs

TEXT = "Please hold while I check that for you."


def frames(path: Path) -> int:
    with wave.open(str(path), "rb") as w:
        return w.getnframes()


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["truncate", "rubbish", "empty"])
def test_corrupt_cache_entry_is_rendered_again(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    with TextToSpeech(cache) as tts:
        entry = tts.render(TEXT, "en-us")
    good = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(good[: len(good) // 3])
    elif damage == "rubbish":
        entry.write_bytes(b"RIFF" + b"\x00garbage" * 500)
    else:
        entry.write_bytes(b"")
    assert not cache_entry_ok(entry)
    out = tmp_path / "out.wav"
    result = holdline("say", TEXT, "--voice", "en-us", "--out", str(out), "--cache", str(cache))
    assert result.returncode == 0, result.stderr
    assert frames(out) == frames(entry) > 0 and cache_entry_ok(entry)  # repaired in place
    assert abs(frames(entry) - len(good) // 2) < len(good) // 10  # about as long as before


@pytest.mark.slow
def test_read_only_cache(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=1m,ro") as cache:
        out = tmp_path / "out.wav"
        result = holdline("say", TEXT, "--out", str(out), "--cache", str(cache / "tts"))
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and frames(out) > 0
