"""Every example in every shipped rubric is a regression test."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scoring import ReplyContext, load_scorer
from simulator.scoring.rubric import BANDS, load_rubric

RUBRICS = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics"

CASES = [
    pytest.param(language, i, id=f"{language}-{i}")
    for language in ("en", "ru", "zh")
    for i in range(len(load_rubric(RUBRICS / f"{language}.yaml").examples))
]


@pytest.mark.parametrize(("language", "index"), CASES)
def test_rubric_example(language: str, index: int) -> None:
    scorer = load_scorer(RUBRICS / f"{language}.yaml")
    ex = scorer.rubric.examples[index]
    result = scorer.score(
        ex.reply, ReplyContext(language, ex.client, tuple(ex.expects), tuple(ex.red_flags))
    )
    for dim, level in ex.levels.items():
        lo, hi = BANDS[level]
        assert lo <= result.scores[dim] <= hi, (dim, level, result.scores, ex.reply)
    assert set(ex.behaviours) <= result.behaviours, ex.reply
    assert not set(ex.not_behaviours) & result.behaviours, ex.reply
    assert not result.flags
