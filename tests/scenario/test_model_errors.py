"""Schema errors from the model point at the YAML node that is wrong."""

from __future__ import annotations

import pytest

from simulator.scenario.playable import load_scenario
from simulator.yamlfile import ValidationFailed
from tests.scenario.conftest import VALID


def errors_for(write, text: str) -> list[str]:
    path = write("s.yaml", text)
    with pytest.raises(ValidationFailed) as caught:
        load_scenario(path)
    return [line.split("/")[-1] for line in str(caught.value).splitlines()]


def test_valid_scenario_loads(write) -> None:
    scenario = load_scenario(write("s.yaml", VALID))
    assert scenario.start == "opening"
    assert scenario.nodes["thanks"].end is not None


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("difficulty: 1", "difficulty: 7", "s.yaml:5:13: difficulty: Input should be less than or equal to 3"),
        ("difficulty: 1", "difficulty: hard", "s.yaml:5:13: difficulty: Input should be a valid integer, unable to parse string as an integer"),
        ("category: over-sharing", "category: oversharing", "s.yaml:4:11: category: Input should be"),
        ("title: The customer at the counter\n", "", "s.yaml:1:1: title: required field is missing"),
        ("  mood: sad\n", "  mode: sad\n", "s.yaml:9:3: persona.mode: unknown field 'mode' (did you mean 'mood'?)"),
        ("rate: 160", "rate: fast", "s.yaml:8:32: persona.voice.rate: Input should be a valid integer"),
        ("  hurt:\n", "  Hurt Node:\n", "s.yaml:21:3: nodes.Hurt Node: must be lower-case letters"),
        ("    expects: [acknowledge_feelings]", "    expects: acknowledge_feelings", "s.yaml:16:14: nodes.opening.expects: expected a list, found text"),
        ("      - when: {any: [dismiss_feelings]}", "      - when: {}", "s.yaml:18:15: nodes.opening.branches[0].when: a condition needs at least one"),
        ("{any: [dismiss_feelings]}", "{min: {warmth: 10}}", "s.yaml:18:15: nodes.opening.branches[0].when: unknown score 'warmth'"),
        ("    end: {outcome: good, summary: She felt heard.}", "    end: {outcome: great, summary: x}", "s.yaml:27:20: nodes.thanks.end.outcome: Input should be 'good', 'mixed' or 'bad'"),
        ("    end: {outcome: good, summary: She felt heard.}\n", "", "s.yaml:26:5: nodes.thanks: a node needs either 'branches' or 'end'"),
        ("title: The customer at the counter", "title: 42", "s.yaml:2:8: title: expected text, found int"),
    ],
    ids=["range", "type", "enum", "missing", "unknown-field", "voice-rate", "bad-node-id",
         "not-a-list", "empty-condition", "unknown-score", "outcome", "no-branch-or-end",
         "number-for-text"],
)  # fmt: skip
def test_field_errors_point_at_the_node(write, old: str, new: str, expected: str) -> None:
    assert old in VALID
    errors = errors_for(write, VALID.replace(old, new, 1))
    assert any(e.startswith(expected) for e in errors), errors


def test_all_errors_are_reported_each_on_one_line(write) -> None:
    text = VALID.replace("difficulty: 1", "difficulty: 0").replace("pitch: 50", "pitch: 500")
    errors = errors_for(write, text)
    assert [e.split(": ")[0] for e in errors] == ["s.yaml:5:13", "s.yaml:8:44"]


def test_folded_chinese_lines_join_without_spaces(write) -> None:
    text = VALID.replace(
        "setting: You work at a counter.",
        "setting: >\n  您好，我理解您遇到这个问题\n  一定很着急。 Please\n  help.",
    )
    scenario = load_scenario(write("s.yaml", text))
    assert scenario.setting == "您好，我理解您遇到这个问题一定很着急。 Please help."
