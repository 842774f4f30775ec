"""Rubric files: the shipped ones honour the contract; malformed ones give one-line errors."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from simulator.errors import InputError
from simulator.scoring import load_scorer
from simulator.scoring.rubric import load_rubric

RUBRICS = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics"

BEHAVIOURS = {
    "acknowledge_feelings", "state_limit", "offer_help", "refer_channel", "state_consequence",
    "stay_on_task", "give_instruction", "involve_colleague", "share_personal_info",
    "agree_outside_contact", "vague_deferral", "dismiss_feelings", "judge_or_blame", "sarcasm",
    "cave_in", "over_apologise", "aggression", "overstep_role",
}


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_default_rubric_defines_every_documented_behaviour(language: str) -> None:
    path = RUBRICS / f"{language}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw["language"] == language
    assert set(raw["behaviours"]) == BEHAVIOURS
    rubric = load_rubric(path)
    assert {b for b, v in rubric.behaviours.items() if v.kind == "red_flag"} == {
        "share_personal_info", "agree_outside_contact", "vague_deferral", "dismiss_feelings",
        "judge_or_blame", "sarcasm", "cave_in", "over_apologise", "aggression", "overstep_role",
    }


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_default_rubric_has_the_documented_penalties(language: str) -> None:
    rubric = load_rubric(RUBRICS / f"{language}.yaml")
    assert {"dismissing", "judging", "blaming", "sarcasm"} <= set(
        rubric.dimensions.empathy.penalties)
    assert {"hedging", "caving", "excessive_apology", "pleading", "aggression"} <= set(
        rubric.dimensions.firmness.penalties)
    assert {"vague_deferral", "personal_details", "outside_contact"} <= set(
        rubric.dimensions.boundary_clarity.penalties)
    assert len(rubric.examples) >= 8


def test_scorer_is_cached_per_resolved_path(tmp_path: Path) -> None:
    a = load_scorer(RUBRICS / "en.yaml")
    b = load_scorer(str(RUBRICS / ".." / "rubrics" / "en.yaml"))
    assert a is b


MINIMAL = """\
language: en
phrases:
  limit: ["i can not (give|share)"]
dimensions:
  empathy: {base: 30}
  firmness:
    base: 30
    indicators:
      clear_limit: {weight: 30, phrases: [limit]}
  boundary_clarity: {base: 30}
behaviours:
  state_limit: {description: states a limit, kind: good, dimensions: [firmness], phrases: [limit]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rubric.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(InputError) as exc:
        load_scorer(path)
    message = str(exc.value)
    assert "Traceback" not in message
    return message


def test_minimal_rubric_loads_and_scores(tmp_path: Path) -> None:
    from simulator.scoring import ReplyContext

    scorer = load_scorer(write(tmp_path, MINIMAL))
    result = scorer.score("Sorry, I can't give that out.", ReplyContext("en"))
    # the rubric's 60, lifted to the floor every clear refusal earns (scoring/trust.py)
    assert result.scores["firmness"] == 70
    assert result.behaviours == {"state_limit"}


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (("base: 30}\n  firmness", "base: 130}\n  firmness"),
         ":5:19: dimensions.empathy.base: "),
        (("kind: good", "kind: great"), "behaviours.state_limit.kind"),
        (("language: en", "language: fr"), "language"),
        (("phrases: [limit]}\n  boundary", "phrases: [limits]}\n  boundary"),
         "unknown phrase set 'limits'"),
        (("dimensions: [firmness]", "dimensions: [firmness], colour: red"), "colour"),
        (("  boundary_clarity: {base: 30}\n", ""), "boundary_clarity"),
        (('["i can not (give|share)"]', '["i can not (give|share"]'), "missing ')'"),
    ],
)
def test_malformed_rubric_gives_one_line_error_with_position(
    tmp_path: Path, replace: tuple[str, str], expected: str
) -> None:
    old, new = replace
    assert old in MINIMAL
    message = error_of(write(tmp_path, MINIMAL.replace(old, new)))
    first = message.splitlines()[0]
    assert first.startswith(str(tmp_path / "rubric.yaml") + ":")
    assert expected in message


def test_bad_pattern_error_points_at_its_line(tmp_path: Path) -> None:
    message = error_of(write(tmp_path, MINIMAL.replace("(give|share)", "(give|share")))
    assert message.startswith(f"{tmp_path / 'rubric.yaml'}:3:")
    assert "phrases.limit[0]" in message


@pytest.mark.parametrize(
    "text",
    ["", "language: en\n\tphrases: {}\n", "- just\n- a list\n", "language: [unclosed\n",
     "a: 1\na: 2\n"],
)
def test_not_a_rubric_at_all(tmp_path: Path, text: str) -> None:
    message = error_of(write(tmp_path, text))
    assert message.startswith(str(tmp_path / "rubric.yaml") + ":")
    assert len(message.splitlines()) >= 1


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in error_of(tmp_path / "absent.yaml")


def test_unknown_behaviour_in_example(tmp_path: Path) -> None:
    text = MINIMAL + (
        "examples:\n  - reply: I can't give it\n    levels: {firmness: high}\n"
        "    behaviours: [state_limits]\n"
    )
    message = error_of(write(tmp_path, text))
    assert "examples[0].behaviours[0]: unknown behaviour 'state_limits'" in message


def test_a_pattern_that_could_take_exponential_time_is_rejected_by_validate(
        tmp_path: Path) -> None:
    parts = " ... ".join(f"[w{k}]" for k in range(13))
    rubric = write(tmp_path, MINIMAL.replace('["i can not (give|share)"]',
                                             f'["i can not (give|share)", "{parts} ... end"]'))
    message = error_of(rubric)
    assert "rubric.yaml:3" in message and "optional parts" in message, message
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "simulator", "validate", str(rubric)],
                            capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 5
    assert result.returncode == 1
    assert "optional parts" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
