"""A/B helper: CPU time per reply of the score_bench replies, in this checkout (min of rounds).

    python benchmarks/ab_cpu.py [--rounds 15]    (run from two checkouts, interleaved)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from simulator.scoring import ReplyContext, load_scorer  # noqa: E402

DATA = [ROOT / "data" / "labelled" / "dev.jsonl", ROOT / "data" / "labelled" / "heldout.jsonl"]
rows = [json.loads(line) for p in DATA for line in p.read_text("utf-8").splitlines()]
items = [(load_scorer(ROOT / "scenarios" / "rubrics" / f"{r['language']}.yaml"), r["reply"],
          ReplyContext(r["language"], r["client"])) for r in rows]
for s, r, c in items:
    s.score(r, c)
rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 15
best = float("inf")
for _ in range(rounds):
    t = time.process_time()
    for _ in range(5):
        for s, r, c in items:
            s.score(r, c)
    best = min(best, (time.process_time() - t) / (5 * len(items)))
print(json.dumps({"cpu_replies_per_second": round(1 / best)}))
