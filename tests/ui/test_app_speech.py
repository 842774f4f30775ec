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


def test_two_unrecognisable_spoken_replies_are_not_scored(
    tmp_path: Path, model: Path, korean_wav: Path
) -> None:
    """Real espeak-ng Korean through the real Vosk recogniser, in an English scenario: both
    replies are heard as the wrong language, asked for again, and never saved as turns; the
    typed reply after them is the first (and only) scored turn, at the first node."""
    replies = tmp_path / "replies.txt"
    typed = "I can see this is hard. I can't do that, but I can help you with the form."
    replies.write_text(f"{korean_wav}\n{korean_wav}\n{typed}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "play", str(SCENARIO), "--headless", "--replies",
         str(replies), "--sessions", str(tmp_path / "s"), "--model", str(model)],
        capture_output=True, text=True, cwd=REPO, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (path,) = (tmp_path / "s").glob("*.json")
    session = load_session(path)
    assert [t.reply_source for t in session.turns] == ["scripted"], "no speech turn was scored"
    (turn,) = session.turns
    assert turn.reply_text == typed
    from simulator.scenario.playable import open_playable

    assert turn.node == open_playable(SCENARIO).scenario.start, "the story did not move on"
    (summary,) = [line for line in result.stdout.splitlines() if str(path) in line]
    assert summary.startswith("Outcome: ") and "Empathy" in summary, "play ends with one line"


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
    return any(
        sum(all("\uac00" <= ch <= "\ud7a3" for ch in word) for word in p.split()) >= 4
        for p in partials
    )


def test_push_to_talk_through_sdl_capture(tmp_path: Path, model: Path, korean_wav: Path) -> None:
    report = drive(tmp_path, model, korean_wav, "push-to-talk")
    assert report["played_bytes"] > 22050, "the client's first line was played"
    assert report["replayed_bytes"] > report["played_bytes"] * 1.5, "R replayed the line"
    assert heard_speech(report["partials"]), report["partials"]
    assert report["attempts"] == 2 and report["unscored_after_unclear"], "unclear: not scored"
    assert "type" in report["message"].lower(), "after two, typing is offered"
    (turn,) = load_session(report["session"]).turns
    assert turn.reply_source == "typed"


def test_hands_free_reply_ends_on_a_pause(tmp_path: Path, model: Path, korean_wav: Path) -> None:
    report = drive(tmp_path, model, korean_wav, "hands-free")
    assert heard_speech(report["partials"]), report["partials"]
    assert report["attempts"] == 2 and report["unscored_after_unclear"]
    (turn,) = load_session(report["session"]).turns
    assert turn.reply_source == "typed"
    assert report["gaps_ms"], "the client answered"
