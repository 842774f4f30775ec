"""Golden check for the scorer: every reply we have, scored, with everything the scorer says.

Scores every reply of data/labelled/*.jsonl (with its client line), every reply of the trust
suite tests/scoring/trust/*.jsonl (as `holdline score --client` scores them), every rubric
example (as `holdline calibrate` does), every scenario plan reply (as `holdline validate`
replays them, through the real engine), and each labelled reply again as the recogniser
would hand it over (lower case, no punctuation, word timings), and writes one JSON line per
reply: the context, the three scores, behaviours, flags, the request decision and the full
evidence (labels, spans, unrounded points).

    python benchmarks/score_golden.py OUT.jsonl      # then: diff golden-before.jsonl OUT.jsonl

Speed work must leave OUT byte for byte identical.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.scoring import scorer as scorer_module  # noqa: E402
from simulator.scoring.scorer import ReplyContext, load_scorer  # noqa: E402
from simulator.transcript import Word  # noqa: E402

RUBRICS = ROOT / "scenarios" / "rubrics"
records: list[str] = []
source = ["?"]


def _record(text: str, context: ReplyContext, words: object, result: object) -> None:
    r = result
    records.append(json.dumps({
        "source": source[0],
        "reply": text,
        "context": [context.language, context.client_text, list(context.expects),
                    list(context.red_flags), context.request],
        "words": bool(words),
        "scores": r.scores,
        "behaviours": sorted(r.behaviours),
        "flags": list(r.flags),
        "decision": r.decision,
        "confidence": r.confidence,
        "delivery": r.delivery,
        "evidence": [[e.dimension, e.indicator, e.label, repr(e.points), e.start, e.end, e.text]
                     for e in r.evidence],
    }, ensure_ascii=False, sort_keys=True))


_original = scorer_module.Scorer.score


def _recording(self, reply_text, context, words=None, samples=None, sample_rate=None):  # type: ignore[no-untyped-def]
    result = _original(self, reply_text, context, words, samples, sample_rate)
    _record(reply_text, context, words, result)
    return result


def _spoken(text: str) -> tuple[str, list[Word]]:
    said = re.sub(r"[^\w\s']", " ", text.lower()).split()
    words = [Word(w, 0.3 * i, 0.3 * i + 0.25, 0.9 if i % 3 else 0.7)
             for i, w in enumerate(said)]
    if len(words) > 4:  # one long pause mid-reply
        words = [Word(w.word, w.start + (1.0 if i >= 4 else 0.0), w.end + (1.0 if i >= 4 else 0.0),
                      w.conf) for i, w in enumerate(words)]
    return " ".join(said), words


def main() -> int:
    out = Path(sys.argv[1])
    scorer_module.Scorer.score = _recording  # type: ignore[method-assign]
    labelled = sorted((ROOT / "data" / "labelled").glob("*.jsonl"))
    for path in labelled:
        source[0] = f"labelled/{path.name}"
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                load_scorer(RUBRICS / f"{r['language']}.yaml").score(
                    r["reply"], ReplyContext(r["language"], r.get("client", "")))
    for path in labelled:
        source[0] = f"spoken/{path.name}"
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                if r["language"] != "en":
                    continue
                text, words = _spoken(r["reply"])
                if words:
                    load_scorer(RUBRICS / "en.yaml").score(
                        text, ReplyContext("en", r.get("client", "")), words=words)
    from simulator.scoring import trust_suite

    for path in sorted((ROOT / "tests" / "scoring" / "trust").glob("*.jsonl")):
        source[0] = f"trust/{path.name}"

        def score(language: str, client: str, reply: str) -> dict[str, int]:
            return load_scorer(RUBRICS / f"{language}.yaml").score(
                reply, ReplyContext(language, client)).scores

        trust_suite.run(trust_suite.load([path]), score)
    from simulator.scoring.calibrate import calibrate

    for lang in ("en", "ru", "zh"):
        source[0] = f"examples/{lang}"
        calibrate(load_scorer(RUBRICS / f"{lang}.yaml"))
    from simulator.cli import main as holdline

    for plan in sorted((ROOT / "scenarios").glob("*/*.plan.yaml")):
        source[0] = f"plan/{plan.parent.name}/{plan.name}"
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            holdline(["validate", str(plan)])
    out.write_text("\n".join(records) + "\n", encoding="utf-8")
    by_source: dict[str, int] = {}
    for rec in records:
        key = json.loads(rec)["source"].split("/")[0]
        by_source[key] = by_source.get(key, 0) + 1
    print(json.dumps({"replies": len(records), **by_source}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
