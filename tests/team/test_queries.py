"""List pages make the same number of queries however many rows they show (no query per row),
on SQLite and PostgreSQL; and assignment results pick the right exam: the trainee's latest
of the scenario up to the due date, not a quit one, not a practice session."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

from .conftest import PASSWORD, SECRET, Server
from .test_web_exports import sample_docs, upload
from .web_client import WebClient


def test_list_pages_do_not_query_per_row(db_url: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.team.query_counts", db_url], cwd=REPO, capture_output=True,
        text=True, timeout=600, env={**os.environ, **SECRET, "XDG_CONFIG_HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout)
    assert len(counts) == 10
    for page, (small, grown, rows_small, rows_grown) in counts.items():
        assert rows_grown > rows_small or page == "behaviours", (page, counts[page])  # it grew
        assert grown == small, f"{page}: {small} queries, then {grown} with more rows"
        assert small <= 14, (page, small)


def test_assignment_results_use_the_latest_exam_up_to_the_due_date(
    server: Server, tmp_path: Path
) -> None:
    server.add_user("tina", "trainer")
    server.add_user("jonas", "trainee", "--trainee", "Jonas Berg")
    server.add_user("bilal", "trainee", "--trainee", "Bilal Khan")
    base = sample_docs(tmp_path, 2)[0]
    variants = {"older": ("exam", "good", "2026-01-05"), "counted": ("exam", "good", "2026-01-10"),
                "quit": ("exam", "quit", "2026-01-20"), "practice": ("practice", "good", "2026-01-25"),
                "late": ("exam", "good", "2026-02-10")}  # fmt: skip
    for name, (mode, outcome, day) in variants.items():
        doc = {**base, "session_id": f"as-{name}", "trainee": "Jonas Berg", "mode": mode,
               "outcome": outcome, "started_at": f"{day}T10:00:00+00:00",
               "ended_at": f"{day}T10:05:00+00:00"}  # fmt: skip
        assert upload(server, "tina", doc) == 201
    scores = server.api("GET", "/api/sessions/as-counted", "tina")[1]["scores"]

    web = WebClient(server.url)
    web.login("tina", PASSWORD)
    page = web.get("/assignments/")[1]
    ids = re.findall(r'<option value="(\d+)"', page)
    assert len(ids) == 2
    marks = {"pass_empathy": int(scores["empathy"]), "pass_firmness": int(scores["firmness"]),
             "pass_boundary_clarity": int(scores["boundary_clarity"]) + 1}  # fmt: skip
    status, page, _ = web.post("/assignments/", {"scenario_id": base["scenario"]["id"],
                                                 "due": "2026-01-31", "trainees": ids, **marks})  # fmt: skip
    assert status == 200
    rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", page, re.S)
    assert [name for name, _ in rows] == ["Bilal Khan", "Jonas Berg"]
    assert "no exam yet" in rows[0][1]
    jonas = rows[1][1]
    assert 'href="/sessions/as-counted/"' in jonas and 'class="fail">failed' in jonas
    assert jonas.count('class="pass"') == 2 and jonas.count('class="fail"') == 2

    marks["pass_boundary_clarity"] -= 1  # now every mark is met
    web.post("/assignments/", {"scenario_id": base["scenario"]["id"], "due": "2026-01-31",
                               "trainees": ids, **marks})  # fmt: skip
    jonas_view = WebClient(server.url)
    jonas_view.login("jonas", PASSWORD)
    page = jonas_view.get("/assignments/")[1]
    rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", page, re.S)
    assert [name for name, _ in rows] == ["Jonas Berg", "Jonas Berg"]  # only their own rows
    assert 'class="fail">failed' in rows[0][1] and 'class="pass">passed' in rows[1][1]
