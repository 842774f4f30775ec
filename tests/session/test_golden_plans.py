"""Every shipped scenario's golden plan, walked through the engine with the real scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.loader import load_scenario, load_yaml, validate
from simulator.scenario.plan import Plan
from simulator.scenario.validate import plan_for_scenario
from simulator.scoring import load_scorer
from simulator.session.engine import ConversationEnded, ConversationEngine, Reply
from tests.scenario.test_library import IDS, SCENARIO_FILES


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_golden_plan(path: Path) -> None:
    scenario = load_scenario(path)
    scorer = load_scorer(path.parent / scenario.rubric)
    plan = validate(load_yaml(plan_for_scenario(path)), Plan)
    for run in plan.runs:
        engine = ConversationEngine(scenario, scorer)
        events = engine.start()
        for text in run.replies:
            assert not engine.finished, f"{run.name}: ended early at {engine.path}"
            events = engine.reply(Reply(text, source="scripted"))
        assert engine.path == run.path, f"{run.name}: took {engine.path}"
        assert isinstance(events[-1], ConversationEnded)
        assert engine.outcome == run.outcome
