"""`holdline say`, `holdline transcribe`: real output, clean one-line failures, exit code 1."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest
from speech_helpers import run_cli

SHORT_KO = "안녕하세요 저는 고객 서비스 담당자입니다"  # 3.6 s: the CLI test loads the model twice


def test_say_writes_a_wav_and_prints_one_clean_line(tmp_path: Path) -> None:
    out = tmp_path / "line.wav"
    done = run_cli(
        "say",
        "Please calm down, I can help.",
        "--voice",
        "en-gb+f3",
        "--rate",
        "190",
        "--pitch",
        "60",
        "--mood",
        "anxious",
        "--out",
        str(out),
        "--cache",
        str(tmp_path / "cache"),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"{out}: {done.stdout.split(': ')[1].strip()}"]
    assert "Audio saved" not in done.stdout + done.stderr
    with wave.open(str(out), "rb") as w:
        assert w.getframerate() == 22050 and w.getnframes() > 22050


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["say", "hi", "--voice", "xx-nowhere"], "no voice 'xx-nowhere'"),
        (["say", "   "], "nothing to say"),
        (["say", "hi", "--mood", "sleepy"], "unknown mood"),
    ],
)
def test_say_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    done = run_cli(*args, "--out", str(tmp_path / "x.wav"), "--cache", str(tmp_path / "c"))
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert not (tmp_path / "x.wav").exists()


@pytest.mark.slow
def test_transcribe_json(tmp_path: Path, ko_model_path: Path) -> None:
    wav = tmp_path / "ko.wav"
    assert (
        run_cli(
            "say", SHORT_KO, "--voice", "ko", "--out", str(wav), "--cache", str(tmp_path / "c")
        ).returncode
        == 0
    )
    done = run_cli("transcribe", str(wav), "--model", str(ko_model_path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert "서비스" in data["text"]
    assert set(data) >= {"text", "words", "duration", "model", "language", "rtf"}
    assert all(set(w) == {"word", "start", "end", "conf"} for w in data["words"])
    assert 3.0 < data["duration"] < 4.0
    plain = run_cli("transcribe", str(wav), "--model", "ko")
    assert plain.returncode == 0 and "서비스" in plain.stdout and "{" not in plain.stdout


def test_transcribe_bad_input_fails_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    corrupt = tmp_path / "corrupt.wav"
    corrupt.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 7)
    good = tmp_path / "good.wav"
    with wave.open(str(good), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x00" * 1600)
    cases = [
        ([str(empty)], "empty"),
        ([str(corrupt)], "not a readable PCM WAV"),
        ([str(tmp_path / "missing.wav")], "no such audio file"),
        ([str(good), "--model", "xx"], "no speech model for language 'xx'"),
        ([str(good), "--model", str(tmp_path / "nope")], "model directory not found"),
        ([str(good), "--model", str(tmp_path)], "not a Vosk model directory"),
    ]
    for args, message in cases:
        done = run_cli("transcribe", *args, env={"HOLDLINE_MODELS": str(tmp_path / "m")})
        assert done.returncode == 1, args
        assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
