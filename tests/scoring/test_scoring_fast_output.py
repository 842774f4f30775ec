"""The batch's JSON line, written directly, is the text json.dumps writes for to_json()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.scoring.evidence import _evidence, _reply_score
from simulator.scoring.scorer import ReplyContext, load_scorer
from simulator.transcript import Word

RUBRICS = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics"


def _dumped(score, reply_id) -> str:  # type: ignore[no-untyped-def]
    return json.dumps({"id": reply_id, **score.to_json()}, ensure_ascii=False)


@pytest.mark.parametrize("reply_id", ["a-1", 7, None, {"x": [1, "é\n\"q\""]}, 1.5])
def test_json_line_is_json_dumps_of_to_json(reply_id: object) -> None:
    cases = [
        ("en", "Can I have your number?", "I'm sorry, I can't give out my number. \"Café\"\t ok"),
        ("ru", "Дайте ваш номер", "Извините, я не могу дать свой номер."),
        ("zh", "能给我你的电话吗？", "不好意思，我不能给您我的私人电话。"),
        ("en", "", ""),
    ]
    for language, client, reply in cases:
        scorer = load_scorer(RUBRICS / f"{language}.yaml")
        score = scorer.score(reply, ReplyContext(language, client))
        assert score.json_line(reply_id) == _dumped(score, reply_id)
    spoken = load_scorer(RUBRICS / "en.yaml").score(
        "sorry i can not", ReplyContext("en"),
        words=[Word("sorry", 0.0, 0.4, 0.5), Word("i", 0.5, 0.6, 0.9),
               Word("can", 0.7, 0.9, 0.8), Word("not", 1.0, 1.2, 0.7)])
    assert spoken.confidence is not None
    assert spoken.json_line(reply_id) == _dumped(spoken, reply_id)


def test_json_line_writes_odd_numbers_as_json_does() -> None:
    items = tuple(_evidence("empathy", "x", p, 0, 1, "t", "l")
                  for p in (-0.0, 1e-7, 12345678.25, float("nan"), float("inf"), 3))
    score = _reply_score({"empathy": 1}, frozenset({"b"}), items, ("f",), {"a": 1.0}, 0.12345,
                         {"request": "none", "verdict": "ignore"})
    assert score.json_line("i") == _dumped(score, "i")
