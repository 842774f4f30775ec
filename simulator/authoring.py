"""Help for scenario writers: `holdline behaviours RUBRIC` and `holdline graph SCENARIO`.

Both only read files. `behaviours` lists what a rubric can detect and the moods a client can be
in, one line each; `graph` draws a scenario's branching (see simulator/scenario/graph.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.errors import HoldlineError

if TYPE_CHECKING:
    from simulator.scenario.graph import RunPath

RUBRICS = Path("scenarios") / "rubrics"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    behaviours = subparsers.add_parser(
        "behaviours",
        help="list a rubric's behaviours and the moods, with what each means",
        description="List the behaviours a rubric detects (for expects, red_flags and branch "
        "conditions) and the client moods, one line each.",
    )
    behaviours.add_argument(
        "rubric",
        metavar="RUBRIC",
        help="rubric file, a scenario file (its rubric is used), or a language: en, ru, zh",
    )
    behaviours.set_defaults(handler=run_behaviours)

    graph = subparsers.add_parser(
        "graph",
        help="draw a scenario's branching as SVG or HTML (needs Graphviz's `dot`)",
        description="Draw a scenario: nodes with mood and line, endings coloured by outcome, "
        "branch conditions on the edges, golden-plan paths overlaid, unreachable nodes marked.",
    )
    graph.add_argument("scenario", type=Path, metavar="SCENARIO")
    graph.add_argument(
        "-o", "--out", type=Path, required=True, metavar="FILE", help="FILE.svg or FILE.html"
    )
    graph.set_defaults(handler=run_graph)


def rubric_path(given: str) -> Path:
    """A rubric file, the rubric of a scenario file, or the bundled rubric of a language."""
    path = Path(given)
    if not path.exists() and "/" not in given and not given.endswith((".yaml", ".yml")):
        path = RUBRICS / f"{given}.yaml"
        if not path.is_file():
            raise HoldlineError(f"{given}: no such file, and no rubric {path}")
        return path
    if not path.is_file():
        raise HoldlineError(f"{given}: no such file")
    from simulator.yamlfile import load_yaml

    data = load_yaml(path).data
    if isinstance(data, dict) and "nodes" in data and isinstance(data.get("rubric"), str):
        return path.parent / data["rubric"]
    return path


def behaviours_text(path: Path) -> str:
    from simulator.scenario.model import MOOD_MEANINGS
    from simulator.scoring.rubric import load_rubric

    rubric = load_rubric(path)
    out = [f"{path} ({rubric.language})", ""]
    groups = (
        ("good", "Good behaviours (for expects and branch conditions):"),
        ("red_flag", "Red flags (for red_flags and branch conditions):"),
    )
    width = max(len(n) for n in [*rubric.behaviours, *(m.value for m in MOOD_MEANINGS)])
    for kind, heading in groups:
        out.append(heading)
        for name, behaviour in rubric.behaviours.items():
            if behaviour.kind == kind:
                out.append(f"  {name:<{width}}  {' '.join(behaviour.description.split())}")
        out.append("")
    out.append("Moods (persona.mood and each node's mood):")
    out += [f"  {mood.value:<{width}}  {meaning}" for mood, meaning in MOOD_MEANINGS.items()]
    return "\n".join(out) + "\n"


def run_behaviours(args: argparse.Namespace) -> int:
    sys.stdout.write(behaviours_text(rubric_path(args.rubric)))
    return 0


def plan_overlay(scenario_path: Path) -> list[RunPath]:
    """The plan's runs with the branch each reply takes (replayed with the real scorer), so the
    picture colours that branch, not every branch between the same two nodes. A run whose
    replies go elsewhere, or a scenario that cannot be replayed, keeps its path only."""
    from simulator.replay import branches_taken
    from simulator.scenario.graph import RunPath, read_plan
    from simulator.scenario.lint import lint_scenario
    from simulator.scenario.model import Scenario
    from simulator.scoring import load_scorer
    from simulator.yamlfile import load_yaml, validate

    plan = read_plan(scenario_path)
    if plan is None:
        return []
    loaded = load_yaml(scenario_path)
    scenario = validate(loaded, Scenario)
    runs = [RunPath(run.name, tuple(run.path)) for run in plan.runs]
    if any(p.severity == "error" for p in lint_scenario(loaded, scenario, check_voice=False)):
        return runs
    try:
        scorer = load_scorer(scenario_path.parent / scenario.rubric)
    except HoldlineError:
        return runs
    exact = []
    for run, drawn in zip(plan.runs, runs, strict=True):
        path, taken = branches_taken(run, scenario, scorer)
        exact.append(
            RunPath(run.name, drawn.path, tuple(taken)) if path == list(run.path) else drawn
        )
    return exact


def run_graph(args: argparse.Namespace) -> int:
    from simulator.scenario.graph import write_graph

    write_graph(args.scenario, args.out, plan_overlay(args.scenario))
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
