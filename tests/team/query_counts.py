"""Counts the database queries each list page makes, on a small store and again after it has
grown (more trainees, sessions, assignments, users, comments and overrides); prints
``{"page": [small, grown, rows_small, rows_grown]}`` as JSON. Run in a subprocess by
test_queries.py (Django is set up once per process, on one database):

    python -m tests.team.query_counts DB_URL
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROWS = re.compile(r'<tr[ >]|class="comment"|class="audit override"')  # what a page lists


def main(url: str) -> int:
    from simulator.team.server import open_store

    open_store(url, ["testserver"])
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from simulator.review.collect import load_all
    from simulator.review.samples import write_sessions
    from simulator.team import models as m
    from simulator.team import store
    from simulator.team.client import canonical

    folder = Path(tempfile.mkdtemp())
    write_sessions(folder, 12)
    loaded, _ = load_all(folder)
    docs = [json.loads(canonical(x.session)) for x in loaded if x.session.ended_at]
    docs = [d for d in docs if d["turns"]]
    team = m.Team.objects.create(name="north")

    def person(name: str, role: str, trainee: m.Trainee | None = None) -> User:
        user = User.objects.create(username=name)  # no password: the client logs in directly
        m.Profile.objects.create(user=user, role=role, team=team, trainee=trainee)
        return user

    admin, trainer = person("ada", "admin"), person("tina", "trainer")
    jonas = m.Trainee.objects.create(team=team, name="Jonas Berg", key="jonas berg")
    trainee = person("jonas", "trainee", jonas)
    made = {"sessions": 0, "people": 0}

    def grow(trainees: int) -> None:
        start = made["people"]
        roster = [jonas] + [
            m.Trainee.objects.create(team=team, name=f"T{i}", key=f"t{i}")
            for i in range(start, start + trainees)
        ]
        for t in roster[1:]:
            person(f"user-{t.key}", "trainee", t)
        for t in roster + [None]:  # None: a typed name not on the roster
            for j in range(3):
                doc = dict(docs[(made["sessions"] + j) % len(docs)])
                made["sessions"] += 1
                doc["session_id"] = f"q-{made['sessions']:05d}"
                doc["trainee"] = t.name if t else f"Typo {made['sessions']}"
                doc["mode"] = "exam" if j == 0 else doc["mode"]
                raw = json.dumps(doc, sort_keys=True).encode()
                store.store_session(raw, {}, team, trainer, None)
        for k in range(trainees):
            a = m.Assignment.objects.create(
                team=team, scenario_id=docs[k % len(docs)]["scenario"]["id"], due="2030-01-01",
                pass_empathy=50, pass_firmness=50, pass_boundary_clarity=50,
            )  # fmt: skip
            a.trainees.set(roster)
        turn = m.Turn.objects.filter(session__session_id="q-00001", index=0).get()
        for k in range(trainees):
            m.Comment.objects.create(turn=turn, author=trainer if k % 2 else trainee, text="c")
            m.Override.objects.create(turn=turn, dimension="empathy", original=1, previous=1,
                                      value=k, reason="r", author=trainer)  # fmt: skip
        made["people"] += trainees

    pages = {
        "sessions": (trainer, "/"),
        "sessions filtered": (trainer, f"/?mode=exam&trainee={jonas.id}"),
        "session": (trainer, "/sessions/q-00001/"),
        "trainee progress": (trainer, f"/trainees/{jonas.id}/"),
        "scenarios": (trainer, "/scenarios/"),
        "behaviours": (trainer, "/behaviours/"),
        "roster": (trainer, "/roster/"),
        "assignments": (trainer, "/assignments/"),
        "assignments (trainee)": (trainee, "/assignments/"),
        "users": (admin, "/users/"),
    }

    def measure() -> dict[str, tuple[int, int]]:
        counts = {}
        for name, (user, path) in pages.items():
            client = Client()
            client.force_login(user)
            client.get(path)  # warm: the first request loads the session and caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (name, response.status_code)
            counts[name] = (len(queries), len(ROWS.findall(response.content.decode())))
        return counts

    grow(2)
    small = measure()
    grow(10)
    grown = measure()
    out: dict[str, Any] = {k: [small[k][0], grown[k][0], small[k][1], grown[k][1]] for k in pages}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
