"""`holdline score --batch` throughput on 10,000 replies, process start-up included.

The replies are made from the labelled sets (en, ru, zh, with their client lines) in a few
variants each, so that nearly all of the 10,000 texts differ: as written, as a recogniser
writes it (lower case, no punctuation), with a short opener, and with one sentence of another
reply added. The CLI runs as a subprocess, output to /dev/null; the best of --runs is
reported (the least disturbed by other work on the machine), with every run's figure.

The CLI deals a large file out to one worker process per core it may use (cli_workers). The
breakdown comes from one more process that does the same work in phases, in one process:
interpreter and CLI start-up (up to a built parser), rubric load (the three scorers), scoring,
and output (JSON lines written); rubric load is shown cold (no compiled-rubric cache) and warm.
Target: >= 5,000 replies/s including start-up.

    python benchmarks/batch_bench.py [--replies 10000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELLED = sorted((ROOT / "data" / "labelled").glob("*.jsonl"))
OPENERS = ("Okay, ", "Right, ", "Well, ", "Look, ", "Alright, so ")

_PHASES = """
import io, json, os, sys, time
t0 = time.perf_counter()
from simulator.cli import build_parser
build_parser()
t1 = time.perf_counter()
from simulator.scoring.scorer import ReplyContext, load_scorer
scorers = {{lang: load_scorer("{rubrics}/" + lang + ".yaml") for lang in ("en", "ru", "zh")}}
t2 = time.perf_counter()
rows = [json.loads(line) for line in open("{path}", encoding="utf-8")]
results = [(r["id"], scorers[r["language"]].score(r["reply"], ReplyContext(r["language"],
            r["client"]))) for r in rows]
t3 = time.perf_counter()
with open(os.devnull, "w", encoding="utf-8") as out:
    for rid, s in results:
        out.write(json.dumps({{"id": rid, **s.to_json()}}, ensure_ascii=False) + "\\n")
t4 = time.perf_counter()
print(json.dumps({{"startup": t1 - t0, "rubric_load": t2 - t1, "scoring": t3 - t2,
                  "output": t4 - t3}}))
"""


def make_replies(n: int) -> list[dict[str, str]]:
    rows = [json.loads(line) for path in LABELLED for line in path.read_text("utf-8").splitlines()
            if line.strip()]
    out: list[dict[str, str]] = []
    variant = 0
    while len(out) < n:
        for i, r in enumerate(rows):
            if len(out) >= n:
                break
            reply = r["reply"]
            if variant % 4 == 1:
                reply = re.sub(r"[^\w\s']", " ", reply.lower())
                reply = " ".join(reply.split())
            elif variant % 4 == 2:
                reply = OPENERS[(i + variant) % len(OPENERS)] + reply[:1].lower() + reply[1:]
            elif variant % 4 == 3:
                other = rows[(i * 7 + variant) % len(rows)]
                if other["language"] == r["language"]:
                    reply = reply + " " + re.split(r"(?<=[.!?。！？])\s*", other["reply"])[0]
            if variant >= 4:
                reply = OPENERS[(i + variant) % len(OPENERS)] + reply
            out.append({"id": f"{variant}-{i}", "language": r["language"],
                        "client": r.get("client", ""), "reply": reply})
        variant += 1
    return out


def time_cli(path: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        subprocess.run([sys.executable, "-m", "simulator", "score", "--batch", str(path)],
                       cwd=ROOT, stdout=sink, check=True, env=env)
    return time.perf_counter() - start


def phases(path: Path, env: dict[str, str]) -> dict[str, float]:
    code = _PHASES.format(rubrics=ROOT / "scenarios" / "rubrics", path=path)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True, env=env)
    return json.loads(out.stdout)


def _workers(size: int) -> int:
    """Processes the CLI scores this file with (1 before batch scoring used several cores)."""
    sys.path.insert(0, str(ROOT))
    try:
        from simulator.scoring.batch import workers_for
    except ImportError:
        return 1
    return workers_for(size)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "replies.jsonl"
        replies = make_replies(args.replies)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in replies),
                        "utf-8")
        path_size = path.stat().st_size
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        cold_env = dict(env, HOLDLINE_RUBRIC_CACHE="0")
        time_cli(path, env)  # fills the compiled-rubric cache, as any earlier run would have
        runs = [time_cli(path, env) for _ in range(args.runs)]
        boot_start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        interpreter = time.perf_counter() - boot_start
        cold, warm = phases(path, cold_env), phases(path, env)
    best = min(runs)
    rate = args.replies / best
    print(json.dumps({
        "replies": args.replies,
        "distinct_replies": len({(r["language"], r["client"], r["reply"]) for r in replies}),
        "seconds_per_run": [round(t, 3) for t in runs],
        "replies_per_second": round(rate),
        "breakdown_seconds": {"interpreter": round(interpreter, 3),
                              **{k: round(v, 3) for k, v in warm.items()},
                              "rubric_load_cold": round(cold["rubric_load"], 3)},
        "scoring_replies_per_second": round(args.replies / warm["scoring"]),
        "cli_workers": _workers(path_size),
        "target_replies_per_second": 5000,
        "ok": rate >= 5000,
        "loadavg": Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists()
        else None,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
