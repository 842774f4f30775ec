"""Database URLs (``--db`` / ``HOLDLINE_DB``) to Django ``DATABASES`` entries.

Accepted: a plain path, ``sqlite:///relative.db`` or ``sqlite:////abs/path.db`` (SQLite file), and
``postgresql://user:password@host:port/name`` (``?host=/socket/dir`` for a Unix socket).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from simulator.errors import InputError

DEFAULT_DB = "holdline-team.sqlite3"
ENV = "HOLDLINE_DB"


def describe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def databases(url: str) -> dict[str, Any]:
    """The ``default`` database entry for ``url``; InputError naming the URL if unusable."""
    url = url.strip()
    if not url:
        raise InputError("database URL is empty (use a file path or postgresql://...)")
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme in ("", "sqlite"):
        path = url.split("://", 1)[1] if scheme else url
        if scheme:  # sqlite:///relative.db, sqlite:////absolute/path.db (as SQLAlchemy)
            path = path.removeprefix("/")
        if not path or path == "/":
            raise InputError(f"{url}: no SQLite file named")
        name = Path(path).expanduser().resolve()
        if not name.parent.is_dir():
            raise InputError(f"{url}: folder {name.parent} does not exist")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(name),
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
                ),
            },
        }
    if scheme in ("postgres", "postgresql"):
        parts = urlsplit(url)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise InputError(f"{describe(url)}: no database name (postgresql://host/NAME)")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": query.pop("host", None) or parts.hostname or "",
            "PORT": str(parts.port or query.pop("port", "") or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": query,
        }
    raise InputError(f"{describe(url)}: unknown database kind {scheme!r} (sqlite or postgresql)")


def kind(entry: dict[str, Any]) -> str:
    return "postgresql" if "postgresql" in entry["ENGINE"] else "sqlite"
