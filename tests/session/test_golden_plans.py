"""Every shipped scenario's golden plan, walked through the engine with the real scorer.

The walk is `holdline validate`'s (simulator/replay.py), so the test and a trainer's check agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.replay import replay_plan
from simulator.scenario.loader import load_scenario, load_yaml, validate
from simulator.scenario.plan import Plan
from simulator.scenario.validate import plan_for_scenario
from tests.scenario.test_library import IDS, SCENARIO_FILES


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_golden_plan(path: Path) -> None:
    loaded = load_yaml(plan_for_scenario(path))
    plan = validate(loaded, Plan)
    assert [str(p) for p in replay_plan(loaded, plan, load_scenario(path), path)] == []
