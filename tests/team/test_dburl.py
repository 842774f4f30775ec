"""Database URLs to Django settings: the forms the README and --help promise, and one-line
errors for the rest."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from simulator.errors import InputError
from simulator.team import dburl
from tests.conftest import run_holdline

from .conftest import SECRET


def test_sqlite_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # a relative path, sqlite:///relative and sqlite:////absolute (tmp_path starts with "/")
    for url in (
        "team.db",
        "sqlite:///team.db",
        f"sqlite:///{tmp_path}/team.db",
    ):
        entry = dburl.databases(url)
        assert entry["ENGINE"].endswith("sqlite3") and entry["NAME"] == str(tmp_path / "team.db")
    assert dburl.kind(dburl.databases("team.db")) == "sqlite"


def test_postgresql_forms() -> None:
    entry = dburl.databases("postgresql://lead:s%40cret@db.example:5433/holdline")
    assert (entry["NAME"], entry["USER"], entry["PASSWORD"], entry["HOST"], entry["PORT"]) == (
        "holdline", "lead", "s@cret", "db.example", "5433")  # fmt: skip
    socket_entry = dburl.databases("postgresql://postgres@/holdline?host=/run/postgresql")
    assert socket_entry["HOST"] == "/run/postgresql" and socket_entry["OPTIONS"] == {}
    assert dburl.describe("postgresql://lead:secret@h/db") == "postgresql://lead:***@h/db"


@pytest.mark.parametrize(
    ("url", "message"),
    [("", "empty"), ("mysql://h/db", "unknown database kind 'mysql'"),
     ("postgresql://lead:secret@h/", "no database name"), ("sqlite://", "no SQLite file")],
)  # fmt: skip
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        dburl.databases(url)
    assert "secret" not in str(err.value)


def test_serve_on_a_busy_port_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_holdline("serve", "--db", tmp_path / "t.sqlite3", "--port", str(port),
                            env={**SECRET, "XDG_CONFIG_HOME": str(tmp_path)})  # fmt: skip
    assert done.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
