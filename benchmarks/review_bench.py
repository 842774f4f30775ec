"""Benchmark: `holdline review` over N generated sessions (default 1,000; budget 10 s).

    python benchmarks/review_bench.py [--sessions 1000] [--repeat 3] [--redact] [--audio]

Sessions are written with the real SessionRecorder into a temporary folder (not timed), then
the whole review (load and validate every file, one report per session, index.html, CSV) is
timed. Prints the best and median of the repeats.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.review.collect import load_all  # noqa: E402
from simulator.review.overview import build_review  # noqa: E402
from simulator.review.report import ReportOptions  # noqa: E402
from simulator.review.samples import write_sessions  # noqa: E402

BUDGET_S = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--redact", action="store_true")
    parser.add_argument("--audio", action="store_true", help="also write a WAV per turn")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="holdline-bench-") as tmp:
        root = Path(tmp) / "sessions"
        started = time.perf_counter()
        write_sessions(root, args.sessions, seed=1, audio=args.audio)
        written = time.perf_counter() - started
        size = sum(p.stat().st_size for p in root.rglob("*.json"))
        started = time.perf_counter()
        loaded, _ = load_all(root)
        load_s = time.perf_counter() - started
        turns = sum(len(item.session.turns) for item in loaded)
        times = []
        for i in range(args.repeat):
            out = Path(tmp) / f"review{i}"
            started = time.perf_counter()
            build_review(root, out, ReportOptions(redact=args.redact), out / "turns.csv")
            times.append(time.perf_counter() - started)
        out_size = sum(p.stat().st_size for p in (Path(tmp) / "review0").rglob("*"))
    best, median = min(times), statistics.median(times)
    print(f"sessions: {args.sessions} ({turns} turns, {size / 1e6:.1f} MB of JSON), "
          f"written with fsync in {written:.1f} s")  # fmt: skip
    print(f"load + validate only: {load_s:.2f} s")
    print(f"review (reports + index + CSV{', redacted' if args.redact else ''}): "
          f"best {best:.2f} s, median {median:.2f} s over {args.repeat} runs; "
          f"output {out_size / 1e6:.1f} MB")  # fmt: skip
    verdict = "within" if best < BUDGET_S else "OVER"
    print(f"{verdict} the {BUDGET_S:.0f} s budget")
    return 0 if best < BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
