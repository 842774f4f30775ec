"""Saving under a full disk, a read-only or removed folder: play stops with one line that says
what is kept and where, exits 1, and every turn it reports as kept is on disk (issue 16)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.review.samples import SCENARIOS as SAMPLE_SCENARIOS
from simulator.session.record import SaveFailed, SessionRecorder, load_session

from .conftest import REPO, holdline, one_line_error, quote_turn, tmpfs

SCENARIO = REPO / "scenarios" / "en" / "pharmacy-exhausted-parent.yaml"
REPLIES = [
    "That sounds exhausting. Let me get his prescription for you.",
    "I can hear how hard this is, but it's not something I can advise on. "
    "Let's get the prescription sorted.",
    "It's twice a day. I'll ask the pharmacist to show you the syringe.",
    "Your GP or a parents' helpline can help with that.",
]
PAGE = 4096


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real tmpfs of 64 KB."""
    with tmpfs(tmp_path / "disk", "size=64k") as mount:
        yield mount


def fill(disk: Path, leave_pages: int) -> None:
    """Fill the disk so that only ``leave_pages`` pages stay free."""
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * max(0, free - leave_pages * PAGE))


def kept_turns(line: str) -> int:
    if "no turns" in line:
        return 0
    if "turn 1 kept" in line:
        return 1
    return int(line.split("turns 1-")[1].split()[0])


@pytest.mark.parametrize("front", ["--headless", "--text"])
def test_full_disk_stops_play_with_one_line(small_disk: Path, tmp_path: Path, front: str) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_text("\n".join(REPLIES) + "\n", encoding="utf-8")
    sessions = small_disk / "sessions"
    sessions.mkdir()
    fill(small_disk, leave_pages=2)  # the snapshot and about one turn's journal page
    result = holdline("play", str(SCENARIO), front, "--replies", str(replies), "--sessions",
                      str(sessions), "--no-audio", "--trainee", "Dana",
                      env={"HOLDLINE_TTS_CACHE": str(tmp_path / "tts")})  # fmt: skip
    line = one_line_error(result)
    assert "cannot save" in line and "No space left on device" in line, line
    (path,) = sessions.glob("*.json")
    assert str(path) in line
    session = load_session(path)
    assert len(session.turns) == kept_turns(line) < len(REPLIES)
    assert [t.reply_text for t in session.turns] == REPLIES[: len(session.turns)]


def test_full_disk_leaves_the_journal_as_it_was(small_disk: Path) -> None:
    scenario = SAMPLE_SCENARIOS[0][0]
    rec = SessionRecorder(small_disk, trainee="Ann", scenario=scenario)
    rec.add_turn(quote_turn("first reply", []))
    before = rec.journal.read_bytes()
    fill(small_disk, leave_pages=0)
    big = quote_turn("x" * 20_000, [])
    with pytest.raises(SaveFailed, match=r"cannot save turn 2 \(No space left on device\); turn 1"):
        rec.add_turn(big)
    assert rec.journal.read_bytes() == before  # a partly written line was cut back
    assert [t.reply_text for t in load_session(rec.path).turns] == ["first reply"]
    rec.finish_unfinished("stopped")  # quiet after a reported failure, never a traceback


def test_read_only_folder(small_disk: Path) -> None:
    rec = SessionRecorder(small_disk, trainee="Ann", scenario=SAMPLE_SCENARIOS[0][0])
    rec.add_turn(quote_turn("first reply", []))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(SaveFailed, match="Read-only file system"):
            rec.add_turn(quote_turn("second reply", []))
        with pytest.raises(SaveFailed, match=r"cannot save the end of the session.*turn 1 kept"):
            rec.finish("good", "end", "done")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert len(load_session(rec.path).turns) == 1


def test_removed_folder(tmp_path: Path) -> None:
    rec = SessionRecorder(tmp_path / "s", trainee="Ann", scenario=SAMPLE_SCENARIOS[0][0])
    shutil.rmtree(tmp_path / "s")
    with pytest.raises(SaveFailed, match=r"cannot save turn 1 \(No such file or directory\)"):
        rec.add_turn(quote_turn("first reply", []))
