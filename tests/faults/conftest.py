"""Fault injection: each test reproduces a break found by attacking holdline (issue 16) with real
files, processes and engines, and checks the one-line, non-zero, nothing-lost answer."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from simulator.review.samples import SCENARIOS
from simulator.scoring.evidence import Evidence
from simulator.session.record import Scores, SessionRecorder, Turn

REPO = Path(__file__).resolve().parents[2]


def quote_turn(reply: str, quotes: list[str]) -> Turn:
    """A turn whose evidence quotes the given phrases of the reply, as the scorer does."""
    evidence = []
    for phrase in quotes:
        at = reply.index(phrase)
        evidence.append(
            Evidence(
                dimension="boundary_clarity",
                indicator="share_personal_info",
                points=-10,
                start=at,
                end=at + len(phrase),
                text=phrase,
            )  # fmt: skip
        )
    return Turn(node="ask", client_text="Can I have your number?", reply_text=reply,
                reply_source="typed", scores=Scores(empathy=50, firmness=50, boundary_clarity=50),
                evidence=evidence)  # fmt: skip


def write_session(
    directory: Path, turns: list[Turn], trainee: str = "Eve", language: int = 1
) -> Path:
    scenario, _, _, debrief = SCENARIOS[language]
    rec = SessionRecorder(directory, trainee=trainee, scenario=scenario, front_end="text",
                          started_at=datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc))  # fmt: skip
    for turn in turns:
        rec.add_turn(turn)
    rec.finish("bad", "accept", "done")
    return rec.path


def holdline(
    *args: str, cwd: Path | None = None, timeout: float = 120, **kw: object
) -> subprocess.CompletedProcess[str]:
    """The real command in a child process (exit code, stdout and stderr as a user sees them)."""
    env = {
        **os.environ,
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "SDL_AUDIODRIVER": "dummy",
        "SDL_VIDEODRIVER": "dummy",
        **kw.pop("env", {}),
    }  # type: ignore[dict-item]
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args], cwd=cwd or REPO, env=env, text=True,
        capture_output=True, timeout=timeout, check=False, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("holdline: ")]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    path = tmp_path / "sessions"
    path.mkdir()
    return path


@contextlib.contextmanager
def tmpfs(mount: Path, options: str) -> Iterator[Path]:
    """A real tmpfs at ``mount`` (needs root, as on the project's machines; else skipped)."""
    mount.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)],
                          capture_output=True, check=False)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
