"""`holdline review`/`report` against hostile inputs and outputs (issue 16): a date that leaves
the calendar, outputs that would overwrite a session or a stranger's file, and file names that
carry terminal escape sequences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import holdline, one_line_error, quote_turn, write_session


def test_a_date_at_the_edge_of_the_calendar_is_skipped_not_fatal(
    sessions: Path, tmp_path: Path
) -> None:
    good = write_session(sessions, [quote_turn("fine", [])])
    data = json.loads(good.read_text())
    data["started_at"] = "0001-01-01T00:00:00+01:00"  # one hour before the year 1 in UTC
    data["session_id"] = "edge"
    (sessions / "edge.json").write_text(json.dumps(data))
    result = holdline("review", str(sessions), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "skipped" in result.stderr and "edge.json" in result.stderr
    assert "(1 reports, 1 files skipped)" in result.stdout
    one = holdline("report", str(sessions / "edge.json"), "-o", str(tmp_path / "r.html"))
    assert "edge.json" in one_line_error(one)


def test_report_refuses_to_overwrite_its_input(sessions: Path) -> None:
    path = write_session(sessions, [quote_turn("fine", [])])
    before = path.read_bytes()
    line = one_line_error(holdline("report", str(path), "-o", str(path)))
    assert "input session" in line
    assert path.read_bytes() == before


@pytest.mark.parametrize("option", ["--csv", "-o-index"])
def test_review_refuses_to_overwrite_a_session(sessions: Path, tmp_path: Path, option: str) -> None:
    path = write_session(sessions, [quote_turn("fine", [])])
    before = path.read_bytes()
    if option == "--csv":
        args = ["review", str(sessions), "-o", str(tmp_path / "out"), "--csv", str(path)]
    else:  # the index page named like a session file the review reads
        (sessions / "index.html").write_text("my own notes")
        args = ["review", str(sessions), "-o", str(sessions)]
    line = one_line_error(holdline(*args))
    assert "input session" in line or "not written by holdline" in line
    assert path.read_bytes() == before
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_report_refuses_a_file_it_did_not_write(sessions: Path, tmp_path: Path) -> None:
    path = write_session(sessions, [quote_turn("fine", [])])
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    line = one_line_error(holdline("report", str(path), "-o", str(notes)))
    assert "not written by holdline" in line and notes.read_text() == "my notes"
    ours = tmp_path / "r.html"
    assert holdline("report", str(path), "-o", str(ours)).returncode == 0
    assert holdline("report", str(path), "-o", str(ours)).returncode == 0  # its own page: fine


def test_escape_sequences_in_file_names_are_shown_escaped(sessions: Path, tmp_path: Path) -> None:
    hostile = sessions / "\x1b]0;owned\x07\x1b[2Jx\nfake.json"
    hostile.write_text("{broken")
    result = holdline("review", str(sessions), "-o", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b[2J" in result.stderr
    missing = holdline("report", str(hostile), "-o", str(tmp_path / "r.html"))
    assert "\x1b" not in missing.stderr and "\\x1b]0;owned" in one_line_error(missing)
