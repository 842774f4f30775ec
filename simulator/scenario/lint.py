"""Graph and cross-file checks on a schema-valid scenario (and on its golden plan).

Errors make a scenario unplayable or wrong (a `goto` to nowhere, a trap with no way to an
ending, a missing rubric); warnings are worth a look but the scenario still plays.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import InputError
from simulator.scenario.model import Scenario
from simulator.scenario.plan import Plan
from simulator.yamlfile import LoadedYaml, Problem, load_yaml


@dataclass(frozen=True)
class RubricInfo:
    """What the linter needs from a rubric: its language and the behaviours it can detect."""

    path: Path
    language: str | None
    behaviours: frozenset[str]


def _suggest(name: str, choices: set[str] | frozenset[str]) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def successors(scenario: Scenario, node_id: str) -> list[str]:
    return [b.goto for b in scenario.nodes[node_id].branches or []]


def reachable_from(scenario: Scenario, start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for nxt in successors(scenario, queue.popleft()):
            if nxt in scenario.nodes and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _can_reach_an_ending(scenario: Scenario) -> set[str]:
    incoming: dict[str, set[str]] = {node_id: set() for node_id in scenario.nodes}
    for node_id in scenario.nodes:
        for nxt in successors(scenario, node_id):
            if nxt in incoming:
                incoming[nxt].add(node_id)
    good = {node_id for node_id, node in scenario.nodes.items() if node.is_end}
    queue = deque(good)
    while queue:
        for prev in incoming[queue.popleft()]:
            if prev not in good:
                good.add(prev)
                queue.append(prev)
    return good


def read_rubric_info(path: Path) -> RubricInfo:
    """Language and behaviour names of a rubric; raises InputError if it cannot be read.

    Read once per file version: every scenario of a language shares one rubric, and the picker
    checks them all."""
    stat = path.stat()
    return _rubric_info(path.resolve(), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _rubric_info(path: Path, mtime_ns: int, size: int) -> RubricInfo:
    data = load_yaml(path).data
    if not isinstance(data, dict):
        raise InputError(f"{path}:1:1: (top): expected a mapping of fields")
    behaviours = data.get("behaviours")
    names = frozenset(str(k) for k in behaviours) if isinstance(behaviours, dict) else frozenset()
    language = data.get("language")
    return RubricInfo(path, str(language) if language is not None else None, names)


def lint_scenario(
    loaded: LoadedYaml, scenario: Scenario, check_voice: bool = True
) -> list[Problem]:
    problems = _lint_graph(loaded, scenario)
    problems += _lint_rubric(loaded, scenario)
    if check_voice:
        problems += _lint_voice(loaded, scenario)
    return problems


def _lint_graph(loaded: LoadedYaml, scenario: Scenario) -> list[Problem]:
    problems: list[Problem] = []
    ids = set(scenario.nodes)
    if scenario.start not in ids:
        msg = f"no node '{scenario.start}'{_suggest(scenario.start, ids)}"
        problems.append(loaded.problem(("start",), msg))
    for node_id, node in scenario.nodes.items():
        branches = node.branches or []
        for i, branch in enumerate(branches):
            loc = ("nodes", node_id, "branches", i)
            if branch.goto not in ids:
                msg = f"goto '{branch.goto}': no such node{_suggest(branch.goto, ids)}"
                problems.append(loaded.problem((*loc, "goto"), msg))
            if branch.when is None and i < len(branches) - 1:
                msg = "a branch without 'when' always matches, so the branches after it never run"
                problems.append(loaded.problem(loc, msg))
            if branch.when and branch.when.min and branch.when.max:
                for dim, low in branch.when.min.items():
                    high = branch.when.max.get(dim)
                    if high is not None and low > high:
                        msg = f"min {dim} {low} is above max {high}: this branch never matches"
                        problems.append(loaded.problem((*loc, "when"), msg))
        if branches and branches[-1].when is not None:
            loc = ("nodes", node_id, "branches", len(branches) - 1)
            msg = "the last branch must have no 'when': it is taken when nothing else matches"
            problems.append(loaded.problem(loc, msg))
    if scenario.start not in ids:
        return problems
    reachable = reachable_from(scenario, scenario.start)
    for node_id in scenario.nodes:
        if node_id not in reachable:
            msg = f"node '{node_id}' cannot be reached from start '{scenario.start}'"
            problems.append(loaded.problem(("nodes", node_id), msg, "warning", key=True))
    finishing = _can_reach_an_ending(scenario)
    for node_id in sorted(reachable - finishing, key=list(scenario.nodes).index):
        msg = "from here the conversation loops forever: no path leads to an ending"
        problems.append(loaded.problem(("nodes", node_id), msg, key=True))
    if not any(node.is_end for node in scenario.nodes.values()):
        problems.append(loaded.problem(("nodes",), "no ending: give at least one node an 'end'"))
    return problems


def _lint_rubric(loaded: LoadedYaml, scenario: Scenario) -> list[Problem]:
    rubric_path = (loaded.path.parent / scenario.rubric).resolve()
    if not rubric_path.is_file():
        shown = os.path.relpath(rubric_path)
        return [loaded.problem(("rubric",), f"rubric file not found (looked for {shown})")]
    try:
        rubric = read_rubric_info(rubric_path)
    except InputError as exc:
        first = str(exc).splitlines()[0]
        return [loaded.problem(("rubric",), f"rubric cannot be read: {first}")]
    problems = []
    if rubric.language != scenario.language:
        msg = f"rubric is for language '{rubric.language}', scenario is '{scenario.language}'"
        problems.append(loaded.problem(("rubric",), msg))
    for node_id, node in scenario.nodes.items():
        named = [("expects", i, b) for i, b in enumerate(node.expects)]
        named += [("red_flags", i, b) for i, b in enumerate(node.red_flags)]
        for field, i, name in named:
            if name not in rubric.behaviours:
                msg = f"the rubric has no behaviour '{name}'{_suggest(name, rubric.behaviours)}"
                problems.append(loaded.problem(("nodes", node_id, field, i), msg))
        for b_index, branch in enumerate(node.branches or []):
            for name in branch.when.behaviours() if branch.when else []:
                if name not in rubric.behaviours:
                    msg = f"the rubric has no behaviour '{name}'{_suggest(name, rubric.behaviours)}"
                    loc = ("nodes", node_id, "branches", b_index, "when")
                    problems.append(loaded.problem(loc, msg))
    return problems


def _lint_voice(loaded: LoadedYaml, scenario: Scenario) -> list[Problem]:
    from simulator.speech.voices import voice_installed

    name = scenario.persona.voice.espeak
    installed = voice_installed(name)
    loc = ("persona", "voice", "espeak")
    if installed is None:
        msg = "espeak-ng is not installed, so the voice cannot be checked (apt install espeak-ng)"
        return [loaded.problem(loc, msg, "warning")]
    if not installed:
        msg = f"espeak-ng voice '{name}' is not installed (see `espeak-ng --voices`)"
        return [loaded.problem(loc, msg, "warning")]
    return []


def lint_plan(loaded: LoadedYaml, plan: Plan, scenario: Scenario) -> list[Problem]:
    """Each run's path must be a real walk from start to an ending with the stated outcome."""
    problems: list[Problem] = []
    for r, run in enumerate(plan.runs):
        loc = ("runs", r)
        path = run.path
        if path[0] != scenario.start:
            msg = f"path starts at '{path[0]}', the scenario starts at '{scenario.start}'"
            problems.append(loaded.problem((*loc, "path", 0), msg))
        for i, node_id in enumerate(path):
            if node_id not in scenario.nodes:
                msg = f"no node '{node_id}' in the scenario{_suggest(node_id, set(scenario.nodes))}"
                problems.append(loaded.problem((*loc, "path", i), msg))
                break
            if i + 1 < len(path) and path[i + 1] not in successors(scenario, node_id):
                msg = f"no branch of '{node_id}' goes to '{path[i + 1]}'"
                problems.append(loaded.problem((*loc, "path", i + 1), msg))
        else:
            last = scenario.nodes[path[-1]]
            if last.end is None:
                problems.append(loaded.problem((*loc, "path"), f"'{path[-1]}' is not an ending"))
            elif last.end.outcome != run.outcome:
                msg = f"the ending '{path[-1]}' has outcome '{last.end.outcome.value}'"
                problems.append(loaded.problem((*loc, "outcome"), msg))
        if len(run.replies) != len(path) - 1:
            needed = len(path) - 1
            msg = f"{len(run.replies)} replies for a path of {len(path)} nodes: needs {needed}"
            problems.append(loaded.problem((*loc, "replies"), msg))
    return problems
