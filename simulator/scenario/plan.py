"""Golden plans: scripted replies in, expected node path and outcome out (one file per scenario)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from simulator.scenario.model import Identifier, Strict, Text, json_schema
from simulator.vocabulary import Outcome


class PlanRun(Strict):
    name: Text = Field(description="who this trainee is, e.g. 'good trainee'")
    replies: list[Text] = Field(min_length=1, description="the trainee's replies, in order")
    path: list[Identifier] = Field(
        min_length=2, description="node ids visited, from the start node to the ending"
    )
    outcome: Outcome = Field(description="the ending's outcome: good, mixed or bad")


class Plan(Strict):
    runs: list[PlanRun] = Field(min_length=2, description="at least a good and a poor trainee")


def plan_json_schema() -> dict[str, Any]:
    return json_schema(Plan, "Holdline golden plan")
