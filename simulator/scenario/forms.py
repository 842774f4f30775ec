"""Text that varies by the trainee's gender, for languages whose forms of address need it.

A Russian client says «Девушка, ...» to a woman and «Молодой человек, ...» to a man, and past
tenses agree («вы сами сказали» is fine, «ты сказал/сказала» is not). A scenario writes both
forms in place, `(m:Молодой человек|f:Девушка), подождите!`, and the trainee's setting picks
one. With no setting, the form written first is used. Parentheses, not braces: a YAML value may
start with `(` unquoted, and Russian lines often start with the form of address.
"""

from __future__ import annotations

import os
import re
from typing import Any, Literal, TypeVar, cast

from pydantic import BaseModel

from simulator.errors import HoldlineError
from simulator.yamlfile import LoadedYaml, Problem

Gender = Literal["female", "male"]
GENDERS: tuple[Gender, ...] = ("female", "male")
KEYS = {"m": "male", "f": "female"}
ENV = "HOLDLINE_TRAINEE_GENDER"

# `(m:...|f:...)`: parentheses holding `key:text` parts split by `|`. Without a `|`, only `(m:x)`
# or `(f:x)` counts (a half-written form); `(note: x)` is ordinary text and left alone.
FORM = re.compile(r"\(\s*([a-z]+)\s*:([^()|]*)((?:\|[^()|]*)*)\)")
M = TypeVar("M", bound=BaseModel)


def _parts(match: re.Match[str]) -> list[tuple[str, str]]:
    body = f"{match.group(1)}:{match.group(2)}{match.group(3)}"
    out = []
    for part in body.split("|"):
        key, _, text = part.partition(":")
        out.append((key.strip(), text.strip()))
    return out


def _ours(match: re.Match[str]) -> bool:
    half_written = match.group(1) in KEYS and not match.group(2).startswith(" ")
    return bool(match.group(3)) or half_written


def form_problems(text: str) -> list[str]:
    """What is wrong with the forms in one text: unknown keys, a form missing, a form twice."""
    problems = []
    for match in filter(_ours, FORM.finditer(text)):
        keys = [key for key, _ in _parts(match)]
        bad = [key for key in keys if key not in KEYS]
        if bad:
            problems.append(f"'{match.group()}': use m: and f: (found '{bad[0]}:')")
        elif sorted(keys) != ["f", "m"]:
            problems.append(f"'{match.group()}': write each of m: and f: once")
    return problems


def lint_forms(loaded: LoadedYaml) -> list[Problem]:
    """Every malformed form in a file, at its line."""
    problems: list[Problem] = []

    def walk(value: Any, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            problems.extend(loaded.problem(loc, msg) for msg in form_problems(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*loc, i))

    walk(loaded.data, ())
    return problems


def resolve(text: str, gender: Gender | None) -> str:
    """The text as said to a trainee of this gender (None: the form written first)."""

    def pick(match: re.Match[str]) -> str:
        if not _ours(match):
            return match.group()
        parts = _parts(match)
        chosen = [t for key, t in parts if KEYS.get(key) == gender]
        return chosen[0] if chosen else parts[0][1]

    return FORM.sub(pick, text)


def for_trainee(model: M, gender: Gender | None) -> M:
    """A copy of a scenario (any model) with every text resolved for the trainee."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return resolve(value, gender)
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    data = model.model_dump(mode="json", exclude_unset=True)
    return type(model).model_validate(walk(data))


def gender_setting(value: str | None = None) -> Gender | None:
    """The trainee's gender from a command-line value, else $HOLDLINE_TRAINEE_GENDER."""
    value = value if value is not None else os.environ.get(ENV) or None
    if value is None:
        return None
    if value not in GENDERS:
        raise HoldlineError(f"trainee gender '{value}': use female or male ({ENV})")
    return cast(Gender, value)
