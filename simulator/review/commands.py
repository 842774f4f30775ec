"""`holdline report` (one session → one HTML file) and `holdline review` (a folder of sessions →
reports, a team overview and a CSV)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from simulator.errors import HoldlineError, printable


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--redact",
        action="store_true",
        help="replace phone numbers, e-mail addresses and similar details with placeholders",
    )
    parser.add_argument(
        "--embed-audio",
        action="store_true",
        help="embed reply audio in the HTML (bigger files; default: relative links)",
    )
    parser.add_argument(
        "--ui-lang",
        choices=("en", "ru", "zh"),
        help="language of the report's own words (default: the saved choice, else the "
        "scenario's language)",
    )


def _options(args: argparse.Namespace) -> Any:
    from simulator.review.report import ReportOptions
    from simulator.settings import Settings

    ui_lang = args.ui_lang or Settings.load().ui_lang
    return ReportOptions(args.redact, args.embed_audio, ui_lang)


def add_commands(subparsers: Any) -> None:
    report = subparsers.add_parser(
        "report",
        help="write one session as a self-contained HTML report",
        description="Write one session file as a self-contained HTML report (works offline).",
    )
    report.add_argument("session", type=Path, metavar="SESSION.json")
    report.add_argument("-o", "--output", type=Path, required=True, metavar="REPORT.html")
    _common(report)
    report.set_defaults(handler=run_report)

    review = subparsers.add_parser(
        "review",
        help="write reports for a folder of sessions and a sortable team overview",
        description="Write OUT_DIR/index.html (team overview) and a report per session.",
    )
    review.add_argument("sessions_dir", type=Path, metavar="SESSIONS_DIR")
    review.add_argument("-o", "--output", type=Path, required=True, metavar="OUT_DIR")
    review.add_argument("--csv", type=Path, metavar="FILE", help="also write one row per turn")
    _common(review)
    review.set_defaults(handler=run_review)


def run_report(args: argparse.Namespace) -> int:
    from simulator.review.outputs import check_output, resolved
    from simulator.review.report import write_report
    from simulator.session.record import load_session

    session = load_session(args.session)
    check_output(args.output, resolved([args.session]), "report")
    try:
        write_report(session, args.session, args.output, _options(args))
    except OSError as exc:
        raise HoldlineError(f"{args.output}: cannot write ({exc.strerror or exc})") from None
    print(f"holdline: wrote {printable(str(args.output))}")
    return 0


def run_review(args: argparse.Namespace) -> int:
    from simulator.review.overview import build_review

    if not args.sessions_dir.is_dir():
        raise HoldlineError(f"{args.sessions_dir}: not a folder")
    if args.output.exists() and not args.output.is_dir():
        raise HoldlineError(f"{args.output}: exists and is not a folder")
    try:
        result = build_review(
            args.sessions_dir,
            args.output,
            _options(args),
            args.csv,
        )
    except OSError as exc:
        raise HoldlineError(f"cannot write the review: {exc}") from None
    for skipped in result.skipped:
        line = f"skipped {skipped.path}: {skipped.reason}"
        print(f"holdline: {printable(line)}", file=sys.stderr)
    print(
        f"holdline: wrote {printable(str(result.index))} ({result.reports} reports, "
        f"{len(result.skipped)} files skipped)"
    )
    return 0
