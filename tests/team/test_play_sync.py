"""Sync after play: with a team server configured, ``holdline play`` uploads each finished
session in the background; a server that refuses or never answers costs practice nothing and
prints one line, no traceback; the next sync uploads what was left."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_holdline

from .conftest import PASSWORD, Server

SCENARIO = REPO / "scenarios" / "en" / "pharmacy-exhausted-parent.yaml"
EXIT_WAIT_S = 5.0  # play.EXIT_SYNC_WAIT_S


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections (the kernel does) and never answers: a server that hangs."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def play(tmp_path: Path, *extra: str, front: str = "--text") -> tuple[float, str]:
    tmp_path.mkdir(exist_ok=True)
    replies = tmp_path / "replies.txt"
    replies.write_text("I can hear how tired you are.\nI cannot do that, but here is what I can do.\n")
    started = time.monotonic()
    done = run_holdline(
        "play", SCENARIO, front, "--replies", replies, "--no-audio", "--trainee", "Jonas Berg",
        "--sessions", tmp_path / "sessions", *extra,
        env={"HOLDLINE_CONFIG": str(tmp_path / "settings.json"), "HOLDLINE_PASSWORD": PASSWORD,
             "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
        timeout=120,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return elapsed, done.stderr


def held(server: Server) -> set[str]:
    return {s["session_id"] for s in server.api("GET", "/api/sessions", "jonas")[1]["sessions"]}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_play_syncs_each_session_and_remembers_the_server(server: Server, tmp_path: Path) -> None:
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    _, err = play(tmp_path, "--server", server.url, "--server-user", "jonas")
    assert f"holdline: synced to {server.url}: uploaded 1" in err
    first = held(server)
    assert len(first) == 1
    _, err = play(tmp_path, front="--headless")  # the window's debrief; server and user saved
    assert f"synced to {server.url}: uploaded 1" in err
    saved = {p.stem for p in (tmp_path / "sessions").glob("*.json")}
    assert held(server) == saved and len(saved) == 2


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_unreachable_server_never_holds_practice_up(
    server: Server, silent_server: str, tmp_path: Path
) -> None:
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    offline, err = play(tmp_path / "offline")
    assert err.strip() == ""  # no server configured: nothing said

    _, err = play(tmp_path, "--server", "http://127.0.0.1:9", "--server-user", "jonas")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the team server at http://127.0.0.1:9" in lines[0]
    assert "the next sync uploads it" in lines[0]

    hung, err = play(tmp_path, "--server", silent_server, front="--headless")
    assert err.strip().splitlines() == ["holdline: sync still running at exit: left for the next sync"]
    assert hung < offline + EXIT_WAIT_S + 10  # the wait at exit is capped

    assert held(server) == set()
    _, err = play(tmp_path, "--server", server.url)  # the next sync takes all three
    assert f"synced to {server.url}: uploaded 3" in err
    assert held(server) == {p.stem for p in (tmp_path / "sessions").glob("*.json")}
