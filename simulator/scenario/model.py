"""Typed scenario objects (pydantic v2), also the source of `scenarios/schema.json`.

A scenario is a branching graph of client lines. Trainers write it as YAML; the model keeps the
format short to write (nodes keyed by their stable id, a branch is `when` + `goto`) and hard to
get wrong (unknown fields are errors, every value has a type and a range).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from simulator.vocabulary import DIMENSIONS, Outcome

SCHEMA_ID = "https://holdline.example/schema/scenario.json"

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64)
]
BehaviourName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
# YAML's folded style (>) joins lines with a space, which Chinese and Japanese text must not
# have between two characters; such spaces are dropped so trainers can wrap long lines.
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_BETWEEN_CJK = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}])")


def _join_cjk(text: str) -> str:
    return _SPACE_BETWEEN_CJK.sub("", text)


Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000, strip_whitespace=True),
    AfterValidator(_join_cjk),
]
Score = Annotated[int, Field(ge=0, le=100)]

IDENTIFIER_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class Category(str, Enum):
    over_sharing = "over-sharing"
    emotional_attachment = "emotional-attachment"
    stalking = "stalking"
    hostility = "hostility"
    emergency = "emergency"
    out_of_scope = "out-of-scope"


class Mood(str, Enum):
    """The client's mood: drives the avatar's face and the voice (angry = faster and louder)."""

    calm = "calm"
    friendly = "friendly"
    hopeful = "hopeful"
    attached = "attached"
    sad = "sad"
    anxious = "anxious"
    distressed = "distressed"
    embarrassed = "embarrassed"
    irritated = "irritated"
    angry = "angry"
    furious = "furious"
    panicked = "panicked"
    uneasy = "uneasy"
    relieved = "relieved"
    grateful = "grateful"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Voice(Strict):
    """Text-to-speech settings for espeak-ng through pyttsx3."""

    espeak: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Za-z0-9_/-]+(\+[A-Za-z0-9_]+)?$", max_length=64),
    ] = Field(description="espeak-ng voice, e.g. 'en-gb', 'ru', 'cmn', optionally '+f3' variant")
    rate: Annotated[int, Field(ge=80, le=400)] = Field(
        175, description="words per minute at a calm mood"
    )
    pitch: Annotated[int, Field(ge=0, le=99)] = Field(50, description="espeak pitch, 0-99")
    volume: Annotated[float, Field(ge=0.1, le=1.0)] = Field(0.9, description="0.1-1.0")


class Persona(Strict):
    name: Text
    voice: Voice
    mood: Mood = Field(description="the client's mood when the scenario starts")
    description: Text | None = Field(None, description="who the client is, for trainers")


class Condition(Strict):
    """All clauses that are given must hold. Behaviour names come from the scenario's rubric."""

    all: list[BehaviourName] | None = Field(
        None, description="every one of these behaviours was detected in the reply"
    )
    any: list[BehaviourName] | None = Field(
        None, description="at least one of these behaviours was detected"
    )
    none: list[BehaviourName] | None = Field(
        None, description="none of these behaviours was detected"
    )
    min: dict[str, Score] | None = Field(
        None, description="score floors, e.g. {empathy: 50}: each score is at least this"
    )
    max: dict[str, Score] | None = Field(
        None, description="score ceilings, e.g. {firmness: 30}: each score is at most this"
    )

    @model_validator(mode="after")
    def _check(self) -> Condition:
        if not any(v for v in (self.all, self.any, self.none, self.min, self.max)):
            raise ValueError("a condition needs at least one of all, any, none, min, max")
        for bounds in (self.min, self.max):
            for key in bounds or {}:
                if key not in DIMENSIONS:
                    raise ValueError(f"unknown score '{key}' (use {', '.join(DIMENSIONS)})")
        return self

    def behaviours(self) -> list[str]:
        return [*(self.all or []), *(self.any or []), *(self.none or [])]

    def holds(self, detected: set[str] | frozenset[str], scores: dict[str, int]) -> bool:
        if self.all and not all(b in detected for b in self.all):
            return False
        if self.any and not any(b in detected for b in self.any):
            return False
        if self.none and any(b in detected for b in self.none):
            return False
        if self.min and any(scores[k] < v for k, v in self.min.items()):
            return False
        return not (self.max and any(scores[k] > v for k, v in self.max.items()))


class Branch(Strict):
    when: Condition | None = Field(
        None, description="omit on the last branch: it is taken when no other branch matches"
    )
    goto: Identifier = Field(description="id of the next node")
    note: Text | None = Field(None, description="why this branch exists, shown to trainers")


class Ending(Strict):
    outcome: Outcome
    summary: Text = Field(description="what happened, shown on the debrief screen")


class Node(Strict):
    client: Text = Field(description="what the client says at this point")
    mood: Mood | None = Field(None, description="the client's mood here (default: persona's)")
    expects: list[BehaviourName] = Field(
        default_factory=list, description="what a good reply does here (rubric behaviours)"
    )
    red_flags: list[BehaviourName] = Field(
        default_factory=list, description="what must not happen here (rubric behaviours)"
    )
    branches: list[Branch] | None = Field(
        None, description="tried in order; the first whose `when` holds is taken"
    )
    end: Ending | None = Field(None, description="makes this an ending: no reply is expected")

    @model_validator(mode="after")
    def _branch_or_end(self) -> Node:
        if self.end is None and not self.branches:
            raise ValueError("a node needs either 'branches' or 'end'")
        if self.end is not None and self.branches:
            raise ValueError("a node has either 'branches' or 'end', not both")
        if self.end is not None and (self.expects or self.red_flags):
            raise ValueError("an ending takes no reply, so it has no 'expects' or 'red_flags'")
        return self

    @property
    def is_end(self) -> bool:
        return self.end is not None


class Scenario(Strict):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        json_schema_extra={"$id": SCHEMA_ID},
    )

    id: Identifier
    title: Text
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)?$")] = Field(
        description="language of the client's lines and the expected replies: en, ru, zh, ..."
    )
    category: Category
    difficulty: Annotated[int, Field(ge=1, le=3)]
    persona: Persona
    setting: Text = Field(description="what the trainee is told before starting")
    rubric: Annotated[str, StringConstraints(min_length=1, max_length=500)] = Field(
        description="path of the rubric YAML, relative to this file"
    )
    start: Identifier = Field(description="id of the first node")
    nodes: dict[Identifier, Node] = Field(min_length=1)
    debrief: list[Text] = Field(min_length=1, description="key learning points")
    source: Text | None = Field(None, description="where the advice comes from")

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]


def json_schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


def scenario_json_schema() -> dict[str, Any]:
    return json_schema(Scenario, "Holdline scenario")
