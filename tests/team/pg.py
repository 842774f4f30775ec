"""A throwaway PostgreSQL cluster for the tests: initdb into a temp folder, listening only on a
Unix socket in it, stopped (immediate mode) and deleted afterwards. As root, the server
programs run as the ``postgres`` user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

_counter = itertools.count(1)


def find_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class Cluster:
    def __init__(self) -> None:
        initdb, self.pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
        if not initdb or not self.pg_ctl:
            raise RuntimeError(
                "PostgreSQL server programs not found (tools/bootstrap installs the Debian "
                "postgresql package)"
            )
        self.root = Path(tempfile.mkdtemp(prefix="holdline-pg-"))
        self.as_root = os.getuid() == 0
        self.user = "postgres" if self.as_root else os.environ.get("USER", "postgres")
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self.data = self.root / "data"
        self._run(initdb, "-D", self.data, "-U", self.user, "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--locale=C.UTF-8")  # fmt: skip
        opts = f"-k {self.root} -c listen_addresses='' -c fsync=on -c max_connections=200"
        self._run(self.pg_ctl, "-D", self.data, "-o", opts, "-l", self.root / "log", "-w", "start")

    def _run(self, *cmd: str | Path) -> None:
        argv = [str(c) for c in cmd]
        if self.as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr or done.stdout}")

    def new_database(self, template: str | None = None) -> str:
        """A fresh database (empty, or a copy of ``template``); its URL."""
        name = f"holdline_{os.getpid()}_{next(_counter)}"
        createdb = find_bin("createdb")
        assert createdb
        copy = ["-T", template] if template else []
        self._run(createdb, "-h", self.root, "-U", self.user, *copy, name)
        return self.url(name)

    def url(self, name: str) -> str:
        return f"postgresql://{self.user}@/{name}?host={self.root}"

    def stop(self) -> None:
        try:
            self._run(self.pg_ctl, "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
