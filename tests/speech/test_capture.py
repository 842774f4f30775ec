"""The real pygame/SDL2 capture and playback paths, fed through SDL's disk audio driver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from speech_helpers import REPO, run_cli

from simulator.errors import HoldlineError
from simulator.speech.audio import convert_all, read_wav
from simulator.speech.capture import NO_DEVICE, choose_device, level_from_db

PROBE = Path(__file__).with_name("sdl_probe.py")


def sdl_env(tmp_path: Path, raw_in: Path | None = None, delay_ms: int | None = 0) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "disk",
        "SDL_DISKAUDIOFILE": str(tmp_path / "sdl-out.raw"),
    }
    if delay_ms is not None:  # None: SDL's default, real time
        env["SDL_DISKAUDIODELAY"] = str(delay_ms)
    if raw_in is not None:
        env["SDL_DISKAUDIOFILEIN"] = str(raw_in)
    return env


def probe(env: dict[str, str], *args: str, timeout: float = 60) -> str:
    done = subprocess.run(
        [sys.executable, str(PROBE), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture()
def speech_raw(ko_wav: Path, tmp_path: Path) -> Path:
    """Raw 16 kHz mono s16 (what the microphone delivers): 1 s silence, speech, 1 s silence."""
    pcm, fmt = read_wav(ko_wav)
    raw = tmp_path / "mic.raw"
    silence = b"\x00\x00" * 16000
    raw.write_bytes(silence + convert_all(pcm, fmt) + silence)
    return raw


@pytest.mark.slow
def test_disk_microphone_reply_is_transcribed(
    ko_model_path: Path, speech_raw: Path, tmp_path: Path
) -> None:
    keep = tmp_path / "reply.wav"
    # 16 ms per 64 ms buffer: four times real time, with the real callback and queue
    out = json.loads(
        probe(sdl_env(tmp_path, speech_raw, delay_ms=16), "capture", str(ko_model_path), str(keep))
    )
    assert "서비스" in out["text"]
    assert out["end_reason"] == "trailing_silence"
    assert out["saw_partial"]
    assert out["device"]
    speech_end = 1.0 + 4.45  # leading silence + the line
    assert speech_end < out["duration"] < speech_end + 2.5
    service = next(w for w in out["words"] if "서비스" in w["word"])
    assert 2.2 < service["start"] < 3.4  # shifted by the 1 s of leading silence
    pcm, fmt = read_wav(keep)
    assert (fmt.rate, fmt.channels, fmt.width) == (16000, 1, 2)
    assert out["latency"] < 2.0


def test_captured_bytes_are_the_device_bytes(tmp_path: Path) -> None:
    raw = tmp_path / "in.raw"
    raw.write_bytes(bytes(range(256)) * 40)
    # paced (16 ms per buffer): unpaced, a slow consumer on a loaded machine would see the
    # bounded queue drop its oldest chunks, by design
    got = bytes.fromhex(probe(sdl_env(tmp_path, raw, delay_ms=16), "bytes", "2000"))
    assert got == raw.read_bytes()[:2000]


def test_muted_microphone_queues_nothing(tmp_path: Path) -> None:
    raw = tmp_path / "in.raw"
    raw.write_bytes(b"\x10\x20" * 16000 * 5)
    out = json.loads(probe(sdl_env(tmp_path, raw, delay_ms=10), "mute"))
    assert out["muted"] == 0 and out["level_muted"] == 0.0 and out["unmuted"] > 0


def test_playback_is_non_blocking_with_stop_and_replay(ko_wav: Path, tmp_path: Path) -> None:
    out = json.loads(probe(sdl_env(tmp_path, delay_ms=None), "play", str(ko_wav)))
    assert 4.0 < out["length"] < 5.0
    assert out["during"] == [True, True]
    assert out["after_stop"] == [False, False]
    assert out["replayed"] is True


def test_device_choice_and_no_device() -> None:
    names = ["Built-in Microphone", "USB Headset Mic"]
    assert choose_device(names, None) == "Built-in Microphone"
    assert choose_device(names, "usb") == "USB Headset Mic"
    with pytest.raises(HoldlineError, match="no microphone named 'webcam'"):
        choose_device(names, "webcam")
    with pytest.raises(HoldlineError) as err:
        choose_device([], None)
    assert str(err.value) == NO_DEVICE and "typed replies" in NO_DEVICE
    assert level_from_db(-100) == 0.0 and level_from_db(0) == 1.0


def test_mic_test_without_audio_system_fails_in_one_line(tmp_path: Path) -> None:
    for args in (["mic-test", "--list"], ["mic-test", "--seconds", "1"]):
        done = run_cli(*args, env={"SDL_AUDIODRIVER": "no-such-driver"})
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and "no microphone found" in done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_mic_test_lists_and_listens_on_the_disk_device(
    ko_model_path: Path, speech_raw: Path, tmp_path: Path
) -> None:
    env = sdl_env(tmp_path, speech_raw, delay_ms=16)
    done = run_cli("mic-test", "--list", env=env)
    assert done.returncode == 0 and done.stdout.strip()
    done = run_cli("mic-test", "--seconds", "8", "--model", str(ko_model_path), env=env)
    assert done.returncode == 0, done.stderr
    assert "heard:" in done.stdout and "서비스" in done.stdout
