"""Checks for scenario and golden-plan files, each problem a `file:line:col` line."""

from __future__ import annotations

from pathlib import Path

from simulator.scenario.lint import lint_plan
from simulator.scenario.model import Scenario
from simulator.scenario.plan import Plan
from simulator.yamlfile import LoadedYaml, Problem, ValidationFailed, load_yaml, validate

YAML_SUFFIXES = (".yaml", ".yml")
PLAN_SUFFIXES = (".plan.yaml", ".plan.yml")


def scenario_for_plan(plan_path: Path) -> Path:
    stem = plan_path.name.rsplit(".plan.", 1)[0]
    return plan_path.with_name(stem + ".yaml")


def plan_for_scenario(scenario_path: Path) -> Path:
    return scenario_path.with_name(scenario_path.stem + ".plan.yaml")


def check_plan(loaded: LoadedYaml) -> list[Problem]:
    plan = validate(loaded, Plan)
    scenario_path = scenario_for_plan(loaded.path)
    if not scenario_path.is_file():
        return [loaded.problem((), f"no scenario '{scenario_path.name}' beside this plan")]
    try:
        scenario = validate(load_yaml(scenario_path), Scenario)
    except ValidationFailed:
        return []  # the scenario's own errors are reported when it is checked
    return lint_plan(loaded, plan, scenario)
