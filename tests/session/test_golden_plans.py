"""Every shipped scenario's golden plan, played through the turn controller (as headless runs
are) with the real scorer and a real session file."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.plan import Plan
from simulator.scenario.playable import open_playable
from simulator.scenario.validate import plan_for_scenario
from simulator.session.record import load_session
from simulator.session.runner import PracticeSession
from simulator.session.turns import QueueLoop, TurnController, TurnState
from simulator.yamlfile import load_yaml, validate
from tests.scenario.test_library import IDS, SCENARIO_FILES


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_golden_plan(path: Path, tmp_path: Path) -> None:
    playable = open_playable(path)
    plan = validate(load_yaml(plan_for_scenario(path)), Plan)
    for i, run in enumerate(plan.runs):
        session = PracticeSession(playable, run.name, tmp_path / str(i), "practice", "headless")
        turns = TurnController(QueueLoop(), session, script=run.replies, background=False)
        turns.begin()
        while turns.state == TurnState.YOUR_TURN:
            turns.feed_script()
        engine = session.engine
        assert engine.path == run.path, f"{run.name}: took {engine.path}"
        assert engine.outcome == run.outcome, f"{run.name}: ended {engine.outcome}"
        assert turns.finished and turns.ending is not None
        saved = load_session(session.path)
        assert saved.outcome == run.outcome.value and len(saved.turns) == len(run.replies)
