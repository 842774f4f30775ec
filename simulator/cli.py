"""The `holdline` command: parses arguments and hands over to each area's commands module.

Each area registers its own subcommands (``add_commands(subparsers)``); command modules import
their heavy dependencies (pygame, vosk, numpy) inside the handlers so start-up stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from simulator import __version__
from simulator.errors import HoldlineError

COMMAND_MODULES = (
    "simulator.check",
    "simulator.scoring.commands",
    "simulator.speech.commands",
    "simulator.play",
    "simulator.review.commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="holdline",
        description="Practise difficult client conversations aloud, offline.",
    )
    parser.add_argument("--version", action="version", version=f"holdline {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.add_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except HoldlineError as exc:
        print(f"holdline: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("holdline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
