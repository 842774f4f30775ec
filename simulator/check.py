"""`holdline validate`: every file check of scenario/validate.py, then the golden plans replayed.

The file checks need only the scenario package; replaying a plan needs the engine and the scorer
(simulator/replay.py), so this wiring sits on top of both. A scenario's plan is checked with it
even when only the scenario is named; a scenario with no plan beside it is a warning: nothing
then checks where its trainees end up.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (imported in the functions: `holdline score` etc. need none of them)
    from simulator.filecheck import Report
    from simulator.yamlfile import Problem


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check scenario, plan and rubric files (folders are searched recursively)",
        description="Check scenarios, golden plans and rubrics, and replay each golden plan "
        "through the engine and scorer. Exit 0 when all are valid.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    parser.set_defaults(handler=run_validate)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def plan_beside(scenario_path: Path) -> Path | None:
    from simulator.scenario.validate import PLAN_SUFFIXES

    plans = [scenario_path.with_name(scenario_path.stem + s) for s in PLAN_SUFFIXES]
    return next((p for p in plans if p.is_file()), None)


def run(paths: Iterable[Path]) -> Report:
    from simulator.filecheck import check_file
    from simulator.filecheck import run as check_files
    from simulator.yamlfile import Problem

    report = check_files(paths)
    named = {p.resolve() for p in report.kinds}
    for path, kind in list(report.kinds.items()):  # a scenario's plan is checked with it
        plan = plan_beside(path) if kind == "scenario" else None
        if plan is not None and plan.resolve() not in named:
            report.problems.extend(check_file(plan, report.counts, report.kinds))
    failed = {Path(p.path) for p in report.errors}
    extra: dict[Path, list[Problem]] = {}
    for path, kind in report.kinds.items():
        if kind == "scenario" and plan_beside(path) is None:
            msg = f"no golden plan '{path.stem}.plan.yaml' beside it, so no run is replayed"
            extra[path] = [Problem(str(path), 1, 1, "(top)", msg, "warning")]
        elif kind == "plan" and path not in failed:
            extra[path] = replay_file(path, report.kinds, failed)
    if extra:
        by_file: dict[str, list[Problem]] = {}
        for problem in report.problems:
            by_file.setdefault(problem.path, []).append(problem)
        for path, problems in extra.items():
            by_file.setdefault(str(path), []).extend(problems)
        report.problems = [p for problems in by_file.values() for p in problems]
    return report


def replay_file(plan_path: Path, kinds: dict[Path, str], failed: set[Path]) -> list[Problem]:
    """Replay a plan that has no errors of its own, when its scenario has none either."""
    from simulator.filecheck import check_file
    from simulator.replay import replay_plan
    from simulator.scenario.model import Scenario
    from simulator.scenario.plan import Plan
    from simulator.scenario.validate import scenario_for_plan
    from simulator.yamlfile import Problem, ValidationFailed, load_yaml, validate

    scenario_path = scenario_for_plan(plan_path)
    if scenario_path in failed:
        return []  # its errors are reported; the engine cannot walk a broken graph
    if scenario_path not in kinds and any(p.severity == "error" for p in check_file(scenario_path)):
        msg = f"not replayed: '{scenario_path.name}' has errors (validate it)"
        return [Problem(str(plan_path), 1, 1, "(top)", msg)]
    try:
        loaded = load_yaml(plan_path)
        plan = validate(loaded, Plan)
        scenario = validate(load_yaml(scenario_path), Scenario)
    except ValidationFailed as exc:  # a file changed while it was checked
        return exc.problems
    try:
        return replay_plan(loaded, plan, scenario, scenario_path)
    except Exception as exc:  # a bug of ours must still not show a trainer a traceback
        msg = f"could not be replayed ({type(exc).__name__}: {exc}); please report this"
        return [Problem(str(plan_path), 1, 1, "(top)", msg)]


def run_validate(args: argparse.Namespace) -> int:
    report = run(args.paths)
    for line in report.missing:
        print(f"holdline: {line}", file=sys.stderr)
    for problem in report.problems:
        print(problem)
    if not args.quiet:
        counts = ", ".join(plural(n, kind) for kind, n in report.counts.items())
        verdict = "ok" if report.ok else "FAILED"
        found = f"{plural(len(report.errors), 'error')}, {plural(len(report.warnings), 'warning')}"
        print(f"{verdict}: checked {counts}: {found}", file=sys.stderr)
    return 0 if report.ok else 1
