"""The shipped scenario library: valid, complete, and covering what the brief asks for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from simulator.check import run
from simulator.scenario.lint import reachable_from, successors
from simulator.scenario.model import Category, Scenario
from simulator.scenario.plan import Plan
from simulator.scenario.playable import load_scenario
from simulator.scenario.validate import plan_for_scenario
from simulator.vocabulary import Outcome
from simulator.yamlfile import load_yaml, validate
from tests.conftest import SCENARIOS

SCENARIO_FILES = sorted(
    p
    for lang in ("en", "ru", "zh")
    for p in (SCENARIOS / lang).glob("*.yaml")
    if not p.name.endswith(".plan.yaml")
)
IDS = [f"{p.parent.name}/{p.stem}" for p in SCENARIO_FILES]


def test_whole_library_validates_without_errors_or_warnings() -> None:
    report = run([SCENARIOS])
    assert [str(p) for p in report.problems] == []
    assert report.ok


def test_library_size_and_coverage() -> None:
    scenarios = [load_scenario(p) for p in SCENARIO_FILES]
    by_language = Counter(s.language for s in scenarios)
    assert by_language["en"] >= 12 and by_language["ru"] >= 3 and by_language["zh"] >= 3
    english = Counter(s.category for s in scenarios if s.language == "en")
    assert set(english) == set(Category)
    for category in Category:
        if category is not Category.out_of_scope:
            assert english[category] >= 2, category
    assert len({s.id for s in scenarios}) == len(scenarios), "scenario ids must be unique"


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_scenario_shape(path: Path) -> None:
    scenario = load_scenario(path)
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema.json"
    )
    assert path.parent.name == scenario.language
    turns = [n for n in scenario.nodes.values() if not n.is_end]
    assert len(turns) >= 5
    branching = [i for i in scenario.nodes if len(set(successors(scenario, i))) >= 2]
    assert len(branching) >= 2
    reachable = reachable_from(scenario, scenario.start)
    assert reachable == set(scenario.nodes)
    outcomes = {n.end.outcome for n in scenario.nodes.values() if n.end}
    assert {Outcome.good, Outcome.bad} <= outcomes
    assert len(scenario.debrief) >= 2


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_golden_plan_separates_good_and_poor_trainees(path: Path) -> None:
    scenario: Scenario = load_scenario(path)
    plan = validate(load_yaml(plan_for_scenario(path)), Plan)
    outcomes = [run.outcome for run in plan.runs]
    assert Outcome.good in outcomes and Outcome.bad in outcomes
    paths = {tuple(run.path) for run in plan.runs}
    assert len(paths) == len(plan.runs), "every scripted trainee takes a different path"
    for run_ in plan.runs:
        assert scenario.nodes[run_.path[-1]].end is not None
