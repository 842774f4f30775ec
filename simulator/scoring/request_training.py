"""Training the learned request models: the verdict model (verdict_model.py) from replies
labelled refuse / grant / ignore, the ask model (ask_model.py) from client lines labelled with
the request kind they make.

    python -m simulator.scoring.request_training data/decisions/*.jsonl data/asks/*.jsonl
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from simulator.request_kinds import REQUEST_KINDS
from simulator.scoring import ask_model
from simulator.scoring.request import surface
from simulator.scoring.request_patterns import TABLES
from simulator.scoring.verdict_model import CLIP, FORMAT, HERE, MIN_COUNT, VERDICTS, features

LANGUAGES = ("en", "ru", "zh")


def train(rows: Sequence[dict[str, Any]], language: str) -> dict[str, Any]:
    """The model document for one language from labelled replies (verdict refuse, grant or
    ignore; a deferral is left out)."""
    counts = {v: Counter() for v in VERDICTS}
    n = Counter()

    def add(verdict: str, s: str) -> None:
        n[verdict] += 1
        counts[verdict].update({f for f, _, _ in features(s, language)})

    for r in rows:
        if r["language"] != language or r["verdict"] not in counts:
            continue
        s, _ = surface(r["reply"], language)
        add(r["verdict"], s)
        if r["verdict"] == "refuse":
            # the same refusal with its "not" lost, as a recogniser may hear it, says yes
            dropped = _drop_negations(s, language)
            if dropped != s:
                add("grant", dropped)
    if min(n[v] for v in VERDICTS) < 10:
        raise ValueError(f"need at least 10 replies of each verdict in {language}, got {dict(n)}")
    weights = {}
    for f in set().union(*counts.values()):
        if sum(counts[v][f] for v in VERDICTS) < MIN_COUNT:
            continue
        logs = [math.log((counts[v][f] + 0.5) / (n[v] + 1)) for v in VERDICTS]
        mean = sum(logs) / 3
        w = [round(max(-CLIP, min(CLIP, x - mean)), 3) for x in logs]
        if max(abs(x) for x in w) >= 0.2:
            weights[f] = w
    total = sum(n.values())
    return {"format": FORMAT, "language": language, "trained_on": dict(n),
            "priors": [round(math.log(n[v] / total), 3) for v in VERDICTS],
            "weights": dict(sorted(weights.items()))}


_NEGATION = {
    "en": ((re.compile(r"\bcan ?not\b|\bcan't\b"), "can"), (re.compile(r"\bwon't\b"), "will"),
           (re.compile(r"n't\b"), ""), (re.compile(r"\b(?:not|never) "), "")),
    "ru": ((re.compile(r"(?<![а-я])(?:не|ни) (?=[а-я])"), ""),),
    "zh": ((re.compile(TABLES["zh"]["negators"]), ""),),
}


def _drop_negations(s: str, language: str) -> str:
    for pattern, instead in _NEGATION[language]:
        s = pattern.sub(instead, s)
    return s


def train_asks(rows: Sequence[dict[str, Any]], language: str) -> dict[str, Any]:
    """The ask model document for one language: every distinct client line with its request
    kind (lines of the decisions data count once each)."""
    kinds = REQUEST_KINDS
    counts = {k: Counter() for k in kinds}
    n = Counter()
    seen: set[str] = set()
    for r in rows:
        if r["language"] != language or r.get("request") not in counts or r["client"] in seen:
            continue
        seen.add(r["client"])
        n[r["request"]] += 1
        s, _ = surface(r["client"], language)
        counts[r["request"]].update({f for f, _, _ in features(s, language)})
    if min(n[k] for k in kinds) < 10:
        raise ValueError(f"need at least 10 client lines of each request kind in {language}, "
                         f"got {dict(n)}")
    weights = {}
    for f in set().union(*counts.values()):
        if sum(counts[k][f] for k in kinds) < MIN_COUNT:
            continue
        logs = [math.log((counts[k][f] + 0.5) / (n[k] + 1)) for k in kinds]
        mean = sum(logs) / len(kinds)
        w = [round(max(-CLIP, min(CLIP, x - mean)), 3) for x in logs]
        if max(abs(x) for x in w) >= 0.2:
            weights[f] = w
    total = sum(n.values())
    return {"format": ask_model.FORMAT, "language": language, "trained_on": dict(n),
            "kinds": list(kinds), "priors": [round(math.log(n[k] / total), 3) for k in kinds],
            "weights": dict(sorted(weights.items()))}


def read_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def _write(name: str, doc: dict[str, Any]) -> None:
    (HERE / name).write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n",
                             encoding="utf-8")


def main(argv: list[str]) -> int:
    rows = read_rows(Path(a) for a in argv)
    replies = [r for r in rows if "verdict" in r]
    HERE.mkdir(exist_ok=True)
    for language in LANGUAGES:
        verdicts = train(replies, language)
        asks = train_asks(rows, language)
        _write(f"{language}.verdicts.json", verdicts)
        _write(f"{language}.asks.json", asks)
        print(f"{language}: verdicts {verdicts['trained_on']}, asks {asks['trained_on']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
