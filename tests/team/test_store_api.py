"""The store and its API on a real SQLite file and a real PostgreSQL server: users and roles,
``holdline sync`` (idempotent, resumable), validation, and a server killed mid-upload."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from simulator.review.collect import load_all
from simulator.review.samples import write_sessions
from simulator.team.client import canonical
from tests.conftest import REPO, run_holdline

from .conftest import PASSWORD, Server


def finished(folder: Path) -> dict[str, object]:
    loaded, _ = load_all(folder)
    return {x.session.session_id: x.session for x in loaded if x.session.ended_at is not None}


def test_healthz_names_the_database(server: Server) -> None:
    with urllib.request.urlopen(server.url + "/healthz", timeout=10) as resp:
        body = json.loads(resp.read())
        assert "default-src 'none'" in resp.headers["Content-Security-Policy"]
    kind = "postgresql" if server.db.startswith("postgresql") else "sqlite"
    assert body == {"ok": True, "database": kind}


def test_sync_is_idempotent_and_roles_limit_what_is_seen(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    server.add_user("other", "trainer", "--team", "night-shift")
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    folder = tmp_path / "sessions"
    write_sessions(folder, 12, audio=True)
    want = finished(folder)

    first = server.sync(folder, "tina")
    assert first.returncode == 0, first.stderr
    assert f"uploaded {len(want)}, already on the server 0" in first.stdout
    again = server.sync(folder, "tina")
    assert f"uploaded 0, already on the server {len(want)}" in again.stdout

    status, body = server.api("GET", "/api/sessions", "tina")
    assert status == 200 and {s["session_id"] for s in body["sessions"]} == set(want)
    sid = next(iter(want))
    status, one = server.api("GET", f"/api/sessions/{sid}", "tina")
    assert one["document"] == json.loads(canonical(want[sid]))  # type: ignore[arg-type]
    assert one["stored_turns"] == len(want[sid].turns)  # type: ignore[attr-defined]
    assert len(one["stored_audio"]) == len(want[sid].turns)  # type: ignore[attr-defined]

    # a trainee sees only the sessions matched to their roster entry; another team sees none
    status, mine = server.api("GET", "/api/sessions", "jonas")
    jonas = {s for s, rec in want.items() if rec.trainee == "Jonas Berg"}  # type: ignore[attr-defined]
    assert jonas and {s["session_id"] for s in mine["sessions"]} == jonas
    other_sid = next(s for s in want if s not in jonas)
    assert server.api("GET", f"/api/sessions/{other_sid}", "jonas")[0] == 404
    assert server.api("GET", "/api/sessions", "other")[1] == {"sessions": [], "next": None}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # throttling keeps no rows
def test_bad_credentials_are_refused_and_throttled(server: Server) -> None:
    server.add_user("tina", "trainer")
    assert server.api("GET", "/api/sessions", "tina", "wrong")[0] == 401
    for _ in range(5):
        server.api("GET", "/api/sessions", "tina", "wrong")
    # after five failures even the right password waits out the window
    assert server.api("GET", "/api/sessions", "tina")[0] == 401
    assert server.api("GET", "/api/sessions", "nobody")[0] == 401


def test_uploads_are_validated(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    folder = tmp_path / "s"
    write_sessions(folder, 1)
    record = next(iter(finished(folder).values()))
    doc = json.loads(canonical(record))  # type: ignore[arg-type]
    doc["turns"][0]["scores"]["empathy"] = 140
    status, body = server.api("POST", "/api/sessions", "tina",
                              body={"session": json.dumps(doc), "audio": {}})  # fmt: skip
    assert status == 400 and "turns[0].scores.empathy" in body["error"]
    assert server.api("POST", "/api/sessions", "tina", body={"nope": 1})[0] == 400

    good = canonical(record).decode()  # type: ignore[arg-type]
    assert (
        server.api("POST", "/api/sessions", "tina", body={"session": good, "audio": {}})[0] == 201
    )
    assert (
        server.api("POST", "/api/sessions", "tina", body={"session": good, "audio": {}})[0] == 200
    )
    doc = json.loads(good)
    doc["debrief"] = ["changed"]
    status, body = server.api("POST", "/api/sessions", "tina",
                              body={"session": json.dumps(doc), "audio": {}})  # fmt: skip
    assert status == 409 and "different content" in body["error"]


def test_kill_9_during_uploads_loses_and_duplicates_nothing(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    folder = tmp_path / "sessions"
    write_sessions(folder, 30, audio=True)
    for wav in folder.rglob("*.wav"):  # big enough that a kill lands inside an upload
        wav.write_bytes(wav.read_bytes() + b"\0" * 400_000)
    want = finished(folder)
    env = {**server.env, "HOLDLINE_PASSWORD": PASSWORD}
    sync = subprocess.Popen(
        [sys.executable, "-m", "simulator", "sync", str(folder), "--server", server.url,
         "--user", "tina"], cwd=REPO, env={**__import__("os").environ, **env},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(server.api("GET", "/api/sessions", "tina")[1]["sessions"]) < 3:
        assert time.monotonic() < deadline and sync.poll() is None
        time.sleep(0.02)
    server.kill()
    out, err = sync.communicate(timeout=120)
    assert sync.returncode == 1 and "cannot reach the team server" in err and "Traceback" not in err

    server.start()  # same database
    status, body = server.api("GET", "/api/sessions", "tina")
    held = [s["session_id"] for s in body["sessions"]]
    assert 3 <= len(held) < len(want) and len(held) == len(set(held))
    for sid in held:  # nothing half-stored: every stored session has all its turns and audio
        one = server.api("GET", f"/api/sessions/{sid}", "tina")[1]
        assert one["stored_turns"] == one["turns"] == len(one["document"]["turns"])
        assert len(one["stored_audio"]) == one["turns"]
    done = server.sync(folder, "tina")
    assert done.returncode == 0, done.stderr
    assert f"uploaded {len(want) - len(held)}, already on the server {len(held)}" in done.stdout
    final = [s["session_id"] for s in server.api("GET", "/api/sessions", "tina")[1]["sessions"]]
    assert sorted(final) == sorted(want)


def test_command_line_errors_are_one_line(tmp_path: Path) -> None:
    done = run_holdline("team", "user", "add", "x", "--role", "admin", "--db", "mysql://h/db",
                        stdin="password1\n")  # fmt: skip
    assert done.returncode == 1 and "unknown database kind 'mysql'" in done.stderr
    done = run_holdline("team", "user", "add", "x", "--role", "admin", "--db",
                        str(tmp_path / "no" / "such" / "t.db"), stdin="password1\n")  # fmt: skip
    assert done.returncode == 1 and "does not exist" in done.stderr
    folder = tmp_path / "s"
    write_sessions(folder, 2)
    done = run_holdline("sync", folder, "--server", "http://127.0.0.1:9", "--user", "u",
                        env={"HOLDLINE_PASSWORD": "x"})  # fmt: skip
    assert done.returncode == 1 and "cannot reach the team server" in done.stderr
    for d in (done,):
        assert "Traceback" not in d.stderr and len(d.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_background_sync_never_blocks(server: Server, tmp_path: Path) -> None:
    from simulator.team.client import Server as Remote
    from simulator.team.client import SyncResult, sync_in_background

    server.add_user("tina", "trainer")
    folder = tmp_path / "s"
    write_sessions(folder, 3)
    outcomes: list[SyncResult | str] = []
    started = time.monotonic()
    away = sync_in_background(
        folder, Remote("http://127.0.0.1:9", "tina", PASSWORD), outcomes.append
    )
    here = sync_in_background(folder, Remote(server.url, "tina", PASSWORD), outcomes.append)
    assert time.monotonic() - started < 0.5  # returns at once
    away.join(30)
    here.join(60)
    unreachable = next(o for o in outcomes if isinstance(o, str))
    result = next(o for o in outcomes if isinstance(o, SyncResult))
    assert "cannot reach the team server at http://127.0.0.1:9" in unreachable
    assert len(result.uploaded) == len(finished(folder)) and not result.failed
