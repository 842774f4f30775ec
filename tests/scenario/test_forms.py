"""Scenario text that varies by the trainee's gender: `(m:...|f:...)` (scenario/forms.py)."""

from __future__ import annotations

import pytest

from simulator.errors import HoldlineError
from simulator.filecheck import check_file
from simulator.scenario.forms import ENV, for_trainee, form_problems, gender_setting, resolve
from simulator.scenario.playable import load_scenario
from tests.scenario.conftest import VALID

LINE = "(m:Молодой человек|f:Девушка), вы же (m:сам|f:сама) обещали!"


def test_each_gender_gets_its_form_and_no_setting_gets_the_first_written() -> None:
    assert resolve(LINE, "female") == "Девушка, вы же сама обещали!"
    assert resolve(LINE, "male") == "Молодой человек, вы же сам обещали!"
    assert resolve(LINE, None) == "Молодой человек, вы же сам обещали!"
    assert resolve("(f:Девушка|m:Молодой человек)!", None) == "Девушка!"


def test_other_braces_are_plain_text() -> None:
    for text in ("(note: keep this)", "(m: 5 minutes)", "a (b) c", "()", "{m:x|f:y}"):
        assert resolve(text, "female") == text
        assert form_problems(text) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("(m:он)", "'(m:он)': write each of m: and f: once"),
        ("(m:он|m:она)", "'(m:он|m:она)': write each of m: and f: once"),
        ("(male:он|female:она)", "'(male:он|female:она)': use m: and f: (found 'male:')"),
        ("(m:он|ж:она)", "'(m:он|ж:она)': use m: and f: (found 'ж:')"),
    ],
)
def test_malformed_forms_are_named(text: str, problem: str) -> None:
    assert form_problems(text) == [problem]


def test_validate_reports_a_malformed_form_at_its_line(write) -> None:
    path = write("s.yaml", VALID.replace("client: Thank you.", "client: Thank you, (m:sir)."))
    problems = [str(p) for p in check_file(path) if p.severity == "error"]
    line = VALID.splitlines().index("    client: Thank you.") + 1
    assert problems == [
        f"{path}:{line}:13: nodes.thanks.client: '(m:sir)': write each of m: and f: once"
    ]


def test_a_scenario_is_resolved_everywhere_for_the_trainee(write) -> None:
    text = (
        VALID.replace("setting: You work at a counter.", "setting: You are the (m:host|f:hostess).")
        .replace("client: My husband left me.", "client: (m:Sir|f:Madam), my husband left me.")
        .replace("- Acknowledge, then", "- (m:Gentlemen|f:Ladies), acknowledge, then")
    )
    scenario = load_scenario(write("s.yaml", text))
    female = for_trainee(scenario, "female")
    assert female.setting == "You are the hostess."
    assert female.nodes["opening"].client == "Madam, my husband left me."
    assert female.debrief[0].startswith("Ladies, acknowledge")
    assert for_trainee(scenario, "male").nodes["opening"].client == "Sir, my husband left me."
    assert for_trainee(female, "male") == female  # once resolved, nothing is left to vary
    assert female.nodes["opening"].expects == scenario.nodes["opening"].expects


def test_the_setting_comes_from_the_option_or_the_environment(monkeypatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    assert gender_setting(None) is None
    monkeypatch.setenv(ENV, "female")
    assert gender_setting(None) == "female" and gender_setting("male") == "male"
    monkeypatch.setenv(ENV, "woman")
    with pytest.raises(HoldlineError, match="trainee gender 'woman': use female or male"):
        gender_setting(None)
