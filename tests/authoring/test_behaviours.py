"""`holdline behaviours RUBRIC`: what a scenario writer may name, with one line of meaning each."""

from __future__ import annotations

import pytest
import yaml

from simulator.scenario.model import MOOD_MEANINGS, Mood
from tests.conftest import REPO, SCENARIOS, run_holdline


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_lists_every_behaviour_of_the_rubric_and_every_mood(language: str) -> None:
    result = run_holdline("behaviours", language, cwd=REPO)
    assert result.returncode == 0, result.stderr
    rubric = yaml.safe_load((SCENARIOS / "rubrics" / f"{language}.yaml").read_text("utf-8"))
    lines = result.stdout.splitlines()
    red_flags_at = next(i for i, line in enumerate(lines) if line.startswith("Red flags"))
    moods_at = next(i for i, line in enumerate(lines) if line.startswith("Moods"))
    for name, behaviour in rubric["behaviours"].items():
        row = next(i for i, line in enumerate(lines) if line.split()[:1] == [name])
        assert " ".join(behaviour["description"].split()) in lines[row]
        assert (row > red_flags_at) == (behaviour["kind"] == "red_flag"), name
        assert row < moods_at
    for mood in Mood:
        assert any(line.split() == [mood.value, *MOOD_MEANINGS[mood].split()] for line in lines)


def test_a_scenario_file_lists_its_rubric() -> None:
    scenario = SCENARIOS / "zh" / "bank-elder-wechat.yaml"
    by_scenario = run_holdline("behaviours", scenario)
    assert by_scenario.returncode == 0, by_scenario.stderr
    assert by_scenario.stdout.split("\n", 1)[1] == run_holdline(
        "behaviours", SCENARIOS / "rubrics" / "zh.yaml"
    ).stdout.split("\n", 1)[1]


def test_unknown_rubric_is_one_line(tmp_path) -> None:
    result = run_holdline("behaviours", "xx", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "holdline: xx: no such file, and no rubric scenarios/rubrics/xx.yaml\n"


def test_docs_list_every_mood_with_its_meaning() -> None:
    docs = (REPO / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    for mood, meaning in MOOD_MEANINGS.items():
        assert f"| `{mood.value}` | {meaning} |" in docs
    assert set(MOOD_MEANINGS) == set(Mood)
