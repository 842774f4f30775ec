"""``holdline sync``: upload a workstation's finished sessions, with their audio, to a team
server. Standard library only. Each session is one request stored in one transaction, so a
killed or failed run leaves nothing half-stored and the next run uploads what is missing."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from simulator.errors import InputError
from simulator.i18n import _, ngettext
from simulator.review.collect import load_all
from simulator.session.record import Session

TIMEOUT_S = 300  # a busy server queues uploads (SQLite writes one at a time); wait for it


def canonical(session: Session) -> bytes:
    """The bytes uploaded for a session: the loaded record re-encoded, so a session has one
    hash however the workstation stored it."""
    text = json.dumps(session.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.encode("utf-8")


@dataclass
class SyncResult:
    uploaded: list[str] = field(default_factory=list)
    already: int = 0
    skipped: list[str] = field(default_factory=list)  # "path: reason"
    failed: list[str] = field(default_factory=list)


class Server:
    def __init__(self, url: str, user: str, password: str):
        if not url.startswith(("http://", "https://")):
            raise InputError(f"--server {url}: expected http://HOST:PORT")
        self.url = url.rstrip("/")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        self.headers = {"Authorization": f"Basic {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, dict[str, Any]]:
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.url + path, data, self.headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                return resp.status, json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as exc:
            try:
                payload = json.loads(exc.read() or b"{}")
            except ValueError:
                payload = {}
            if exc.code == 401:
                message = _("{url}: user name or password not accepted").format(url=self.url)
                raise InputError(message) from None
            return exc.code, payload if isinstance(payload, dict) else {}
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = _why(getattr(exc, "reason", exc))
            message = _("cannot reach the team server at {url} ({reason})")
            raise InputError(message.format(url=self.url, reason=reason)) from None


def _why(reason: object) -> str:
    """The usual network failures in the UI language; anything else as the system says it."""
    if isinstance(reason, ConnectionRefusedError):
        return _("connection refused")
    if isinstance(reason, TimeoutError):
        return _("no answer in time")
    return str(reason)


def _audio(session_file: Path, session: Session) -> tuple[dict[str, str], list[str]]:
    found: dict[str, str] = {}
    missing: list[str] = []
    root = session_file.parent.resolve()
    for turn in session.turns:
        rel = turn.reply_audio
        if not rel or rel in found:
            continue
        pure = PurePosixPath(rel)
        path = (root / pure).resolve()
        if pure.is_absolute() or ".." in pure.parts or not path.is_relative_to(root):
            missing.append(f"{rel} (outside the session folder)")
        elif path.is_file():
            found[rel] = base64.b64encode(path.read_bytes()).decode("ascii")
        else:
            missing.append(rel)
    return found, missing


def sync(directory: Path, server: Server, say: Callable[[str], None] = print) -> SyncResult:
    if not directory.is_dir():
        raise InputError(f"{directory}: not a folder")
    loaded, skipped = load_all(directory)
    result = SyncResult(skipped=[f"{s.path}: {s.reason}" for s in skipped])
    todo: dict[str, tuple[Path, Session, bytes]] = {}
    for item in loaded:
        if item.session.ended_at is None:
            result.skipped.append(f"{item.path}: not finished yet")
            continue
        todo[item.session.session_id] = (item.path, item.session, canonical(item.session))
    if not todo:
        return result
    hashes = {sid: hashlib.sha256(raw).hexdigest() for sid, (_, _, raw) in todo.items()}
    status, answer = server.call("POST", "/api/sync/missing", {"sessions": hashes})
    if status != 200:
        raise InputError(f"{server.url}: {answer.get('error', f'HTTP {status}')}")
    missing = set(answer.get("missing", []))
    for sid in answer.get("conflicts", []):
        result.failed.append(f"{todo[sid][0]}: stored on the server with different content")
    result.already = len(todo) - len(missing) - len(answer.get("conflicts", []))
    for sid, (path, session, raw) in todo.items():
        if sid not in missing:
            continue
        audio, absent = _audio(path, session)
        for rel in absent:
            say(f"{path}: audio {rel} not found; uploading the session without it")
        status, answer = server.call(
            "POST", "/api/sessions", {"session": raw.decode("utf-8"), "audio": audio}
        )
        if status in (200, 201):
            result.uploaded.append(sid)
        else:
            result.failed.append(f"{path}: {answer.get('error', f'HTTP {status}')}")
    return result


def sync_in_background(
    directory: Path, server: Server, done: Callable[[SyncResult | str], None] | None = None
) -> threading.Thread:
    """Sync on a daemon thread and return at once: practice never waits for the server. The
    outcome (a SyncResult, or a one-line reason such as an unreachable server) goes to
    ``done``; nothing is raised."""

    def work() -> None:
        try:
            outcome: SyncResult | str = sync(directory, server, say=lambda _: None)
        except InputError as exc:
            outcome = str(exc)
        except OSError as exc:  # the folder vanished or a file could not be read
            outcome = f"{directory}: {exc.strerror or exc}"
        except Exception as exc:  # noqa: BLE001 - a background thread must not print a traceback
            outcome = f"sync stopped: {type(exc).__name__}: {exc}"
        if done is not None:
            done(outcome)

    thread = threading.Thread(target=work, name="holdline-sync", daemon=True)
    thread.start()
    return thread


class AfterPlay:
    """Syncs a sessions folder after each session played, on a daemon thread, one run at a
    time; a request during a run starts one more when it ends, so no session is left behind.
    ``note`` gets one line per run (uploads, or why nothing was), never an exception."""

    def __init__(self, directory: Path, server: Server, note: Callable[[str], None]):
        self.directory, self.server, self.note = directory, server, note
        self._lock = threading.Lock()
        self._again = False
        self._thread: threading.Thread | None = None
        self._last = ""

    def request(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._again = True
                return
            self._thread = sync_in_background(self.directory, self.server, self._done)

    def _done(self, outcome: SyncResult | str) -> None:
        line = _describe(outcome, self.server.url)
        if line and line != self._last:  # the exit's extra run does not repeat the same news
            self.note(line)
        self._last = line
        with self._lock:
            again, self._again = self._again, False
            if again:
                self._thread = sync_in_background(self.directory, self.server, self._done)

    def wait(self, seconds: float) -> bool:
        """Give a run still going up to ``seconds`` (at exit); False if it had to be left."""
        deadline = time.monotonic() + seconds
        while True:
            with self._lock:
                thread = self._thread
            if thread is None or not thread.is_alive():
                return True
            thread.join(max(0.0, deadline - time.monotonic()))
            if time.monotonic() >= deadline and thread.is_alive():
                return False


def _describe(outcome: SyncResult | str, url: str) -> str:
    """Play's one line about a background sync, in the UI language."""
    if isinstance(outcome, str):
        return _("not synced: {reason}; the next sync uploads it").format(reason=outcome)
    if not outcome.uploaded and not outcome.failed:
        return ""
    n = len(outcome.uploaded)
    line = ngettext("synced to {url}: uploaded {n}", "synced to {url}: uploaded {n}", n)
    line = line.format(url=url, n=n)
    if outcome.failed:
        failed = _(", failed {n} ({first})")
        line += failed.format(n=len(outcome.failed), first=outcome.failed[0])
    return line


def configured_server(
    url: str | None = None, user: str | None = None, saved: Any = None
) -> Server | str | None:
    """The server play syncs to: ``url``/``user`` (play's --server, --server-user), else
    HOLDLINE_SERVER / HOLDLINE_USER, else the saved settings' ``server`` / ``server_user``;
    the password from HOLDLINE_PASSWORD. None when no server is set (the workstation stays
    offline); a one-line reason when one is set but cannot be used."""
    url = url or os.environ.get("HOLDLINE_SERVER") or getattr(saved, "server", None)
    user = user or os.environ.get("HOLDLINE_USER") or getattr(saved, "server_user", None)
    if not url:
        return None
    if not user:
        return _("team server {url} set but no user: pass --server-user or set {variable}").format(
            url=url, variable="HOLDLINE_USER"
        )
    password = os.environ.get("HOLDLINE_PASSWORD")
    if not password:
        return _("team server {url} set but {variable} is not; sessions stay here").format(
            url=url, variable="HOLDLINE_PASSWORD"
        )
    try:
        return Server(url, user, password)
    except InputError as exc:
        return str(exc)
