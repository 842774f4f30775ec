"""``holdline serve``, ``holdline team ...`` and ``holdline sync``. Django is imported only
inside the server-side handlers, so the other commands start as fast as before."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from simulator.errors import InputError

DB_HELP = "database URL: a SQLite file path or postgresql://... (default: $HOLDLINE_DB or ./holdline-team.sqlite3)"  # noqa: E501


def add_commands(sub: Any) -> None:
    from simulator.team.server import DEFAULT_HOST, DEFAULT_PORT

    p = sub.add_parser("serve", help="run the team server (web pages and the sync API)")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    p.set_defaults(handler=_serve)

    team = sub.add_parser("team", help="manage the team server's store: users, roster, exports")
    tsub = team.add_subparsers(dest="team_command", metavar="WHAT", required=True)
    user = tsub.add_parser("user", help="users of the team server")
    usub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = usub.add_parser("add", help="add a user; the password is read from standard input")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=("admin", "trainer", "trainee"))
    add.add_argument("--team", default="default", help="the user's team (default: default)")
    add.add_argument("--trainee", help="for a trainee: the roster name (default: NAME)")
    add.add_argument("--db", help=DB_HELP)
    add.set_defaults(handler=_user_add)

    exp = tsub.add_parser("export", help="export sessions as CSV or xAPI statements")
    exp.add_argument("format", choices=("csv", "xapi"))
    exp.add_argument("out", type=Path, metavar="OUT", help="file to write")
    exp.add_argument("--db", help=DB_HELP)
    exp.add_argument("--team", help="only this team's sessions")
    exp.add_argument("--lrs", help="xapi: also send the statements to this LRS (http(s)://...)")
    exp.add_argument("--base", default="http://holdline.local",
                     help="xapi: the IRI base for activities and extensions")  # fmt: skip
    exp.set_defaults(handler=_export)

    s = sub.add_parser("sync", help="upload finished sessions to a team server")
    s.add_argument("sessions_dir", type=Path, metavar="SESSIONS_DIR")
    s.add_argument("--server", required=True, help="the team server, http://HOST:PORT")
    s.add_argument("--user", required=True, help="your user name on the team server")
    s.set_defaults(handler=_sync)


def _serve(args: argparse.Namespace) -> int:
    from simulator.team.server import serve

    return serve(args.db, args.host, args.port)


def _read_password(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("again: ") != first:
            raise InputError("the two passwords differ")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if not first:
        raise InputError("no password given (send it on standard input)")
    return first


def _user_add(args: argparse.Namespace) -> int:
    from simulator.team.server import open_store

    where = open_store(args.db)
    password = _read_password(f"password for {args.name}: ")
    from simulator.team.users import add_user

    add_user(args.name, password, args.role, args.team, args.trainee)
    print(f"added {args.role} {args.name} (team {args.team}) to {where}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from simulator.team.server import open_store

    open_store(args.db)
    import json

    from simulator.team import exports
    from simulator.team import models as m

    rows = m.Session.objects.select_related("trainee").order_by("started_at", "session_id")
    if args.team:
        rows = rows.filter(team__name=args.team)
    if not args.out.parent.is_dir():
        raise InputError(f"{args.out}: folder {args.out.parent} does not exist")
    if args.format == "csv":
        with args.out.open("w", newline="", encoding="utf-8-sig") as fh:
            n = exports.write_csv(rows, fh)
        print(f"wrote {n} turns to {args.out}")
        return 0
    batch = exports.statements(rows, args.base)
    args.out.write_text(json.dumps(batch, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(batch)} xAPI statements to {args.out}")
    if args.lrs:
        print(f"sent {exports.send(batch, args.lrs)} statements to {args.lrs.split('@')[-1]}")
    return 0


def _sync(args: argparse.Namespace) -> int:
    from simulator.team.client import Server, sync

    password = os.environ.get("HOLDLINE_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise InputError("set HOLDLINE_PASSWORD or run sync from a terminal to be asked")
        password = getpass.getpass(f"password for {args.user} on {args.server}: ")
    result = sync(args.sessions_dir, Server(args.server, args.user, password))
    for line in result.failed:
        print(f"holdline: sync: {line}", file=sys.stderr)
    print(
        f"uploaded {len(result.uploaded)}, already on the server {result.already}, "
        f"skipped {len(result.skipped)}, failed {len(result.failed)}"
    )
    return 1 if result.failed else 0
