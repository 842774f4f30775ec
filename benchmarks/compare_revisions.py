"""Two revisions side by side: each benchmark run on both, interleaved, several rounds.

    python benchmarks/compare_revisions.py [--base REV] [--head REV] [--rounds 3]
                                           [--bench score,session] [--json]
    (benchmarks: score, cpu (score_bench's replies by CPU time, ab_cpu.py), session)

Each revision is exported (git archive) into a temporary folder and run with this interpreter
and PYTHONPATH set to that folder, so both share one environment and differ only in their code
and data. Both run this checkout's benchmark scripts (copied into each folder, so the same code
measures both; session_bench.py falls back to the old module names where the scenes moved).
Rounds alternate the order (base, head / head, base ...) so that load on the
machine, which drifts, falls on both alike. Printed: the median of each figure over the rounds,
the ratio head/base, whether that ratio is worse (by more than --slack), and the load average.

The default base is 2154528, the last commit on main before the architecture work of issue 12
began (its first commit, 1bb59fc, is a child of it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "2154528"

# benchmark -> (arguments, [(figure, path in its JSON, "lower" or "higher" is better)])
BENCHES: dict[str, tuple[list[str], list[tuple[str, str, str]]]] = {
    "score": (
        ["benchmarks/score_bench.py", "--seconds", "5"],
        [
            ("replies/s (best round)", "replies_per_second", "higher"),
            ("replies/s (median round)", "median_round_replies_per_second", "higher"),
            ("start-up s", "startup_seconds", "lower"),
        ],
    ),
    "cpu": (  # CPU time, not wall time: less at the mercy of other work on the machine
        ["benchmarks/ab_cpu.py", "--rounds", "8"],
        [("replies/CPU-s (best round)", "cpu_replies_per_second", "higher")],
    ),
    "session": (
        ["benchmarks/session_bench.py", "--json"],
        [
            ("response gap median ms", "response_gap_ms.median", "lower"),
            ("response gap max ms", "response_gap_ms.max", "lower"),
            ("frame p50 ms", "frame_ms.p50", "lower"),
            ("frame p95 ms", "frame_ms.p95", "lower"),
            ("frame p95 recognising ms", "frame_ms.p95_while_recognising", "lower"),
            ("max RSS MB", "max_rss_mb", "lower"),
        ],
    ),
}


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()


def export(rev: str, into: Path) -> Path:
    """The revision's files (no .git) in `into`."""
    into.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", "--format=tar", rev], cwd=ROOT,
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(into)], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise SystemExit(f"git archive {rev} failed")
    return into


def environment(tree: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    found = subprocess.run([sys.executable, "-c", "import simulator; print(simulator.__file__)"],
                           cwd=tree, env=env, check=True, capture_output=True, text=True)
    if not Path(found.stdout.strip()).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"{tree}: imports simulator from {found.stdout.strip()}")
    return env


def run(tree: Path, env: dict[str, str], args: list[str]) -> dict:
    out = subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True,
                         text=True, timeout=1200)
    for line in reversed(out.stdout.splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    raise SystemExit(f"{tree.name}: {' '.join(args)} printed no JSON (exit {out.returncode}):\n"
                     f"{out.stderr[-2000:]}")


def figure(report: dict, path: str) -> float | None:
    value: object = report
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return float(value) if isinstance(value, (int, float)) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--bench", default="score,session", help=f"of {', '.join(BENCHES)}")
    parser.add_argument("--slack", type=float, default=0.05,
                        help="a ratio this much worse than 1 counts as worse (default 0.05)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = [b.strip() for b in args.bench.split(",") if b.strip()]
    unknown = [b for b in names if b not in BENCHES]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}")
    revs = {"base": git("rev-parse", "--short", args.base),
            "head": git("rev-parse", "--short", args.head)}
    loads = [os.getloadavg()]
    results: dict[str, dict[str, dict[str, list[float]]]] = {
        b: {side: {} for side in revs} for b in names}
    with tempfile.TemporaryDirectory(prefix="holdline-ab-") as tmp:
        trees = {side: export(rev, Path(tmp) / side) for side, rev in revs.items()}
        for bench in names:
            script = BENCHES[bench][0][0]
            for tree in trees.values():
                shutil.copyfile(ROOT / script, tree / script)
        envs = {side: environment(tree) for side, tree in trees.items()}
        for r in range(args.rounds):
            order = ["base", "head"] if r % 2 == 0 else ["head", "base"]
            for bench in names:
                command, figures = BENCHES[bench]
                for side in order:
                    started = time.monotonic()
                    report = run(trees[side], envs[side], command)
                    loads.append(os.getloadavg())
                    for label, path, _better in figures:
                        value = figure(report, path)
                        if value is not None:
                            results[bench][side].setdefault(label, []).append(value)
                    print(f"round {r + 1} {bench} {side} {revs[side]}: "
                          f"{time.monotonic() - started:.0f} s, load {loads[-1][0]:.2f}",
                          file=sys.stderr, flush=True)
    rows = []
    for bench in names:
        for label, _path, better in BENCHES[bench][1]:
            a, b = (results[bench][side].get(label, []) for side in ("base", "head"))
            if not a or not b:
                continue
            base_m, head_m = statistics.median(a), statistics.median(b)
            ratio = head_m / base_m if base_m else float("nan")
            worse = ratio < 1 - args.slack if better == "higher" else ratio > 1 + args.slack
            rows.append({"bench": bench, "figure": label, "better": better, "base": base_m,
                         "head": head_m, "ratio": round(ratio, 3), "worse": worse,
                         "base_runs": a, "head_runs": b})
    load_1m = [round(x[0], 2) for x in loads]
    summary = {"base": revs["base"], "head": revs["head"], "rounds": args.rounds,
               "load_1m": {"start": load_1m[0], "median": statistics.median(load_1m),
                           "max": max(load_1m)}, "cores": os.cpu_count(), "figures": rows}
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"base {revs['base']}  head {revs['head']}  {args.rounds} rounds, order alternating; "
          f"load (1 min) at start {load_1m[0]}, median {summary['load_1m']['median']}, "
          f"max {max(load_1m)} on {os.cpu_count()} cores")
    print(f"{'figure':<34}{'base':>10}{'head':>10}{'head/base':>11}")
    for row in rows:
        mark = "  worse" if row["worse"] else ""
        print(f"{row['bench'] + ': ' + row['figure']:<34}{row['base']:>10.4g}{row['head']:>10.4g}"
              f"{row['ratio']:>11.3f}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
