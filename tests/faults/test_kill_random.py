"""kill -9 at random moments of a journaled session (mid-append, mid-finish): every turn the
writer reported as saved is read back, and a torn last journal line is ignored (issue 16)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from simulator.review.samples import SCENARIOS
from simulator.session.record import SessionRecorder, journal_path, load_session

from .conftest import REPO, quote_turn

WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from simulator.review.samples import SCENARIOS
    from simulator.session.record import SessionRecorder
    from tests.faults.conftest import quote_turn
    for k in range(1000):
        rec = SessionRecorder(sys.argv[1], trainee="Kill", scenario=SCENARIOS[0][0])
        for i in range(int(sys.argv[3])):
            rec.add_turn(quote_turn(f"reply {i} " + "x" * (i * 97 % 3000), []))
            print(rec.path, i + 1, flush=True)
        rec.finish("good", "end", "done")
        print(rec.path, "finished", flush=True)
    """
)


def test_kill_9_at_random_moments_keeps_every_reported_turn(tmp_path: Path) -> None:
    rng = random.Random(16)
    for attempt in range(12):
        folder = tmp_path / f"run{attempt}"
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(folder), str(REPO), str(rng.randint(1, 12))],
            stdout=subprocess.PIPE, text=True, cwd=REPO,
        )  # fmt: skip
        assert child.stdout is not None
        child.stdout.readline()  # the first turn is on disk: the writer is under way
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(child.pid, signal.SIGKILL)
        reported: dict[str, int | str] = {}
        for line in child.stdout.read().splitlines():
            path, _, what = line.rpartition(" ")
            if what != "finished" and not what.isdigit():
                continue  # the kill cut this line of the writer's own report short
            reported[path] = what if what == "finished" else int(what)
        child.wait(timeout=10)
        for path in folder.glob("*.json"):
            session = load_session(path)
            said = reported.get(str(path))
            if said == "finished":
                assert session.outcome == "good"
            elif isinstance(said, int):
                assert len(session.turns) >= said
            assert [t.reply_text.split(" x")[0].strip() for t in session.turns] == [
                f"reply {i}" for i in range(len(session.turns))
            ]


def test_torn_last_journal_line_is_ignored(tmp_path: Path) -> None:
    rec = SessionRecorder(tmp_path, trainee="Ann", scenario=SCENARIOS[0][0])
    rec.add_turn(quote_turn("first", []))
    rec.add_turn(quote_turn("second", []))
    with journal_path(rec.path).open("ab") as fh:
        fh.write(b'{"node": "ask", "client_text": "cut off by a cra')
    assert [t.reply_text for t in load_session(rec.path).turns] == ["first", "second"]
