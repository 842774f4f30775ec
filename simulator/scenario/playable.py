"""Opening a scenario file: the one way the picker, `play`, `validate` and a session do it.

`open_playable` checks what `holdline validate` checks (schema, graph, rubric, voice): a file
with errors is refused with every error as a `file:line:col` line; warnings do not stop play.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.scenario.lint import lint_scenario
from simulator.scenario.model import Scenario
from simulator.yamlfile import LoadedYaml, Problem, ValidationFailed, load_yaml, validate


@dataclass(frozen=True)
class Playable:
    path: Path
    scenario: Scenario
    rubric: Path  # resolved beside the scenario file
    sha256: str  # of the file as read
    warnings: tuple[Problem, ...] = ()


def check_scenario(loaded: LoadedYaml) -> tuple[Scenario, list[Problem]]:
    """The scenario and every problem in it; ValidationFailed when the schema is not met."""
    scenario = validate(loaded, Scenario)
    return scenario, lint_scenario(loaded, scenario)


def open_playable(path: str | Path) -> Playable:
    loaded = load_yaml(path)
    scenario, problems = check_scenario(loaded)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(errors)
    rubric = (loaded.path.parent / scenario.rubric).resolve()
    warnings = tuple(p for p in problems if p.severity != "error")
    return Playable(loaded.path, scenario, rubric, loaded.sha256, warnings)


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file (schema only: for reading it, not for playing it)."""
    return validate(load_yaml(path), Scenario)
