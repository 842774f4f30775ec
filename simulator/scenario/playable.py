"""Opening a scenario file."""

from __future__ import annotations

from pathlib import Path

from simulator.scenario.model import Scenario
from simulator.yamlfile import load_yaml, validate


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file (schema only; `lint` checks the graph)."""
    return validate(load_yaml(path), Scenario)
