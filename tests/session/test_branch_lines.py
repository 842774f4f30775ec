"""A branch's own client line, end to end: the terminal says it, the session keeps it, the
report shows it before the next node's line."""

from __future__ import annotations

import io
from pathlib import Path

from simulator.cli import main
from simulator.scenario.playable import open_playable
from simulator.session.record import load_session
from simulator.session.runner import PracticeSession
from simulator.session.terminal import TerminalConversation
from tests.conftest import SCENARIOS
from tests.session.test_engine import BRANCH_LINES


def test_branch_line_is_said_saved_and_reported(tmp_path: Path) -> None:
    rubric = (SCENARIOS / "rubrics" / "en.yaml").resolve()
    scenario = tmp_path / "s.yaml"
    scenario.write_text(BRANCH_LINES.replace("rubric: rubric.yaml", f"rubric: {rubric}"), "utf-8")
    session = PracticeSession(open_playable(scenario), "Dana", tmp_path / "sessions", front_end="text")
    replies = iter(["I'm so sorry, that must be really hard for you.", "Let's close it <now>."])
    out = io.StringIO()
    TerminalConversation(session, read=lambda prompt: next(replies), out=out).run()
    shown = out.getvalue()
    assert shown.index("My husband left me.") < shown.index("Oh, thank you.")
    assert shown.index("Oh, thank you.") < shown.index("Anyway, the account.")

    saved = load_session(session.path)
    assert saved.outcome == "good"
    assert [(t.node, t.branch_line) for t in saved.turns] == [
        ("opening", None),
        ("middle", "Oh, thank you."),
    ]
    report = tmp_path / "report.html"
    assert main(["report", str(session.path), "-o", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    assert '<span class="branch-line">Oh, thank you.</span> Anyway, the account.' in html
