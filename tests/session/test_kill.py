"""`kill -9` during a real-time session: every finished turn is still on disk, as valid JSON."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.errors import InputError
from simulator.session.record import load_session
from tests.conftest import REPO, SCENARIOS

SCENARIO = SCENARIOS / "en" / "pharmacy-exhausted-parent.yaml"


def turns_on_disk(folder: Path) -> int:
    """Finished turns as a reader sees them (the snapshot with its journal folded in)."""
    for path in folder.glob("*.json"):
        try:
            return len(load_session(path).turns)
        except InputError:
            return -1  # never expected: the snapshot is atomic, a torn journal line ignored
    return 0


@pytest.mark.slow
def test_kill_9_keeps_every_finished_turn(tmp_path: Path) -> None:
    plan_replies = [
        "That sounds exhausting. Let me get his prescription for you.",
        "I can hear how hard this is, but it's not something I can advise on. "
        "Let's get the prescription sorted.",
        "It's twice a day. I'll ask the pharmacist to show you the syringe.",
        "Your GP or a parents' helpline can help with that.",
    ]
    replies = tmp_path / "replies.txt"
    replies.write_text("\n".join(plan_replies) + "\n", encoding="utf-8")
    sessions = tmp_path / "sessions"
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy", "HOLDLINE_TTS_CACHE": str(tmp_path / "tts")}
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", "play", str(SCENARIO), "--headless", "--replies",
         str(replies), "--sessions", str(sessions), "--pace", "realtime"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while turns_on_disk(sessions) < 2:
            assert process.poll() is None, "the session ended before it could be killed"
            assert time.monotonic() < deadline, "no turns were saved"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    (path,) = sessions.glob("*.json")
    session = load_session(path)
    assert len(session.turns) >= 2
    assert session.outcome == "unfinished" and session.ended_at is None
    assert [t.reply_text for t in session.turns] == plan_replies[: len(session.turns)]
