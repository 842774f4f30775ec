"""Benchmark: the team server under load. A store of N sessions (default 10,000), then W
workstations (default 50) syncing at once with their audio, then page loads.

    python benchmarks/team_load.py [--db sqlite|postgresql|both] [--sessions 10000]
        [--workstations 50] [--per-workstation 4] [--requests 40]

Runs ``holdline serve`` as a subprocess on a fresh SQLite file, or on a throwaway PostgreSQL
cluster (as the tests start one). The store is seeded over the API from 200 generated sessions
given new ids (seeding is timed too, as uploads/s). Each workstation is a thread running
``holdline sync``'s own code on its own folder. Pages are fetched by a logged-in trainer, one
at a time; prints p50/p95 per page, uploads/s and the database size. Aim: p95 under 300 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.errors import InputError  # noqa: E402
from simulator.review.collect import load_all  # noqa: E402
from simulator.review.samples import write_sessions  # noqa: E402
from simulator.team.client import Server, canonical, sync  # noqa: E402
from tests.team.conftest import SECRET  # noqa: E402
from tests.team.conftest import Server as Serve  # noqa: E402
from tests.team.pg import Cluster  # noqa: E402
from tests.team.web_client import WebClient  # noqa: E402

AIM_P95_MS = 300
PASSWORD = "benchmark password"
TRAINEES = [f"Trainee {i:02d}" for i in range(40)]


def seed_docs(tmp: Path, n: int) -> list[str]:
    write_sessions(tmp / "seed", 200, seed=3)
    loaded, _ = load_all(tmp / "seed")
    base = [_as_scored(json.loads(canonical(x.session))) for x in loaded if x.session.ended_at]
    docs = []
    for i in range(n):
        doc = dict(base[i % len(base)])
        doc["session_id"] = f"bench-{i:06d}"
        doc["trainee"] = TRAINEES[i % len(TRAINEES)]
        docs.append(json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
    return docs


def _as_scored(doc: dict[str, Any]) -> dict[str, Any]:
    """The sample's costs named as the scorer names them (``missing:`` an expected behaviour,
    ``red_flag:``), so the store holds behaviour hits as real sessions give it."""
    for turn in doc["turns"]:
        for i, ev in enumerate(turn["evidence"]):
            if ev["points"] < 0 and ":" not in ev["indicator"]:
                ev["indicator"] = ("missing:", "red_flag:")[i % 2] + ev["indicator"]
    return doc


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(kind: str, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    cluster = None
    if kind == "sqlite":
        db = str(tmp / f"{kind}.sqlite3")
    else:
        cluster = Cluster()
        db = cluster.new_database()
    srv = Serve(db, {**SECRET, "XDG_CONFIG_HOME": str(tmp / "config")}).start()
    try:
        srv.add_user("lead", "trainer", password=PASSWORD)
        srv.add_user("boss", "admin", password=PASSWORD)
        for t in TRAINEES[:5]:
            srv.add_user(t.replace(" ", "").lower(), "trainee", "--trainee", t, password=PASSWORD)
        client = Server(srv.url, "lead", PASSWORD)
        docs = seed_docs(tmp, args.sessions)
        started = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(
                lambda d: client.call("POST", "/api/sessions", {"session": d, "audio": {}})[0], docs
            ))  # fmt: skip
        seed_s = time.perf_counter() - started
        assert set(codes) == {201}, set(codes)

        folders = []
        for w in range(args.workstations):
            folder = tmp / kind / f"ws{w:02d}"
            write_sessions(folder, args.per_workstation, seed=100 + w, audio=True)
            folders.append(folder)
        results: list[Any] = [None] * len(folders)
        barrier = threading.Barrier(len(folders))

        def workstation(i: int) -> None:
            barrier.wait()
            try:
                results[i] = sync(folders[i], Server(srv.url, "lead", PASSWORD), say=print)
            except InputError as exc:  # counted as failed below, with the reason shown
                print(f"workstation {i}: {exc}")

        started = time.perf_counter()
        threads = [threading.Thread(target=workstation, args=(i,)) for i in range(len(folders))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        sync_s = time.perf_counter() - started
        uploaded = sum(len(r.uploaded) for r in results if r is not None)
        failed = sum(len(r.failed) if r is not None else 1 for r in results)

        web = WebClient(srv.url)
        web.login("lead", PASSWORD)
        some = client.call("GET", "/api/sessions?limit=5")[1]["sessions"]
        roster = web.get("/roster/")[1]
        trainee_ids = sorted({x.split("/", 1)[0] for x in roster.split('href="/trainees/')[1:]})
        trainee_page = trainee_ids[0]
        web.get("/assignments/")
        for scenario in {s["scenario"] for s in some}:  # each roster trainee, pass marks 60
            marks = {"pass_empathy": "60", "pass_firmness": "60", "pass_boundary_clarity": "60"}
            web.post("/assignments/", {"scenario_id": scenario, "due": "2030-01-01",
                                       "trainees": trainee_ids, **marks})  # fmt: skip
        admin = WebClient(srv.url)
        admin.login("boss", PASSWORD)
        pages = {
            "session list": "/",
            "filtered list": f"/?outcome=good&mode=practice&scenario={some[0]['scenario']}",
            "session page": f"/sessions/{some[0]['session_id']}/",
            "trainee progress": f"/trainees/{trainee_page}/",
            "scenarios": "/scenarios/",
            "behaviours": "/behaviours/",
            "assignments": "/assignments/",
            "roster": "/roster/",
            "users (admin)": "/users/",
            "API list (1000)": None,
        }
        timings: dict[str, list[float]] = {}
        for name, path in pages.items():
            times = []
            for _ in range(args.requests):
                t0 = time.perf_counter()
                if path is None:
                    status = client.call("GET", "/api/sessions")[0]
                else:
                    status = (admin if path == "/users/" else web).get(path)[0]
                times.append((time.perf_counter() - t0) * 1000)
                assert status == 200, (name, status)
            timings[name] = times
        size = _db_size(kind, db, cluster)
        return {"kind": kind, "seed_s": seed_s, "seeded": len(docs), "sync_s": sync_s,
                "uploaded": uploaded, "failed": failed, "timings": timings,
                "size": size}  # fmt: skip
    finally:
        srv.stop()
        if cluster:
            cluster.stop()


def _db_size(kind: str, db: str, cluster: Cluster | None) -> int:
    if kind == "sqlite":
        return sum(Path(db + s).stat().st_size for s in ("", "-wal") if Path(db + s).exists())
    assert cluster is not None
    name = db.split("@/", 1)[1].split("?", 1)[0]
    out = subprocess.run(
        ["runuser", "-u", "postgres", "--"] * cluster.as_root
        + ["psql", "-h", str(cluster.root), "-U", cluster.user, "-At", "-c",
           f"select pg_database_size('{name}')", name],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout.strip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--workstations", type=int, default=50)
    parser.add_argument("--per-workstation", type=int, default=4)
    parser.add_argument("--requests", type=int, default=40, help="loads of each page")
    args = parser.parse_args()
    worst = 0.0
    for kind in ("sqlite", "postgresql") if args.db == "both" else (args.db,):
        with tempfile.TemporaryDirectory(prefix="holdline-team-bench-") as tmp:
            os.chmod(tmp, 0o755)
            r = run(kind, args, Path(tmp))
        print(f"\n{kind}: seeded {r['seeded']} sessions over the API in {r['seed_s']:.1f} s "
              f"({r['seeded'] / r['seed_s']:.0f} uploads/s, 8 at a time)")  # fmt: skip
        print(f"  {args.workstations} workstations syncing at once: {r['uploaded']} sessions "
              f"with audio in {r['sync_s']:.1f} s ({r['uploaded'] / r['sync_s']:.0f} uploads/s), "
              f"{r['failed']} failed (a workstation that gave up counts once)")  # fmt: skip
        print(f"  database size: {r['size'] / 1e6:.1f} MB")
        for name, times in r["timings"].items():
            p95 = pct(times, 95)
            worst = max(worst, p95)
            print(f"  {name:18s} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    verdict = "ok" if worst < AIM_P95_MS else "OVER"
    print(f"\nworst p95 {worst:.0f} ms (aim {AIM_P95_MS} ms): {verdict}")
    return 0 if worst < AIM_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
