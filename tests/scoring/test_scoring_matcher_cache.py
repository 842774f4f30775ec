"""Built matchers kept on disk (matcher_cache.py): the same matches, safe to lose or spoil."""

from __future__ import annotations

import json
import re
from pathlib import Path

from simulator.scoring import ReplyContext
from simulator.scoring.matcher_cache import matcher
from simulator.scoring.regex_cache import RegexCache
from simulator.scoring.rubric import load_rubric
from simulator.scoring.scorer import Scorer
from simulator.scoring.text import Normaliser

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "scenarios" / "rubrics"


def _replies(language: str) -> list[tuple[str, str]]:
    rows = [json.loads(line) for path in sorted((ROOT / "data" / "labelled").glob("*.jsonl"))
            for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(r["client"], r["reply"]) for r in rows if r["language"] == language][:150]


def test_a_read_back_matcher_scores_as_a_built_one(tmp_path: Path) -> None:
    for language in ("en", "ru", "zh"):
        rubric_path = RUBRICS / f"{language}.yaml"
        rubric = load_rubric(rubric_path)
        regexes = tmp_path / f"{language}-0000-1111.regex"
        built = Scorer(rubric, rubric_path, regexes=RegexCache(regexes))
        assert len(list(tmp_path.glob(f"{language}-0000-*.matcher"))) == 2  # phrases, cues
        again = Scorer(rubric, rubric_path, regexes=RegexCache(regexes))
        plain = Scorer(rubric, rubric_path)
        assert again.matcher.patterns == built.matcher.patterns
        for client, reply in _replies(language):
            ctx = ReplyContext(language, client)
            assert again.score(reply, ctx) == built.score(reply, ctx) == plain.score(reply, ctx)


def test_a_spoiled_entry_is_built_again_and_other_phrases_get_their_own(tmp_path: Path) -> None:
    norm = Normaliser("en")
    phrases = {"sorry": ["(so|very) sorry", "i apologise"]}
    regexes = tmp_path / "en-0000-1111.regex"
    first = matcher(norm, phrases, {}, re.compile, regexes, "phrases")
    [entry] = tmp_path.glob("*.matcher")
    entry.write_bytes(b"not a pickle")
    tokens = norm.tokens("I am so sorry")
    again = matcher(norm, phrases, {}, re.compile, regexes, "phrases")
    assert again.find(tokens, "I am so sorry") == first.find(tokens, "I am so sorry")
    other = matcher(norm, {"sorry": ["so sorry"]}, {}, re.compile, regexes,
                    "phrases")
    assert [m.pattern for m in other.find(tokens, "I am so sorry")["sorry"]] == ["so sorry"]
    assert len(list(tmp_path.glob("*.matcher"))) == 1  # (the older entry is dropped)
