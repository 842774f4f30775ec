"""CLI: `holdline schema` (`holdline validate` is simulator/check.py: it replays plans too)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.errors import HoldlineError


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    schema = subparsers.add_parser("schema", help="write the JSON Schema of a file format")
    schema.add_argument("--kind", choices=("scenario", "plan"), default="scenario")
    schema.add_argument("-o", "--out", type=Path, help="write here instead of standard output")
    schema.set_defaults(handler=run_schema)


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
