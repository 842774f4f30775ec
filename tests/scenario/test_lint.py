"""The linter's findings, each at the line of the node that causes it."""

from __future__ import annotations

from pathlib import Path

from simulator.check import check_file
from tests.scenario.conftest import PLAN, VALID, write_rubric


def findings(path: Path) -> list[str]:
    return [str(p).replace(f"{path.parent}/", "") for p in check_file(path)]


def test_valid_scenario_has_no_findings(write) -> None:
    assert findings(write("s.yaml", VALID)) == []


def test_dangling_goto_suggests_the_near_miss(write) -> None:
    path = write("s.yaml", VALID.replace("goto: thanks", "goto: thank"))
    assert findings(path) == [
        "s.yaml:20:15: nodes.opening.branches[1].goto: goto 'thank': no such node "
        "(did you mean 'thanks'?)",
        "s.yaml:25:3: warning: nodes.thanks: node 'thanks' cannot be reached from start 'opening'",
    ]


def test_missing_start_node(write) -> None:
    path = write("s.yaml", VALID.replace("start: opening", "start: begin"))
    assert findings(path)[0] == "s.yaml:12:8: start: no node 'begin'"


def test_unreachable_node_is_a_warning(write) -> None:
    text = VALID + "  spare:\n    client: Hello?\n    end: {outcome: mixed, summary: x}\n"
    text = text.replace("debrief:\n  - Acknowledge, then return to the task.\n", "")
    text += "debrief:\n  - Acknowledge, then return to the task.\n"
    assert findings(write("s.yaml", text)) == [
        "s.yaml:28:3: warning: nodes.spare: node 'spare' cannot be reached from start 'opening'"
    ]


def test_cycle_with_no_way_out(write) -> None:
    text = VALID.replace(
        "      - goto: thanks\n",
        "      - goto: loop\n  loop:\n    client: And another thing.\n"
        "    branches:\n      - when: {all: [state_limit]}\n        goto: more\n"
        "      - goto: more\n  more:\n    client: And more.\n"
        "    branches:\n      - goto: loop\n",
    )
    assert findings(write("s.yaml", text)) == [
        "s.yaml:21:3: nodes.loop: from here the conversation loops forever: "
        "no path leads to an ending",
        "s.yaml:27:3: nodes.more: from here the conversation loops forever: "
        "no path leads to an ending",
        "s.yaml:35:3: warning: nodes.thanks: node 'thanks' cannot be reached from start 'opening'",
    ]


def test_cycle_with_an_exit_is_fine(write) -> None:
    text = VALID.replace(
        "      - goto: thanks\n",
        "      - when: {all: [state_limit]}\n        goto: thanks\n      - goto: opening\n",
    )
    assert findings(write("s.yaml", text)) == []


def test_default_branch_must_be_last(write) -> None:
    text = VALID.replace(
        "      - when: {any: [dismiss_feelings]}\n        goto: hurt\n      - goto: thanks\n",
        "      - goto: thanks\n      - when: {any: [dismiss_feelings]}\n        goto: hurt\n",
    )
    assert findings(write("s.yaml", text)) == [
        "s.yaml:18:9: nodes.opening.branches[0]: a branch without 'when' always matches, "
        "so the branches after it never run",
        "s.yaml:19:9: nodes.opening.branches[1]: the last branch must have no 'when': "
        "it is taken when nothing else matches",
    ]


def test_contradictory_score_bounds(write) -> None:
    text = VALID.replace("{any: [dismiss_feelings]}", "{min: {empathy: 80}, max: {empathy: 20}}")
    assert findings(write("s.yaml", text)) == [
        "s.yaml:18:15: nodes.opening.branches[0].when: min empathy 80 is above max 20: "
        "this branch never matches"
    ]


def test_missing_rubric(write) -> None:
    path = write("s.yaml", VALID.replace("rubric: rubric.yaml", "rubric: rubrics/none.yaml"))
    (only,) = findings(path)
    assert only.startswith("s.yaml:11:9: rubric: rubric file not found (looked for ")


def test_rubric_language_mismatch(write, workdir: Path) -> None:
    write_rubric(workdir, language="ru")
    assert findings(write("s.yaml", VALID)) == [
        "s.yaml:11:9: rubric: rubric is for language 'ru', scenario is 'en'"
    ]


def test_broken_rubric_is_reported_on_the_rubric_field(write) -> None:
    write("rubric.yaml", "language: en\nlanguage: ru\n")
    (only,) = findings(write("s.yaml", VALID))
    assert only.startswith("s.yaml:11:9: rubric: rubric cannot be read: ")
    assert "rubric.yaml:2:1: language: duplicate key" in only


def test_unknown_behaviours(write) -> None:
    text = VALID.replace("[acknowledge_feelings]", "[acknowledge_feeling]").replace(
        "[dismiss_feelings]", "[be_rude]"
    )
    assert findings(write("s.yaml", text)) == [
        "s.yaml:16:15: nodes.opening.expects[0]: the rubric has no behaviour "
        "'acknowledge_feeling' (did you mean 'acknowledge_feelings'?)",
        "s.yaml:18:15: nodes.opening.branches[0].when: the rubric has no behaviour 'be_rude'",
    ]


def test_voice_not_installed_is_a_warning(write) -> None:
    path = write("s.yaml", VALID.replace("espeak: en-gb", "espeak: xx-nowhere"))
    assert findings(path) == [
        "s.yaml:8:19: warning: persona.voice.espeak: espeak-ng voice 'xx-nowhere' is not "
        "installed (see `espeak-ng --voices`)"
    ]


def test_plan_walks_the_graph(write) -> None:
    write("s.yaml", VALID)
    assert findings(write("s.plan.yaml", PLAN)) == []


def test_plan_errors(write) -> None:
    write("s.yaml", VALID)
    plan = PLAN.replace("path: [opening, hurt]", "path: [opening, thanks]").replace(
        "replies: [I'm sorry to hear that.]", "replies: [I'm sorry., Anything else?]"
    )
    assert findings(write("s.plan.yaml", plan)) == [
        "s.plan.yaml:3:14: runs[0].replies: 2 replies for a path of 2 nodes: needs 1",
        "s.plan.yaml:9:14: runs[1].outcome: the ending 'thanks' has outcome 'good'",
    ]


def test_plan_path_must_follow_branches(write) -> None:
    write("s.yaml", VALID)
    plan = PLAN.replace("path: [opening, hurt]", "path: [hurt, thanks]")
    assert findings(write("s.plan.yaml", plan)) == [
        "s.plan.yaml:8:12: runs[1].path[0]: path starts at 'hurt', the scenario starts at "
        "'opening'",
        "s.plan.yaml:8:18: runs[1].path[1]: no branch of 'hurt' goes to 'thanks'",
        "s.plan.yaml:9:14: runs[1].outcome: the ending 'thanks' has outcome 'good'",
    ]


def test_plan_without_scenario(write) -> None:
    (only,) = findings(write("lonely.plan.yaml", PLAN))
    assert only == "lonely.plan.yaml:1:1: (top): no scenario 'lonely.yaml' beside this plan"
