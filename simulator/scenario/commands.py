"""CLI: `holdline validate PATH...` and `holdline schema`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.errors import HoldlineError


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
    from simulator.scenario.validate import run

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
    from simulator.scenario.model import plan_json_schema, scenario_json_schema

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
