"""Soak: one practice session of 1,000 typed replies; is the 1,000th turn as cheap as the 100th?

    python benchmarks/soak_bench.py [--turns 1000] [--json]

A looping scenario (one node that branches back to itself) is played through the real
PracticeSession: the engine, the English rubric's scorer and the session recorder writing to a
real folder with fsync, as `holdline play --text` does. Reported, at turn 100 and at the last
turn: the time per turn (median of the 50 turns up to it: answer = score + save) and the save
alone, and the process's resident memory (RSS from /proc/self/statm). Target (issue 16): both
at the last turn within 20 % of turn 100. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SCENARIO = """
id: soak-loop
title: Soak loop
language: en
category: over-sharing
difficulty: 1
persona:
  name: Sam
  description: A client who keeps asking.
  voice: {{espeak: en-gb, rate: 165, pitch: 50, volume: 0.8}}
  mood: anxious
setting: A counter that never closes.
rubric: {rubric}
start: loop
nodes:
  loop:
    client: Can you tell me once more what I need to do with this prescription, please?
    mood: anxious
    expects: [acknowledge_feelings, stay_on_task]
    red_flags: [share_personal_info]
    branches:
      - when: {{any: [share_personal_info]}}
        goto: done
      - goto: loop
  done:
    client: Thanks, bye.
    mood: grateful
    end:
      outcome: good
      summary: Done.
debrief:
  - Keep to the task.
"""
REPLIES = [
    "I can hear this has been a long day. Take it twice a day with food, and I'll label it.",
    "That sounds exhausting. Let me go through the dose with you again, it's on the label.",
    "I understand. Two spoons, morning and evening, until the bottle is finished.",
    "No problem at all, I know it's a lot to take in. Morning and evening, with food.",
]
PAGE = os.sysconf("SC_PAGE_SIZE")
WINDOW = 50
LIMIT = 0.20


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from simulator.session.engine import Reply
    from simulator.session.record import load_session
    from simulator.session.runner import PracticeSession

    work = Path(tempfile.mkdtemp(prefix="holdline-soak-"))
    scenario = work / "soak.yaml"
    rubric = REPO / "scenarios" / "rubrics" / "en.yaml"
    scenario.write_text(SCENARIO.format(rubric=rubric), encoding="utf-8")
    session = PracticeSession(scenario, "soak", work / "sessions", front_end="text")
    session.begin()
    session.scorer.prepare()
    recorder = session.recorder
    save_times: list[float] = []
    original_add = recorder.add_turn

    def timed_add(turn):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        original_add(turn)
        save_times.append(time.perf_counter() - started)

    recorder.add_turn = timed_add  # type: ignore[method-assign]
    turn_times: list[float] = []
    rss: dict[int, float] = {}
    for n in range(1, args.turns + 1):
        session.reply_started()
        started = time.perf_counter()
        session.answer(Reply(REPLIES[n % len(REPLIES)], source="typed"))
        turn_times.append(time.perf_counter() - started)
        if n in (100, args.turns):
            rss[n] = rss_mb()
    session.stop("soak over")
    saved = load_session(session.path)
    assert len(saved.turns) == args.turns, len(saved.turns)

    def at(values: list[float], n: int) -> float:
        return statistics.median(values[max(0, n - WINDOW) : n]) * 1000

    last = args.turns
    result = {
        "turns": last,
        "turn_ms": {
            "at_100": round(at(turn_times, 100), 2),
            "at_last": round(at(turn_times, last), 2),
        },
        "save_ms": {
            "at_100": round(at(save_times, 100), 2),
            "at_last": round(at(save_times, last), 2),
        },
        "rss_mb": {"at_100": round(rss[100], 1), "at_last": round(rss[last], 1)},
        "session_file_kb": round(session.path.stat().st_size / 1024, 1),
    }
    ratios = {k: v["at_last"] / v["at_100"] for k, v in result.items() if isinstance(v, dict)}
    ok = all(r <= 1 + LIMIT for k, r in ratios.items() if k != "save_ms") and (
        ratios["save_ms"] <= 1 + LIMIT or result["save_ms"]["at_last"] < 2.0
    )
    if args.json:
        print(json.dumps({**result, "ratios": ratios, "ok": ok}))
    else:
        for key in ("turn_ms", "save_ms", "rss_mb"):
            v = result[key]
            print(f"{key:8} turn 100: {v['at_100']:8.2f}   turn {last}: {v['at_last']:8.2f}"
                  f"   ratio {ratios[key]:.2f}")  # fmt: skip
        print(f"{'within' if ok else 'OVER'} the {LIMIT:.0%} limit")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
