"""Golden plans: scripted replies in, expected node path and outcome out (one file per scenario).

A reply is its text, or a mapping that also states what the scorer must find in it:
`{say: "...", shows: [state_limit], lacks: [cave_in]}`; `holdline validate` checks both.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from simulator.scenario.model import BehaviourName, Identifier, Strict, Text, json_schema
from simulator.vocabulary import Outcome


class PlanReply(Strict):
    say: Text = Field(description="what the trainee says")
    shows: list[BehaviourName] = Field(
        default_factory=list, description="behaviours the scorer must detect in this reply"
    )
    lacks: list[BehaviourName] = Field(
        default_factory=list, description="behaviours the scorer must not detect in this reply"
    )


class PlanRun(Strict):
    name: Text = Field(description="who this trainee is, e.g. 'good trainee'")
    replies: list[Text | PlanReply] = Field(
        min_length=1,
        description="the trainee's replies, in order: text, or {say, shows, lacks}",
    )
    path: list[Identifier] = Field(
        min_length=2, description="node ids visited, from the start node to the ending"
    )
    outcome: Outcome = Field(description="the ending's outcome: good, mixed or bad")

    @property
    def steps(self) -> list[PlanReply]:
        """Every reply in the mapping form (text alone states no behaviours)."""
        return [r if isinstance(r, PlanReply) else PlanReply(say=r) for r in self.replies]

    @property
    def texts(self) -> list[str]:
        return [step.say for step in self.steps]


class Plan(Strict):
    runs: list[PlanRun] = Field(min_length=2, description="at least a good and a poor trainee")


def plan_json_schema() -> dict[str, Any]:
    return json_schema(Plan, "Holdline golden plan")
