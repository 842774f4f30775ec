"""A save costs the same at any length of session (issue 16: every turn rewrote and revalidated
the whole file, 37 → 73 ms per turn over 1,000 replies). Measured in bytes, not seconds, so the
test does not depend on the machine: each turn writes its own line and nothing else."""

from __future__ import annotations

from pathlib import Path

from simulator.review.samples import SCENARIOS
from simulator.session.record import SessionRecorder, journal_path, load_session

from .conftest import quote_turn


def test_each_turn_writes_only_its_own_line(tmp_path: Path) -> None:
    rec = SessionRecorder(tmp_path, trainee="Ann", scenario=SCENARIOS[0][0])
    snapshot = rec.path.stat()
    written = []
    for i in range(300):
        turn = quote_turn(f"reply number {i:03d}, the same length each time", [])
        before = journal_path(rec.path).stat().st_size if i else 0
        rec.add_turn(turn)
        written.append(journal_path(rec.path).stat().st_size - before)
        assert rec.path.stat().st_mtime_ns == snapshot.st_mtime_ns  # the snapshot is untouched
    assert len(set(written)) == 1  # turn 300 costs what turn 1 cost
    assert rec.turns_saved == 300 and len(load_session(rec.path).turns) == 300
    rec.finish("good", "end", "done")
    assert len(load_session(rec.path).turns) == 300 and not journal_path(rec.path).exists()
