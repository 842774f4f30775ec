"""`holdline validate` and `holdline schema`: every kind of trainer file, checked.

The dispatcher sits above scenario/ and scoring/: it knows which file is which and asks each
package to check its own kind. Every problem is one line; nothing a file contains raises.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simulator.errors import HoldlineError, InputError
from simulator.scenario import playable
from simulator.scenario.validate import PLAN_SUFFIXES, YAML_SUFFIXES, check_plan
from simulator.yamlfile import LoadedYaml, Problem, ValidationFailed, load_yaml


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"scenario": 0, "plan": 0, "rubric": 0})
    missing: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.missing


def kind_of(path: Path, data: object = None) -> str:
    """Plans are named `*.plan.yaml`; rubrics live in `rubrics/` or have `behaviours`."""
    if path.name.endswith(PLAN_SUFFIXES):
        return "plan"
    if path.parent.name == "rubrics":
        return "rubric"
    if isinstance(data, dict) and "behaviours" in data and "nodes" not in data:
        return "rubric"
    return "scenario"


def collect(paths: Iterable[Path], report: Report) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            if not found:
                report.missing.append(f"{path}: no YAML files found")
            yield from found
        elif path.exists():
            yield path
        else:
            report.missing.append(f"{path}: no such file or directory")


def check_scenario(loaded: LoadedYaml) -> list[Problem]:
    return playable.check_scenario(loaded)[1]


def check_rubric(loaded: LoadedYaml) -> list[Problem]:
    from simulator.scoring.rubric import load_rubric

    load_rubric(loaded.path)
    return []


CHECKS = {"scenario": check_scenario, "plan": check_plan, "rubric": check_rubric}


def check_file(path: Path, counts: dict[str, int] | None = None) -> list[Problem]:
    """Every problem in one file; never raises for anything the file contains."""
    kind = kind_of(path)
    try:
        loaded = load_yaml(path)
        kind = kind_of(path, loaded.data)
        return sorted(CHECKS[kind](loaded), key=lambda p: (p.line, p.col))
    except ValidationFailed as exc:
        return exc.problems
    except InputError as exc:
        return [Problem(str(path), 1, 1, "file", line) for line in str(exc).splitlines()]
    except RecursionError:
        return [Problem(str(path), 1, 1, "file", "too deeply nested to check")]
    except Exception as exc:  # a bug of ours must still not show a trainer a traceback
        message = f"could not be checked ({type(exc).__name__}: {exc}); please report this"
        return [Problem(str(path), 1, 1, "file", message)]
    finally:
        if counts is not None:
            counts[kind] += 1


def run(paths: Iterable[Path]) -> Report:
    report = Report()
    for path in collect(paths, report):
        if path.name.endswith(".json"):
            continue
        report.problems.extend(check_file(path, report.counts))
    return report


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="check scenario, plan and rubric files (folders are searched recursively)",
        description="Check scenarios, golden plans and rubrics. Exit 0 when all are valid.",
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    validate.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    validate.set_defaults(handler=run_validate)

    schema = subparsers.add_parser("schema", help="write the JSON Schema of a file format")
    schema.add_argument("--kind", choices=("scenario", "plan"), default="scenario")
    schema.add_argument("-o", "--out", type=Path, help="write here instead of standard output")
    schema.set_defaults(handler=run_schema)


def run_validate(args: argparse.Namespace) -> int:
    report = run(args.paths)
    for line in report.missing:
        print(f"holdline: {line}", file=sys.stderr)
    for problem in report.problems:
        print(problem)
    if not args.quiet:
        counts = ", ".join(
            f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in report.counts.items()
        )
        verdict = "ok" if report.ok else "FAILED"
        print(
            f"{verdict}: checked {counts}: "
            f"{len(report.errors)} errors, {len(report.warnings)} warnings",
            file=sys.stderr,
        )
    return 0 if report.ok else 1


def schema_text(kind: str) -> str:
    from simulator.scenario.model import scenario_json_schema
    from simulator.scenario.plan import plan_json_schema

    schema = scenario_json_schema() if kind == "scenario" else plan_json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run_schema(args: argparse.Namespace) -> int:
    text = schema_text(args.kind)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise HoldlineError(f"{args.out}: cannot write: {exc.strerror}") from None
    print(f"wrote {args.out}", file=sys.stderr)
    return 0
