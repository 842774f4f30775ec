"""Input a user can hand holdline that used to end in a traceback (issue 16): a NUL byte in a
scripted reply, a 5000-digit integer in scenario YAML or in a `score --batch` line, and JSON
nested 100,000 deep. Each is now one line naming the file and line, exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import REPO, holdline, one_line_error

SCENARIO = REPO / "scenarios" / "en" / "pharmacy-exhausted-parent.yaml"
HUGE = "9" * 5000


@pytest.fixture
def huge_scenario(tmp_path: Path) -> Path:
    text = SCENARIO.read_text(encoding="utf-8").replace("difficulty: 2", f"difficulty: {HUGE}")
    text = text.replace(
        "rubric: ../rubrics/en.yaml", f"rubric: {REPO / 'scenarios/rubrics/en.yaml'}"
    )
    path = tmp_path / "huge.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("front", ["--headless", "--text"])
def test_nul_byte_in_a_scripted_reply(tmp_path: Path, front: str) -> None:
    replies = tmp_path / "replies.txt"
    replies.write_bytes(b"That sounds hard.\nhello\x00there\n")
    result = holdline("play", str(SCENARIO), front, "--replies", str(replies), "--sessions",
                      str(tmp_path / "s"), "--no-audio", "--trainee", "x")  # fmt: skip
    assert one_line_error(result) == f"holdline: {replies}:2: a reply holds a NUL character"


@pytest.mark.parametrize(
    "args", [("play", "--headless", "--replies"), ("score", "--node", "opening", "--reply", "hi")]
)
def test_5000_digit_integer_in_scenario_yaml(
    huge_scenario: Path, tmp_path: Path, args: tuple
) -> None:
    replies = tmp_path / "r.txt"
    replies.write_text("hi\n")
    if args[0] == "play":
        argv = ["play", str(huge_scenario), "--headless", "--replies", str(replies), "--sessions",
                str(tmp_path / "s"), "--no-audio"]  # fmt: skip
    else:
        argv = ["score", "--scenario", str(huge_scenario), *args[1:]]
    line = one_line_error(holdline(*argv))
    assert f"{huge_scenario}:6:13: difficulty: number is too long" in line


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ('{"id": 1, "reply": "ok", "n": ' + HUGE + "}", "a number is too long (over 4300 digits)"),
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
    ],
)
def test_hostile_batch_lines(tmp_path: Path, line: str, why: str) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text(json.dumps({"id": 0, "reply": "fine"}) + "\n" + line + "\n")
    result = holdline("score", "--batch", str(batch))
    assert one_line_error(result) == f"holdline: {batch}:2: {why}"
    assert json.loads(result.stdout.splitlines()[0])["id"] == 0  # the good line was scored


def test_escape_sequences_in_a_scenario_are_not_sent_to_the_terminal(tmp_path: Path) -> None:
    text = SCENARIO.read_text(encoding="utf-8")
    text = text.replace("name: Kerry Dawson", 'name: "Kerry \\e]0;owned\\a\\e[2J"')
    text = text.replace(
        "rubric: ../rubrics/en.yaml", f"rubric: {REPO / 'scenarios/rubrics/en.yaml'}"
    )
    scenario = tmp_path / "hostile.yaml"
    scenario.write_text(text, encoding="utf-8")
    replies = tmp_path / "r.txt"
    replies.write_text("That sounds exhausting. Let me get his prescription for you.\n")
    result = holdline("play", str(scenario), "--text", "--replies", str(replies), "--sessions",
                      str(tmp_path / "s"), "--no-audio", "--trainee", "x")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Kerry \\x1b]0;owned\\x07\\x1b[2J" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
