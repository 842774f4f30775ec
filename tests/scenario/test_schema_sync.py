"""The committed JSON Schemas match the model, and editors' checks agree with ours."""

from __future__ import annotations

import json

import jsonschema
import pytest

from simulator.check import schema_text
from simulator.yamlfile import load_yaml
from tests.conftest import SCENARIOS
from tests.scenario.conftest import VALID


@pytest.mark.parametrize(
    ("kind", "name"), [("scenario", "schema.json"), ("plan", "plan.schema.json")]
)
def test_committed_schema_is_current(kind: str, name: str) -> None:
    committed = (SCENARIOS / name).read_text(encoding="utf-8")
    assert committed == schema_text(kind), f"run: holdline schema --kind {kind} -o scenarios/{name}"


def test_schema_accepts_a_valid_scenario_and_rejects_a_broken_one(write) -> None:
    schema = json.loads(schema_text("scenario"))
    jsonschema.validate(load_yaml(write("s.yaml", VALID)).data, schema)
    broken = load_yaml(write("b.yaml", VALID.replace("difficulty: 1", "difficulty: 9"))).data
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
