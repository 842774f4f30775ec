"""`holdline review`: the overview, skipped files, CSV, redaction, and the 1,000-session budget."""

from __future__ import annotations

import csv
import json
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.review.collect import load_all
from simulator.review.overview import build_review
from simulator.review.report import ReportOptions
from simulator.review.samples import write_sessions

from .conftest import EMAIL, PHONE, write_tricky_session

BROKEN = {
    "truncated.json": '{"schema_version": 1, "session_id": "x", "turns": [{"node": "a"',
    "newer.json": '{"schema_version": 2, "session_id": "future"}',
    "empty.json": "",
    "list.json": "[1, 2, 3]",
    "bad-score.json": None,  # filled in from a real session below
    "deep.json": "[" * 100000 + "]" * 100000,
}


@pytest.fixture
def team(tmp_path: Path) -> Path:
    root = tmp_path / "sessions"
    write_sessions(root, 24, seed=3)
    write_tricky_session(root / "eve")
    write_tricky_session(root / "eve", finish=False)
    sessions = (json.loads(p.read_text()) for p in sorted(root.glob("*.json")))
    good = next(s for s in sessions if s["turns"])  # glob order varies; some have no turns
    good["turns"][0]["scores"]["empathy"] = "very"
    for name, text in BROKEN.items():
        (root / "broken").mkdir(exist_ok=True)
        content = json.dumps(good) if text is None else text
        (root / "broken" / name).write_text(content)
    (root / ".20261120T093000Z-x.json.123.tmp").write_text("{")  # a recorder temp file
    return root


def test_review_lists_sessions_and_skips_broken(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "review"
    assert main(["review", str(team), "-o", str(out), "--csv", str(tmp_path / "t.csv")]) == 0
    err = capsys.readouterr().err
    index = (out / "index.html").read_text()
    reports = sorted((out / "sessions").glob("*.html"))
    assert len(reports) == 26
    assert index.count('<a href="sessions/') == 26
    for report in reports:
        assert f'href="sessions/{report.name}"' in index
    assert "Skipped files (6)" in index
    reasons = {
        "truncated.json": "not valid JSON",
        "newer.json": "schema_version 2 is newer than this holdline understands",
        "empty.json": "empty file",
        "list.json": "expected a JSON object",
        "bad-score.json": "turns[0].scores.empathy: expected a number, got &#x27;very&#x27;",
        "deep.json": "nested too deeply",
    }
    for name, reason in reasons.items():
        assert re.search(rf"broken/{re.escape(name)}</code>: [^<]*{re.escape(reason)}", index)
        assert f"broken/{name}: " in err
    assert ".tmp" not in index
    assert 'class="badge o-unfinished"' in index


def test_overview_tables(team: Path, tmp_path: Path) -> None:
    build_review(team, tmp_path / "r", ReportOptions())
    index = (tmp_path / "r" / "index.html").read_text()
    assert '<table class="sortable" id="trainees">' in index
    assert '<table class="sortable" id="sessions">' in index
    for head in ("Date", "Trainee", "Scenario", "Empathy", "Firmness", "Boundary clarity",
                 "Outcome", "Weakest", "Change", "Trend"):  # fmt: skip
        assert f">{head}</th>" in index
    # the tricky trainee: escaped, one row, weakest dimension is boundary clarity (5 vs 12/41)
    row = re.search(r"<tr><td data-v=\"Eve &lt;b&gt;O&#x27;Neil&lt;/b&gt;\".*?</tr>", index)
    assert row and ">Boundary clarity</td>" in row.group(0)
    assert "<b>O'Neil</b>" not in index
    # one inline script, allowed by hash in the CSP
    assert index.count("<script>") == 1 and "script-src &#x27;sha256-" in index


def test_csv_one_row_per_turn(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    (team / "eve2").mkdir()
    path = write_tricky_session(team / "eve2")
    data = json.loads(path.read_text())
    data["trainee"] = '=HYPERLINK("http://x")'
    path.write_text(json.dumps(data))
    build_review(team, tmp_path / "r", ReportOptions(), out)
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    turns = sum(len(item.session.turns) for item in load_all(team)[0])
    assert len(rows) == turns
    assert list(rows[0]) == ["session", "started_at", "trainee", "scenario", "mode", "turn",
                             "node", "empathy", "firmness", "boundary_clarity", "outcome"]  # fmt: skip
    assert any(r["trainee"] == '\'=HYPERLINK("http://x")' for r in rows)
    assert all(r["outcome"] in {"good", "mixed", "bad", "unfinished", "quit"} for r in rows)


def test_redact_applies_to_every_output(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    assert (
        main(["review", str(team), "-o", str(out), "--redact", "--csv", str(tmp_path / "c.csv")])
        == 0
    )
    texts = [p.read_text() for p in out.rglob("*.html")] + [(tmp_path / "c.csv").read_text()]
    for text in texts:
        assert PHONE not in text and EMAIL not in text and "07700 900123" not in text
    assert any("[phone]" in t for t in texts)


def test_missing_folder_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(tmp_path / "nope"), "-o", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err == f"holdline: {tmp_path / 'nope'}: not a folder\n"


def test_empty_folder_gives_an_empty_overview(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    result = build_review(tmp_path / "s", tmp_path / "o", ReportOptions())
    assert result.reports == 0 and "No session files found." in result.index.read_text()


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("thousand")
    with pytest.MonkeyPatch.context() as mp:  # durability is not under test here: skip fsync
        mp.setattr("os.fsync", lambda fd: None)
        paths = write_sessions(root / "seed", 100, seed=11)
    # ten copies of each recorded session, each its own session a week apart
    for path in paths:
        data = json.loads(path.read_text())
        started = datetime.fromisoformat(data["started_at"].replace("Z", "+00:00"))
        for k in range(10):
            data["session_id"] = f"{path.stem}-{k}"
            data["started_at"] = (started + timedelta(days=7 * k)).isoformat()
            (root / f"{path.stem}-{k}.json").write_text(json.dumps(data))
        path.unlink()
    return root


def test_thousand_sessions_under_ten_seconds(thousand: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    result = build_review(thousand, tmp_path / "r", ReportOptions(redact=True), tmp_path / "c.csv")
    elapsed = time.perf_counter() - started
    assert result.reports == 1000 and not result.skipped
    print(f"1,000-session review (redacted, with CSV): {elapsed:.2f} s")
    assert elapsed < 10, f"1,000-session overview took {elapsed:.1f} s"


def test_rerun_removes_stale_reports_it_wrote(team: Path, tmp_path: Path) -> None:
    out = tmp_path / "r"
    build_review(team, out, ReportOptions())
    gone = write_tricky_session(team / "later")
    build_review(team, out, ReportOptions())
    stale = out / "sessions" / f"{gone.stem}.html"
    assert stale.exists()
    mine = out / "sessions" / "trainer-notes.html"
    mine.write_text("<p>my own notes</p>")
    gone.unlink()
    build_review(team, out, ReportOptions(redact=True))
    assert not stale.exists() and mine.exists()
    assert len(list((out / "sessions").glob("*.html"))) == 27
