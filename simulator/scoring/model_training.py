"""Training the learned text models (text_model.py) from blind-written, labelled data:

- verdicts (verdict_model.py): replies labelled refuse / grant / ignore (data/decisions/,
  data/replies/); each refusal is also taught with its negations dropped, as a grant;
- asks (ask_model.py): client lines labelled with the request kind they make (data/asks/,
  and the client lines of the reply files).

(data/replies/ also carries each reply's tone and whether it acknowledges the client. Models of
both were tried and dropped: the tone model cost empathy agreement more than it caught sarcasm;
the acknowledgement model's floor gained little and its evidence could name a clause that
acknowledges nothing, beside the rubric's own "missing: acknowledging the feeling".)

    python -m simulator.scoring.model_training data/decisions/*.jsonl data/asks/*.jsonl \
        data/replies/*.jsonl
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
from simulator.scoring.request import surface
from simulator.scoring.request_patterns import TABLES
from simulator.scoring.text_model import CLIP, FORMAT, HERE, MIN_COUNT, features
from simulator.scoring.verdict_model import VERDICTS

LANGUAGES = ("en", "ru", "zh")
_NEGATION = {
    "en": ((re.compile(r"\bcan ?not\b|\bcan't\b"), "can"), (re.compile(r"\bwon't\b"), "will"),
           (re.compile(r"n't\b"), ""), (re.compile(r"\b(?:not|never) "), "")),
    "ru": ((re.compile(r"(?<![а-я])(?:не|ни) (?=[а-я])"), ""),),
    "zh": ((re.compile(TABLES["zh"]["negators"]), ""),),
}


def fit(examples: Iterable[tuple[str, str]], language: str, classes: Sequence[str],
        least: int = 10) -> dict[str, Any]:
    """A model document from (surface text, class) pairs of one language."""
    counts: dict[str, Counter[str]] = {c: Counter() for c in classes}
    n: Counter[str] = Counter()
    for s, c in examples:
        n[c] += 1
        counts[c].update({f for f, _, _ in features(s, language)})
    if min(n[c] for c in classes) < least:
        raise ValueError(f"need at least {least} {language} examples of each of "
                         f"{', '.join(classes)}, got {dict(n)}")
    weights = {}
    for f in set().union(*counts.values()):
        if sum(counts[c][f] for c in classes) < MIN_COUNT:
            continue
        logs = [math.log((counts[c][f] + 0.5) / (n[c] + 1)) for c in classes]
        mean = sum(logs) / len(classes)
        w = [round(max(-CLIP, min(CLIP, x - mean)), 3) for x in logs]
        if max(abs(x) for x in w) >= 0.2:
            weights[f] = w
    total = sum(n.values())
    return {"format": FORMAT, "language": language, "trained_on": dict(n),
            "classes": list(classes), "priors": [round(math.log(n[c] / total), 3) for c in classes],
            "weights": dict(sorted(weights.items()))}


def verdict_examples(rows: Sequence[dict[str, Any]], language: str) -> list[tuple[str, str]]:
    out = []
    for r in rows:
        if r["language"] != language or r.get("verdict") not in VERDICTS:
            continue
        s, _ = surface(r["reply"], language)
        out.append((s, r["verdict"]))
        if r["verdict"] == "refuse":
            # the same refusal with its "not" lost, as a recogniser may hear it, says yes
            dropped = _drop_negations(s, language)
            if dropped != s:
                out.append((dropped, "grant"))
    return out


def ask_examples(rows: Sequence[dict[str, Any]], language: str) -> list[tuple[str, str]]:
    """Every distinct client line with its request kind (a line under several replies counts
    once)."""
    out, seen = [], set()
    for r in rows:
        if r["language"] != language or r.get("request") not in REQUEST_KINDS:
            continue
        if r["client"] in seen:
            continue
        seen.add(r["client"])
        out.append((surface(r["client"], language)[0], r["request"]))
    return out


def train_all(rows: Sequence[dict[str, Any]], language: str) -> dict[str, dict[str, Any]]:
    """The documents of every model for one language."""
    return {"verdicts": fit(verdict_examples(rows, language), language, VERDICTS),
            "asks": fit(ask_examples(rows, language), language, REQUEST_KINDS)}


def _drop_negations(s: str, language: str) -> str:
    for pattern, instead in _NEGATION[language]:
        s = pattern.sub(instead, s)
    return s


def read_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def main(argv: list[str]) -> int:
    rows = read_rows(Path(a) for a in argv)
    HERE.mkdir(exist_ok=True)
    for language in LANGUAGES:
        for name, doc in train_all(rows, language).items():
            (HERE / f"{language}.{name}.json").write_text(
                json.dumps(doc, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
            print(f"{language} {name}: {doc['trained_on']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
