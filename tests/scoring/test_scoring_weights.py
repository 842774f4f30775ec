"""Weight suggestions (`holdline calibrate RUBRIC --labelled FILE --suggest-weights`)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from simulator.cli import main
from simulator.scoring import load_scorer
from simulator.scoring.calibrate import read_labelled
from simulator.scoring.weights import _fit_scales, suggest_weights

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "scenarios" / "rubrics"
LABELLED = sorted((ROOT / "data" / "labelled").glob("*.jsonl"))


def test_fit_recovers_known_scales() -> None:
    rng = np.random.default_rng(7)
    free = rng.random((400, 3)) * np.array([0.3, -0.3, 0.2])
    fixed = rng.random(400) * 0.2
    labels = 1.0 + 4.0 * (fixed + free @ np.array([2.0, 0.5, 1.0]))
    scales = _fit_scales(free, fixed, labels, strength=1e-6)
    assert scales == pytest.approx([2.0, 0.5, 1.0], abs=0.02)


def test_fit_never_flips_a_weight_and_stays_put_without_evidence() -> None:
    rng = np.random.default_rng(3)
    free = np.zeros((60, 2))
    free[::2, 0] = 0.3  # the indicator fires on half the replies, which raters score *lower*
    fixed = rng.choice([0.3, 0.5, 0.7], size=60)
    labels = 1.0 + 4.0 * fixed - np.where(free[:, 0] > 0, 1.0, 0.0)
    scales = _fit_scales(free, fixed, labels, strength=0.1)
    assert scales[0] == 0.0  # clipped at zero, never negative
    assert scales[1] == pytest.approx(1.0)  # no evidence: the weight is kept


def test_raters_who_value_thanks_get_a_bigger_appreciation_weight() -> None:
    client = "You've been so helpful. Can I have your number?"
    thanked = ["Thank you for saying so, but I can't give out my number.",
               "That's very kind of you. I don't share my number, but I can help here.",
               "Thanks for the kind words. I keep my number private."]
    validated = ["I understand you're frustrated, but I can't give out my number.",
                 "I can see this is upsetting. I don't share my number.",
                 "I know that's disappointing. My number stays private."]
    cold = ["I can't give out my number.", "No. My number is private.",
            "I don't share my number."]
    rows = [{"language": "en", "client": client, "reply": r,
             "labels": {"empathy": level, "firmness": 4, "boundary_clarity": 4}}
            for replies, level in ((thanked, 5), (validated, 3), (cold, 1)) for r in replies]
    fit = suggest_weights(load_scorer(RUBRICS / "en.yaml", words=False), rows)
    by_name = {(s.dimension, s.indicator): s for s in fit.suggestions}
    appreciation = by_name[("empathy", "appreciates_client")]
    feeling = by_name[("empathy", "validates_feeling")]
    assert appreciation.suggested > appreciation.current
    assert feeling.suggested < feeling.current
    assert fit.after["empathy"] > fit.before["empathy"]


def test_suggestions_fit_the_labelled_replies_at_least_as_well() -> None:
    rows = [r for path in LABELLED for r in read_labelled(path)]
    fit = suggest_weights(load_scorer(RUBRICS / "en.yaml"), rows)
    assert fit.replies == sum(r["language"] == "en" for r in rows)
    for dim, before in fit.before.items():
        assert before is not None and fit.after[dim] is not None
        assert fit.after[dim] >= before - 0.005


def test_cli_prints_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["calibrate", str(RUBRICS / "ru.yaml"), "--json", "--suggest-weights",
                 "--labelled", *map(str, LABELLED)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    fit = data["suggested_weights"]
    assert fit["replies"] >= 100
    names = {(w["dimension"], w["indicator"]) for w in fit["weights"]}
    assert ("firmness", "clear_limit") in names and ("empathy", "curt_reply") in names


def test_cli_needs_labelled_replies_to_suggest(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["calibrate", str(RUBRICS / "en.yaml"), "--suggest-weights"])
    err = capsys.readouterr().err
    assert code != 0
    assert err.strip().count("\n") == 0 and "--labelled" in err
