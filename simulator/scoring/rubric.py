"""Rubric files: the typed model (pydantic v2), safe loading, and cross-reference checks.

A rubric holds named phrase sets, the indicators and penalties of each score dimension (weights
plus phrase-set names), the behaviours scenarios name in `expects`/`red_flags`, client-line cues
that imply expectations, delivery filler words, and examples that act as regression tests.
See docs/rubric-format.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from simulator.errors import InputError
from simulator.vocabulary import DIMENSIONS, Dimension

Level = Literal["low", "mid", "high"]
# Inclusive score bands an example's expected level must fall in.
BANDS: dict[str, tuple[int, int]] = {"low": (0, 40), "mid": (30, 70), "high": (60, 100)}
LEVEL_RANK = {"low": 0, "mid": 1, "high": 2}

Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
PatternText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Weight = Annotated[float, Field(ge=0, le=100)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Indicator(Strict):
    """Points (earned for an indicator, lost for a penalty) when any of its phrase sets match."""

    weight: Weight
    phrases: list[Name] = Field(min_length=1, description="names of phrase sets")
    min_count: Annotated[int, Field(ge=1, le=10)] = Field(
        1, description="distinct matches needed, e.g. 2 for 'apologises again and again'"
    )
    description: str | None = None


class DimensionRules(Strict):
    base: Weight = Field(description="score of a reply with no evidence either way")
    indicators: dict[Name, Indicator] = Field(default_factory=dict)
    penalties: dict[Name, Indicator] = Field(default_factory=dict)


class Dimensions(Strict):
    empathy: DimensionRules
    firmness: DimensionRules
    boundary_clarity: DimensionRules


class Behaviour(Strict):
    description: str = Field(min_length=1)
    kind: Literal["good", "red_flag"]
    dimensions: list[Dimension] = Field(
        min_length=1, description="scores that move when this is expected or a red flag"
    )
    phrases: list[Name] = Field(min_length=1, description="phrase sets that detect it")
    min_count: Annotated[int, Field(ge=1, le=10)] = Field(
        1, description="distinct matches needed across its phrase sets"
    )


class Cue(Strict):
    """A kind of client line (recognised by its own patterns) and what a reply to it needs."""

    description: str | None = None
    patterns: list[PatternText] = Field(min_length=1)
    expects: list[Name] = Field(default_factory=list)
    red_flags: list[Name] = Field(default_factory=list)
    expects_any: bool = Field(
        False, description="one of `expects` is enough (otherwise each is expected)"
    )


class ContextWeights(Strict):
    expected_met: Weight = 10
    expected_missed: Weight = 20
    red_flag: Weight = 15


class Curt(Strict):
    """A very short reply with no warmth reads as curt: it costs empathy."""

    max_words: Annotated[int, Field(ge=0, le=50)] = 4
    empathy: Weight = 10
    ignore: list[Name] = Field(
        default_factory=list, description="empathy indicators too slight to count as warmth"
    )


class Example(Strict):
    client: str = ""
    reply: str = Field(min_length=1)
    expects: list[Name] = Field(default_factory=list)
    red_flags: list[Name] = Field(default_factory=list)
    levels: dict[Dimension, Level] = Field(min_length=1)
    behaviours: list[Name] = Field(default_factory=list, description="must be detected")
    not_behaviours: list[Name] = Field(default_factory=list, description="must not be detected")


class Rubric(Strict):
    language: Literal["en", "ru", "zh"]
    version: Literal[1] = 1
    description: str | None = None
    slots: dict[Name, list[PatternText]] = Field(default_factory=dict)
    phrases: dict[Name, list[PatternText]] = Field(min_length=1)
    dimensions: Dimensions
    behaviours: dict[Name, Behaviour] = Field(min_length=1)
    cues: dict[Name, Cue] = Field(default_factory=dict)
    context_weights: ContextWeights = ContextWeights()
    curt: Curt | None = None
    fillers: list[PatternText] = Field(default_factory=list)
    word_weights: str | None = Field(
        default=None, min_length=1, max_length=200,
        description="JSON file of learned word weights, relative to the rubric "
                    "(holdline calibrate --learn-words)")
    examples: list[Example] = Field(default_factory=list)

    def dimension(self, name: str) -> DimensionRules:
        return getattr(self.dimensions, name)  # type: ignore[no-any-return]


def _cross_problems(rubric: Rubric) -> list[tuple[tuple[str | int, ...], str]]:
    """References that the schema cannot check: phrase sets, behaviours, slot names."""
    out: list[tuple[tuple[str | int, ...], str]] = []
    for dim in DIMENSIONS:
        rules = rubric.dimension(dim)
        for group in ("indicators", "penalties"):
            for name, ind in getattr(rules, group).items():
                for i, ref in enumerate(ind.phrases):
                    if ref not in rubric.phrases:
                        loc = ("dimensions", dim, group, name, "phrases", i)
                        out.append((loc, f"unknown phrase set '{ref}'"))
    for name, beh in rubric.behaviours.items():
        for i, ref in enumerate(beh.phrases):
            if ref not in rubric.phrases:
                out.append((("behaviours", name, "phrases", i), f"unknown phrase set '{ref}'"))
    known = rubric.behaviours
    for name, cue in rubric.cues.items():
        for key in ("expects", "red_flags"):
            for i, ref in enumerate(getattr(cue, key)):
                if ref not in known:
                    out.append((("cues", name, key, i), f"unknown behaviour '{ref}'"))
    for n, ex in enumerate(rubric.examples):
        for key in ("expects", "red_flags", "behaviours", "not_behaviours"):
            for i, ref in enumerate(getattr(ex, key)):
                if ref not in known:
                    out.append((("examples", n, key, i), f"unknown behaviour '{ref}'"))
    return out


def load_rubric(path: str | Path) -> Rubric:
    """Load, validate and cross-check a rubric; errors are one line each with file:line:col."""
    from simulator.yamlfile import ValidationFailed, load_yaml, validate

    loaded = load_yaml(Path(path))
    rubric = validate(loaded, Rubric)
    problems = [loaded.problem(loc, msg) for loc, msg in _cross_problems(rubric)]
    if problems:
        raise ValidationFailed(problems)
    return rubric


def pattern_error(path: str | Path, loc: tuple[str | int, ...], message: str) -> InputError:
    """A one-line error for a pattern that does not compile, pointing into the rubric file."""
    from simulator.yamlfile import Problem, format_loc, load_yaml

    try:
        line, col = load_yaml(Path(path)).mark(loc)
    except InputError:
        line, col = 1, 1
    return InputError(str(Problem(str(path), line, col, format_loc(loc), message)))
