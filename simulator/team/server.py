"""Opening the store (Django set up, migrations applied) and serving it with waitress."""

from __future__ import annotations

import os
import sys
from typing import Any

from simulator.errors import InputError
from simulator.team import dburl

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def open_store(db: str | None, allowed_hosts: list[str] | None = None) -> str:
    """Set Django up on ``db`` (or HOLDLINE_DB, or the default file) and migrate it; return a
    description of the database for messages."""
    url = db or os.environ.get(dburl.ENV) or dburl.DEFAULT_DB
    entry = dburl.databases(url)  # an unusable URL fails here, with a one-line message
    os.environ[dburl.ENV] = url
    if allowed_hosts:
        os.environ["HOLDLINE_ALLOWED_HOSTS"] = ",".join(allowed_hosts)
    os.environ["DJANGO_SETTINGS_MODULE"] = "simulator.team.settings"
    import django
    from django.core.management import call_command
    from django.db import DatabaseError

    django.setup()
    try:
        call_command("migrate", interactive=False, verbosity=0)
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{dburl.describe(url)}: cannot open the database ({first})") from None
    where = entry["NAME"] if dburl.kind(entry) == "sqlite" else dburl.describe(url)
    return f"{dburl.kind(entry)} {where}"


def serve(db: str | None, host: str, port: int, threads: int = 8) -> int:
    hosts = ["localhost", "127.0.0.1", "[::1]", host if ":" not in host else f"[{host}]"]
    if host in ("0.0.0.0", "::"):
        hosts = ["*"]
    where = open_store(db, hosts)
    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    try:
        server: Any = create_server(
            get_wsgi_application(), host=host, port=port, threads=threads,
            ident="holdline", connection_limit=200, channel_timeout=60,
        )  # fmt: skip
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    url = f"http://{host if ':' not in host else f'[{host}]'}:{server.effective_port}/"
    print(f"holdline team server on {url} (database: {where}); Ctrl+C stops it", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    sys.stdout.flush()
    return 0
