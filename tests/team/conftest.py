"""Team server fixtures: a real SQLite file and a real PostgreSQL server, and ``holdline
serve`` running as a subprocess on each, driven over HTTP as workstations and browsers do."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, run_holdline

from .pg import Cluster

SECRET = {"HOLDLINE_SECRET_KEY": "tests-only-secret-key"}
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    cluster = Cluster()
    try:
        yield cluster
    finally:
        cluster.stop()


def migrate(url: str) -> None:
    code = "import sys; from simulator.team.server import open_store; open_store(sys.argv[1])"
    done = subprocess.run([sys.executable, "-c", code, url], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, **SECRET}, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated store, copied for each test (migrating from nothing takes seconds)."""
    path = tmp_path_factory.mktemp("template") / "team.sqlite3"
    migrate(str(path))
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    url = pg_cluster.new_database()
    migrate(url)
    return urllib.parse.urlsplit(url).path.lstrip("/")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A real, migrated store: a SQLite file, or a database on the throwaway PostgreSQL."""
    if request.param == "sqlite":
        target = tmp_path / "team.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        return str(target)
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database(template=request.getfixturevalue("pg_template"))


@dataclass
class Server:
    db: str
    env: dict[str, str]
    proc: subprocess.Popen[str] | None = None
    url: str = ""
    log: list[str] = field(default_factory=list)

    def start(self) -> Server:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "simulator", "serve", "--db", self.db, "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=REPO,
            env={**os.environ, **self.env},
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "server on http" not in line:
            self.proc.kill()
            raise RuntimeError(f"holdline serve did not start: {line}{self.proc.stdout.read()}")
        self.url = line.split(" on ", 1)[1].split()[0].rstrip("/")
        # Read the server's output as it comes: unread, the pipe fills (waitress warns of its
        # queue under load) and the server stops dead on its next write.
        threading.Thread(target=self._drain, args=(self.proc.stdout,), daemon=True).start()
        return self

    def _drain(self, out: Any) -> None:
        for line in out:
            self.log.append(line)

    def kill(self) -> None:
        assert self.proc is not None
        self.proc.kill()  # SIGKILL: no clean-up of any kind
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def cli(self, *args: str | Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_holdline(*args, env=self.env, stdin=stdin, timeout=120)

    def add_user(self, name: str, role: str, *extra: str, password: str = PASSWORD) -> None:
        done = self.cli("team", "user", "add", name, "--role", role, "--db", self.db, *extra,
                        stdin=password + "\n")  # fmt: skip
        assert done.returncode == 0, done.stderr

    def sync(
        self, folder: Path, user: str, password: str = PASSWORD
    ) -> subprocess.CompletedProcess[str]:  # noqa: E501
        return run_holdline(
            "sync", folder, "--server", self.url, "--user", user,
            env={**self.env, "HOLDLINE_PASSWORD": password}, timeout=300,
        )  # fmt: skip

    def api(self, method: str, path: str, user: str, password: str = PASSWORD,
            body: Any = None) -> tuple[int, Any]:  # fmt: skip
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data, method=method,
                                     headers={"Authorization": f"Basic {token}"})  # fmt: skip
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"null")


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[Server]:
    srv = Server(db_url, {**SECRET, "XDG_CONFIG_HOME": str(tmp_path / "config")}).start()
    try:
        yield srv
    finally:
        srv.stop()


def wait_for(predicate: Any, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """Build any .mo older than its .po (tools/bootstrap does the same), so the pages under
    test use the catalogues in the working tree."""
    locale = REPO / "simulator" / "team" / "locale"
    msgfmt = shutil.which("msgfmt")
    for po in locale.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        if msgfmt is None:
            pytest.fail("msgfmt not found (tools/bootstrap installs gettext)")
        subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True)
