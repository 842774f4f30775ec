"""Golden-plan replay: every run of a plan walked through the real engine and scorer.

A run whose replies lead somewhere other than its `path` (or to another outcome), or whose
reply lacks a behaviour it `shows` (or has one it `lacks`), is an error at that line of the
plan. Replay needs the scoring and session packages, so it sits above scenario/.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from simulator.errors import InputError
from simulator.scenario.forms import for_trainee
from simulator.scenario.loader import LoadedYaml, Problem
from simulator.scenario.model import Scenario
from simulator.scenario.plan import Plan, PlanRun
from simulator.scoring import ReplyScore, Scorer, load_scorer
from simulator.session.engine import (
    BranchTaken,
    ConversationEngine,
    Reply,
    ReplyScored,
    ReplyUnclear,
)


def replay_plan(
    loaded: LoadedYaml, plan: Plan, scenario: Scenario, scenario_path: Path
) -> list[Problem]:
    """Problems of a plan that is structurally sound (lint_plan found nothing)."""
    rubric_path = scenario_path.parent / scenario.rubric
    try:
        scorer = load_scorer(rubric_path)
    except InputError as exc:
        first = str(exc).splitlines()[0]
        return [loaded.problem((), f"not replayed: the scenario's rubric has an error: {first}")]
    scenario = for_trainee(scenario, None)  # as played with no gender setting
    problems: list[Problem] = []
    for index, run in enumerate(plan.runs):
        problems += replay_run(loaded, ("runs", index), run, scenario, scorer)
    return problems


def replay_run(
    loaded: LoadedYaml,
    loc: tuple[str | int, ...],
    run: PlanRun,
    scenario: Scenario,
    scorer: Scorer,
) -> list[Problem]:
    engine = ConversationEngine(scenario, scorer)
    engine.start()
    known = set(scorer.rubric.behaviours)
    problems: list[Problem] = []
    for i, step in enumerate(run.steps):
        node = engine.node_id
        events = engine.reply(Reply(step.say, source="scripted"))
        heard = [e for e in events if isinstance(e, (ReplyScored, ReplyUnclear))][0]
        for field, names, wanted in (("shows", step.shows, True), ("lacks", step.lacks, False)):
            for j, name in enumerate(names):
                where = (*loc, "replies", i, field, j)
                if name not in known:
                    close = difflib.get_close_matches(name, sorted(known), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    msg = f"the rubric has no behaviour '{name}'{hint}"
                    problems.append(loaded.problem(where, msg))
                elif (name in heard.score.behaviours) != wanted:
                    found = "was not detected" if wanted else "was detected"
                    what = f"'{name}' {found} ({_found(heard.score)})"
                    msg = f"{run.name}: reply {i + 1} at '{node}': {what}"
                    problems.append(loaded.problem(where, msg))
        expected = run.path[i + 1]
        if isinstance(heard, ReplyUnclear):
            msg = (
                f"{run.name}: reply {i + 1} at '{node}' is asked for again ({heard.reason}), "
                f"the plan goes on to '{expected}'"
            )
            return [*problems, loaded.problem((*loc, "replies", i), msg)]
        if engine.node_id != expected:
            msg = (
                f"{run.name}: reply {i + 1} at '{node}' leads to '{engine.node_id}', "
                f"the plan says '{expected}' ({_found(heard.score)})"
            )
            return [*problems, loaded.problem((*loc, "path", i + 1), msg)]
    if engine.outcome != run.outcome:
        got = engine.outcome.value if engine.outcome else "no ending"
        msg = f"{run.name}: the conversation ends '{got}', the plan says '{run.outcome.value}'"
        problems.append(loaded.problem((*loc, "outcome"), msg))
    return problems


def branches_taken(run: PlanRun, scenario: Scenario, scorer: Scorer) -> tuple[list[str], list[int]]:
    """Where the run's replies go: the node path, and the index of the branch taken each time."""
    engine = ConversationEngine(for_trainee(scenario, None), scorer)
    engine.start()
    taken: list[int] = []
    for step in run.steps:
        if engine.finished:
            break
        events = engine.reply(Reply(step.say, source="scripted"))
        taken += [e.branch for e in events if isinstance(e, BranchTaken)]
    return engine.path, taken


def _found(score: ReplyScore) -> str:
    """What the scorer saw, so the trainer can tell which branch condition failed."""
    behaviours = ", ".join(sorted(score.behaviours)) or "none"
    scores = ", ".join(f"{k} {v}" for k, v in score.scores.items())
    return f"detected: {behaviours}; {scores}"
