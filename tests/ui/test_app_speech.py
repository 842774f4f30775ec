"""The app with real speech: espeak-ng voices, SDL capture from a file, the real Vosk model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.session.record import load_session
from tests.conftest import KO_TEXT, REPO, SCENARIOS

pytestmark = pytest.mark.slow
SCENARIO = SCENARIOS / "en" / "pharmacy-exhausted-parent.yaml"


@pytest.fixture(scope="module")
def model(ko_model_path: Path) -> Path:
    return ko_model_path


@pytest.fixture(scope="module")
def korean_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from simulator.speech.tts import TextToSpeech

    with TextToSpeech(tmp_path_factory.mktemp("tts")) as tts:
        return tts.render(KO_TEXT, "ko")


def test_wav_reply_goes_through_the_real_recogniser(tmp_path: Path, model: Path, korean_wav: Path) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text(f"{korean_wav}\n{korean_wav}\n", encoding="utf-8")  # asked again once
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "play", str(SCENARIO), "--headless", "--replies",
         str(replies), "--sessions", str(tmp_path / "s"), "--model", str(model)],
        capture_output=True, text=True, cwd=REPO, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "s").glob("*.json")
    session = load_session(path)
    (turn,) = session.turns
    assert turn.reply_source == "speech"
    assert "서비스" in turn.reply_text
    starts = [w.start for w in turn.words]
    assert starts == sorted(starts) and all(0 <= w.start < w.end < 10 for w in turn.words)
    assert turn.reply_audio and (path.parent / turn.reply_audio).is_file()
    assert "wrong_language" in turn.flags, "Korean speech in an English scenario is flagged"


def drive(tmp_path: Path, model: Path, korean_wav: Path, mode: str) -> dict:
    from simulator.speech.audio import VOSK_FORMAT, convert_all, read_wav

    pcm, fmt = read_wav(korean_wav)
    speech = tmp_path / "speech.raw"
    speech.write_bytes(convert_all(pcm, fmt, VOSK_FORMAT))
    env = {**os.environ, "SDL_AUDIODRIVER": "disk",
           "SDL_DISKAUDIOFILE": str(tmp_path / "speaker.raw"),
           "HOLDLINE_TTS_CACHE": str(tmp_path / "tts")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("speech_driver.py")), str(SCENARIO),
         str(model), str(tmp_path / "s"), str(speech), mode],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    return json.loads(result.stdout.strip().splitlines()[-1])


def heard_speech(partials: list[str]) -> bool:
    """Vosk's Korean model hears espeak-ng's Korean through SDL capture imperfectly, and where
    capture starts in the audio varies: one run gives "...고객 서비스...", the next "...요소가
    수업일수 남덕 니다...". A partial of four or more Korean words, which silence or a click
    never gives, shows real speech got through."""
    return any(sum(all("\uac00" <= ch <= "\ud7a3" for ch in word) for word in p.split()) >= 4
               for p in partials)


def test_push_to_talk_through_sdl_capture(tmp_path: Path, model: Path, korean_wav: Path) -> None:
    report = drive(tmp_path, model, korean_wav, "push-to-talk")
    assert report["played_bytes"] > 22050, "the client's first line was played"
    assert report["replayed_bytes"] > report["played_bytes"] * 1.5, "R replayed the line"
    assert heard_speech(report["partials"]), report["partials"]
    turn = load_session(report["session"]).turns[0]
    assert turn.reply_source == "speech" and turn.words and turn.reply_audio
    assert "wrong_language" in turn.flags  # Korean in an English scenario, asked once more
    assert turn.timings.response_gap_ms is not None


def test_hands_free_reply_ends_on_a_pause(tmp_path: Path, model: Path, korean_wav: Path) -> None:
    report = drive(tmp_path, model, korean_wav, "hands-free")
    assert heard_speech(report["partials"]), report["partials"]
    turn = load_session(report["session"]).turns[0]
    assert turn.reply_source == "speech" and report["attempts"] == 2
    assert turn.delivery and turn.delivery["speaking_rate_wpm"] > 0
    assert report["gaps_ms"], "the client answered"
