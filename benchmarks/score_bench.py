"""Scoring throughput: replies scored per second in batch on one core, and start-up time.

Start-up = importing the scorer and loading the English, Russian and Chinese rubrics (fresh
process, nothing cached; the median of five such processes). Throughput = scoring the labelled
replies (with their client lines) over and over in one process pinned to one core, after
start-up, in rounds of one second: the best round is reported (least disturbed by other work),
with the median beside it.
Targets: >= 5,000 replies/s, start-up < 1 s.

    /work/venv/bin/python benchmarks/score_bench.py [--seconds 5] [--language en]

`--dropped-word` instead measures tolerance to recognition errors: every English paraphrase of
tests/scoring/test_scoring_paraphrases.py with three or more words, with one word dropped
(5 seeded random choices each, lower case, no punctuation, as Vosk writes), and reports how
often the paraphrase's behaviour is still detected; and how often a red flag appears on the
professional control replies with a word dropped (false positives).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUBRICS = ROOT / "scenarios" / "rubrics"
DATA = [ROOT / "data" / "labelled" / "dev.jsonl", ROOT / "data" / "labelled" / "heldout.jsonl"]

_STARTUP = """
import time; t = time.perf_counter()
from simulator.scoring import load_scorer
for lang in ("en", "ru", "zh"):
    load_scorer("{rubrics}/" + lang + ".yaml")
print(time.perf_counter() - t)
"""


def startup_seconds() -> float:
    """Start-up measured in a fresh interpreter pinned to one core (where the OS allows)."""
    code = _STARTUP.format(rubrics=RUBRICS)
    cmd = [sys.executable, "-c", code]
    if sys.platform.startswith("linux"):
        cmd = ["taskset", "-c", "0", *cmd]
    out = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _drop_one(text: str, seed: int) -> str:
    import random
    import re

    words = text.split()
    k = random.Random(seed * 1000 + len(text)).randrange(len(words))
    return re.sub(r"[^\w\s']", "", " ".join(words[:k] + words[k + 1 :]).lower())


def dropped_word() -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests" / "scoring"))
    from test_scoring_paraphrases import PARAPHRASES, PROFESSIONAL, RED_FLAGS

    from simulator.scoring import ReplyContext, load_scorer

    en = load_scorer(RUBRICS / "en.yaml")
    ctx = ReplyContext("en")
    tried = kept = 0
    for behaviour, replies in PARAPHRASES.items():
        for reply in replies:
            if len(reply.split()) < 3:
                continue
            for seed in range(5):
                tried += 1
                kept += behaviour in en.score(_drop_one(reply, seed), ctx).behaviours
    controls = flagged = 0
    for reply in PROFESSIONAL:
        for seed in range(5):
            controls += 1
            flagged += bool(en.score(_drop_one(reply, seed), ctx).behaviours & RED_FLAGS)
    return {"dropped_word_trials": tried, "still_detected": kept,
            "detection_rate": round(kept / tried, 3),
            "control_trials": controls, "control_red_flags": flagged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--language", default=None, help="only this language's replies")
    parser.add_argument("--dropped-word", action="store_true",
                        help="measure detection with one word dropped instead of speed")
    args = parser.parse_args()
    if args.dropped_word:
        print(json.dumps(dropped_word()))
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
    sys.path.insert(0, str(ROOT))
    from simulator.scoring import ReplyContext, load_scorer

    rows = [json.loads(line) for path in DATA for line in path.read_text("utf-8").splitlines()]
    if args.language:
        rows = [r for r in rows if r["language"] == args.language]
    items = [
        (load_scorer(RUBRICS / f"{r['language']}.yaml"), r["reply"],
         ReplyContext(r["language"], r["client"]))
        for r in rows
    ]
    for scorer, reply, ctx in items:  # warm caches (stems) as a long batch would
        scorer.score(reply, ctx)
    # Rounds of about a second; the best round is the least disturbed by other work on the
    # machine, the median shows the typical rate.
    rates: list[float] = []
    done = 0
    start = time.perf_counter()
    deadline = start + args.seconds
    while time.perf_counter() < deadline:
        round_start = time.perf_counter()
        round_done = 0
        while time.perf_counter() - round_start < 1.0:
            for scorer, reply, ctx in items:
                scorer.score(reply, ctx)
            round_done += len(items)
        rates.append(round_done / (time.perf_counter() - round_start))
        done += round_done
    elapsed = time.perf_counter() - start
    rates.sort()
    rate = rates[-1]
    # one fresh process is at the mercy of whatever else the machine does: take the median of 5
    boots = sorted(startup_seconds() for _ in range(5))
    boot = boots[2]
    print(json.dumps({
        "replies": done,
        "seconds": round(elapsed, 2),
        "replies_per_second": round(rate),
        "median_round_replies_per_second": round(rates[len(rates) // 2]),
        "startup_seconds": round(boot, 3),
        "startup_seconds_min_max": [round(boots[0], 3), round(boots[-1], 3)],
        "target_replies_per_second": 5000,
        "target_startup_seconds": 1.0,
        "ok": rate >= 5000 and boot < 1.0,
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
