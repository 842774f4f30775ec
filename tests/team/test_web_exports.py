"""Pages, forms, roster matching and exports over HTTP on SQLite and PostgreSQL: CSRF on
forms, the CSP header, overrides with their audit trail, CSV (formula cells neutralised) and
xAPI sent to a stand-in LRS on 127.0.0.1."""

from __future__ import annotations

import base64
import csv
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from simulator.review.collect import load_all
from simulator.review.samples import write_sessions
from simulator.team.client import canonical

from .conftest import PASSWORD, Server
from .web_client import WebClient


def upload(server: Server, user: str, doc: dict[str, Any]) -> int:
    return server.api(
        "POST", "/api/sessions", user, body={"session": json.dumps(doc), "audio": {}}
    )[0]


def sample_docs(tmp_path: Path, n: int) -> list[dict[str, Any]]:
    write_sessions(tmp_path / "s", n)
    loaded, _ = load_all(tmp_path / "s")
    return [
        json.loads(canonical(x.session)) for x in loaded if x.session.ended_at and x.session.turns
    ]


def test_forms_need_csrf_and_pages_carry_the_csp(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    doc = sample_docs(tmp_path, 2)[0]
    assert upload(server, "tina", doc) == 201
    web = WebClient(server.url)
    assert web.get("/")[1].count('id="login"') == 1  # not logged in: the login form
    web.login("tina", PASSWORD)
    status, page, headers = web.get(f"/sessions/{doc['session_id']}/")
    assert status == 200 and "script-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    path = f"/sessions/{doc['session_id']}/turns/1/comment"
    assert web.post(path, {"text": "no token"}, token=False)[0] == 403
    web.get(f"/sessions/{doc['session_id']}/")
    status, page, _ = web.post(path, {"text": "<img src=x onerror=alert(1)> try again"})
    assert status == 200 and "&lt;img src=x onerror=alert(1)&gt; try again" in page
    assert "<img src=x" not in page


def test_roster_matches_typed_names_and_flags_the_rest(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    docs = sample_docs(tmp_path, 3)
    docs[0]["trainee"], docs[1]["trainee"] = "  jonas BERG ", "Jonas Brg"
    for doc in docs[:2]:
        assert upload(server, "tina", doc) == 201
    mine = {s["session_id"] for s in server.api("GET", "/api/sessions", "jonas")[1]["sessions"]}
    assert mine == {docs[0]["session_id"]}  # case and spacing ignored; a typo is not matched

    web = WebClient(server.url)
    web.login("tina", PASSWORD)
    status, page, _ = web.get("/roster/")
    assert "Jonas Brg" in page and status == 200
    status, page, _ = web.get("/?trainee=unmatched")
    assert docs[1]["session_id"] in page and docs[0]["session_id"] not in page
    roster = web.get("/roster/")[1]
    trainee_id = roster.split('href="/trainees/', 1)[1].split("/", 1)[0]
    web.post("/roster/", {"action": "link", "typed": "Jonas Brg", "trainee": trainee_id})
    mine = {s["session_id"] for s in server.api("GET", "/api/sessions", "jonas")[1]["sessions"]}
    assert mine == {docs[0]["session_id"], docs[1]["session_id"]}
    docs[2]["trainee"] = "jonas brg"  # the alias now matches new uploads too
    assert upload(server, "tina", docs[2]) == 201
    assert len(server.api("GET", "/api/sessions", "jonas")[1]["sessions"]) == 3


def test_overrides_keep_the_original_and_reach_the_csv(server: Server, tmp_path: Path) -> None:
    server.add_user("tina", "trainer")
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    doc = sample_docs(tmp_path, 2)[0]
    doc["turns"][0]["reply_text"] = '=HYPERLINK("http://evil")'
    doc["turns"][0]["evidence"] = []
    doc["turns"][0]["words"] = []
    assert upload(server, "tina", doc) == 201
    sid, original = doc["session_id"], doc["turns"][0]["scores"]["empathy"]
    web = WebClient(server.url)
    web.login("tina", PASSWORD)
    web.get(f"/sessions/{sid}/")
    over = f"/sessions/{sid}/turns/1/override"
    assert web.post(over, {"dimension": "empathy", "value": "5", "reason": ""})[0] == 400
    web.post(over, {"dimension": "empathy", "value": "5", "reason": "talked over the client"})
    status, page, _ = web.post(
        over, {"dimension": "empathy", "value": "7", "reason": "re-listened"}
    )
    assert "changed from 5 to 7 by tina" in page and "to 5 by tina" in page
    trainee = WebClient(server.url)
    trainee.login("jonas", PASSWORD)
    assert trainee.post(over, {"dimension": "empathy", "value": "99", "reason": "me"})[0] in (
        403,
        404,
    )

    out = tmp_path / "out.csv"
    done = server.cli("team", "export", "csv", out, "--db", server.db)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    first = next(r for r in rows if r["session"] == sid and r["turn"] == "1")
    assert first["reply_text"].startswith("'=HYPERLINK")
    assert first["empathy"] == "7" and first["original_empathy"] == f"{original:g}"
    assert "empathy 5->7 by tina (re-listened)" in first["overrides"]
    assert len([r for r in rows if r["session"] == sid]) == len(doc["turns"])
    n = len(doc["turns"])
    means = server.api("GET", f"/api/sessions/{sid}", "tina")[1]["scores"]["empathy"]
    rest = sum(t["scores"]["empathy"] for t in doc["turns"][1:])
    assert means == pytest.approx((7 + rest) / n)


class LRS(BaseHTTPRequestHandler):
    """A stand-in Learning Record Store: POST /xapi/statements, Basic auth, version header;
    stores statements by id, 409 for a known id with other content (as the spec says)."""

    store: dict[str, Any] = {}
    seen_headers: list[dict[str, str]] = []

    def do_POST(self) -> None:  # noqa: N802
        LRS.seen_headers.append(dict(self.headers))
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"lrs:key").decode():
            self.send_response(401)
            self.end_headers()
            return
        batch = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if (
            self.path != "/xapi/statements"
            or self.headers.get("X-Experience-API-Version") != "1.0.3"
        ):
            self.send_response(400)
            self.end_headers()
            return
        if any(s["id"] in LRS.store and LRS.store[s["id"]] != s for s in batch):
            self.send_response(409)
            self.end_headers()
            return
        for s in batch:
            LRS.store[s["id"]] = s
        body = json.dumps([s["id"] for s in batch]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def lrs() -> Iterator[str]:
    LRS.store, LRS.seen_headers = {}, []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), LRS)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://lrs:key@127.0.0.1:{httpd.server_address[1]}/xapi"
    finally:
        httpd.shutdown()


def test_xapi_statements_reach_the_lrs_once(server: Server, tmp_path: Path, lrs: str) -> None:
    server.add_user("tina", "trainer")
    docs = sample_docs(tmp_path, 4)
    for doc in docs:
        assert upload(server, "tina", doc) == 201
    out = tmp_path / "xapi.json"
    for _ in range(2):  # a resend is recognised by the statement ids, not stored twice
        done = server.cli("team", "export", "xapi", out, "--db", server.db, "--lrs", lrs)
        assert done.returncode == 0, done.stderr
    written = json.loads(out.read_text())
    turns = sum(len(d["turns"]) for d in docs)
    assert len(written) == len(docs) + turns == len(LRS.store)
    assert "key" not in done.stdout  # the LRS credentials are not echoed
    attempts = [s for s in written if s["verb"]["id"].endswith("/completed")]
    responses = [s for s in written if s["verb"]["id"].endswith("/responded")]
    assert len(attempts) == len(docs) and len(responses) == turns
    for s in written:
        assert 0 <= s["result"]["score"]["scaled"] <= 1
        dims = {k.rsplit("/", 1)[1]: v for k, v in s["result"]["extensions"].items()}
        assert set(dims) == {"empathy", "firmness", "boundary_clarity"}
        assert all(0 <= v <= 1 for v in dims.values())
    first = docs[0]
    attempt = next(s for s in attempts if s["context"]["extensions"][next(
        k for k in s["context"]["extensions"] if k.endswith("/session"))] == first["session_id"])  # fmt: skip
    want = sum(sum(t["scores"][d] for t in first["turns"]) / len(first["turns"])
               for d in ("empathy", "firmness", "boundary_clarity")) / 300  # fmt: skip
    assert attempt["result"]["score"]["scaled"] == pytest.approx(want, abs=1e-4)
    bad = server.cli(
        "team", "export", "xapi", out, "--db", server.db, "--lrs", "http://127.0.0.1:9/x"
    )
    assert (
        bad.returncode == 1
        and "cannot reach the LRS" in bad.stderr
        and "Traceback" not in bad.stderr
    )
