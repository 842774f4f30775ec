"""`holdline score` and `holdline calibrate` through the real CLI entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.cli import main

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "scenarios" / "rubrics"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_one_reply_human_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", "--client", "Give me your number!",
                       "--reply", "I'm sorry, I can't give out my personal number.")
    assert code == 0
    assert out.splitlines()[0].startswith("empathy")
    assert "state_limit" in out
    assert '"I\'m sorry, I can\'t give out my personal number"' in out or "can't give" in out


def test_score_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", "--client", "我可以加你微信吗？", "--reply",
                       "不好意思，我不能加客户的私人微信。", "--language", "zh", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data["scores"]) == {"empathy", "firmness", "boundary_clarity"}
    assert "state_limit" in data["behaviours"]
    reply = "不好意思，我不能加客户的私人微信。"
    assert all(reply[e["start"]:e["end"]] == e["text"] for e in data["evidence"])


def test_score_batch_keeps_order_and_ids(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    rows = [
        {"id": "a", "language": "en", "client": "I'm so upset.", "reply": "Calm down."},
        {"id": "b", "language": "ru", "client": "Дайте номер.", "reply": "Я не даю личный номер."},
        {"id": "c", "language": "zh", "client": "着火了！", "reply": "请大家立即从正门离开！"},
        {"id": "d", "language": "en", "client": "", "reply": ""},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "score", "--batch", str(path))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b", "c", "d"]
    assert "dismiss_feelings" in lines[0]["behaviours"]
    assert "state_limit" in lines[1]["behaviours"]
    assert "give_instruction" in lines[2]["behaviours"]
    assert lines[3]["flags"] == ["empty_reply"]
    assert all(set(line["scores"]) == {"empathy", "firmness", "boundary_clarity"}
               for line in lines)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", ":2: not valid JSON"),
        ('{"id": 1, "language": "en"}', ":2: needs an object with a string 'reply'"),
        ('{"id": 1, "language": "xx", "reply": "hi"}', ":2: no default rubric for language 'xx'"),
        ('{"id": 1, "reply": "hi", "client": 5}', ":2: 'client' and 'language' must be strings"),
        ('{"id": 1, "reply": "hi", "scenario": "x.yaml"}', ":2: 'scenario' and 'node' go"),
    ],
)
def test_bad_batch_line_is_reported_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    path = tmp_path / "in.jsonl"
    good = json.dumps({"id": "ok", "language": "en", "reply": "I can help."})
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    code, out, err = run(capsys, "score", "--batch", str(path))
    assert code == 1
    assert err.strip() == f"holdline: {path}{message}" or f"{path}{message}" in err
    assert "Traceback" not in err
    assert len(out.splitlines()) == 1  # the good first line was still written


SCENARIO = """\
id: test-number
title: Asks for a number
language: en
category: emotional-attachment
difficulty: 1
persona:
  name: Sam
  voice: {{espeak: en-gb}}
  mood: friendly
setting: A shop counter.
rubric: {rubric}
start: opening
nodes:
  opening:
    client: You're lovely. Can I have your number?
    expects: [state_limit]
    red_flags: [share_personal_info]
    branches:
      - when: {{any: [state_limit]}}
        goto: done
      - goto: done
  done:
    client: Fair enough.
    end: {{outcome: good, summary: You kept it professional.}}
debrief:
  - Say no kindly and clearly.
"""


def test_score_with_scenario_node(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO.format(rubric=RUBRICS / "en.yaml"), encoding="utf-8")
    code, out, _ = run(capsys, "score", "--scenario", str(path), "--node", "opening",
                       "--reply", "I can't give out my number, sorry.", "--json")
    data = json.loads(out)
    assert code == 0
    assert any(e["indicator"] == "expected:state_limit" for e in data["evidence"])
    code, _, err = run(capsys, "score", "--scenario", str(path), "--node", "nope",
                       "--reply", "hi")
    assert code == 1 and "no node 'nope'" in err
    code, _, err = run(capsys, "score", "--scenario", str(path), "--node", "done",
                       "--reply", "hi")
    assert code == 1 and "is an ending" in err
    code, _, err = run(capsys, "score", "--scenario", str(path), "--reply", "hi")
    assert code == 1 and "--scenario and --node go together" in err


def test_score_user_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "score", "--client", "hi")
    assert code == 1 and "give --reply" in err
    code, _, err = run(capsys, "score", "--reply", "hi", "--language", "fr")
    assert code == 1 and "no default rubric for language 'fr'" in err
    code, _, err = run(capsys, "score", "--batch", str(tmp_path / "missing.jsonl"))
    assert code == 1 and "cannot read" in err


def test_calibrate_reports_agreement(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calibrate", str(RUBRICS / "en.yaml"))
    assert code == 0
    assert "examples as expected" in out
    assert "spearman" in out and "in band" in out


def test_calibrate_json_with_labelled_set(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calibrate", str(RUBRICS / "ru.yaml"), "--json", "--labelled",
                       str(ROOT / "data" / "labelled" / "dev.jsonl"))
    data = json.loads(out)
    assert code == 0
    assert data["passed"] == data["examples"]
    assert set(data["labelled"]) == {"en", "ru", "zh", "all"}
    assert data["labelled"]["all"]["n"] >= 50


def test_calibrate_fails_on_a_bad_example(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    text = (RUBRICS / "en.yaml").read_text(encoding="utf-8")
    text += (
        "  - client: Can I have your number?\n"
        "    reply: Sure, my number is 07700 900123.\n"
        "    levels: {boundary_clarity: high}\n"
    )
    path = tmp_path / "en.yaml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(RUBRICS / "en.word-weights.json", tmp_path)
    code, out, _ = run(capsys, "calibrate", str(path))
    assert code == 1
    assert "out of band: boundary_clarity" in out
