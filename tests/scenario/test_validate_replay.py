"""`holdline validate` replays golden plans with the real engine and scorer (simulator/check.py)."""

from __future__ import annotations

from pathlib import Path

from simulator.check import run
from tests.conftest import run_holdline
from tests.scenario.conftest import PLAN, VALID

holdline = run_holdline


def position(path: Path, line_text: str, word: str) -> str:
    """`line:col` of `word` on the first line of the file that contains `line_text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if line_text in text)
    return f"{line}:{lines[line - 1].index(word) + 1}"


def test_plan_whose_reply_takes_another_branch_fails_at_its_line(write, workdir: Path) -> None:
    # "Calm down." dismisses her feeling, so the scenario goes to 'hurt', not where the plan says
    write("s.yaml", VALID)
    plan = write("s.plan.yaml", PLAN.replace("[I'm sorry to hear that.]", "[Calm down.]"))
    result = holdline("validate", workdir / "s.yaml", plan)
    assert result.returncode == 1
    where = position(plan, "path: [opening, thanks]", "thanks")
    assert result.stdout.startswith(
        f"{plan}:{where}: runs[0].path[1]: good trainee: reply 1 at 'opening' leads to 'hurt', "
        "the plan says 'thanks' (detected: dismiss_feelings;"
    ), result.stdout
    assert len(result.stdout.splitlines()) == 1
    assert "FAILED: checked 1 scenario, 1 plan, 0 rubrics: 1 error, 0 warnings" in result.stderr


def test_plan_alone_is_replayed_against_the_scenario_beside_it(write) -> None:
    write("s.yaml", VALID)
    plan = write("s.plan.yaml", PLAN.replace("[Calm down.]", "[I'm sorry to hear that.]"))
    report = run([plan])
    assert [p.field for p in report.errors] == ["runs[1].path[1]"]
    assert "poor trainee: reply 1 at 'opening' leads to 'thanks'" in report.errors[0].message


def test_missing_plan_is_a_warning(write, workdir: Path) -> None:
    scenario = write("s.yaml", VALID)
    result = holdline("validate", scenario)
    assert result.returncode == 0
    assert result.stdout == (
        f"{scenario}:1:1: warning: (top): no golden plan 's.plan.yaml' beside it, "
        "so no run is replayed\n"
    )
    assert "ok: checked 1 scenario, 0 plans, 0 rubrics: 0 errors, 1 warning" in result.stderr


def test_stated_behaviours_are_checked(write) -> None:
    write("s.yaml", VALID)
    text = PLAN.replace(
        "replies: [I'm sorry to hear that.]",
        "replies:\n"
        "      - say: I'm sorry to hear that.\n"
        "        shows: [acknowledge_feelings, state_limit, acknowledge_feeling]\n"
        "        lacks: [dismiss_feelings]",
    ).replace("replies: [Calm down.]", "replies: [{say: Calm down., lacks: [dismiss_feelings]}]")
    plan = write("s.plan.yaml", text)
    problems = [str(p).removeprefix(f"{plan}:") for p in run([plan]).problems]
    shows = position(plan, "shows:", "state_limit")
    typo = position(plan, "shows:", "acknowledge_feeling]")
    lacks = position(plan, "{say: Calm", "dismiss_feelings")
    assert [p.split(" (detected")[0] for p in problems] == [
        f"{shows}: runs[0].replies[0].shows[1]: good trainee: reply 1 at 'opening': "
        "'state_limit' was not detected",
        f"{typo}: runs[0].replies[0].shows[2]: the rubric has no behaviour "
        "'acknowledge_feeling' (did you mean 'acknowledge_feelings'?)",
        f"{lacks}: runs[1].replies[0].lacks[0]: poor trainee: reply 1 at 'opening': "
        "'dismiss_feelings' was detected",
    ]


def test_plan_of_a_broken_scenario_is_not_replayed(write) -> None:
    write("s.yaml", VALID.replace("rubric: rubric.yaml", "rubric: nowhere.yaml"))
    plan = write("s.plan.yaml", PLAN)
    assert [str(p) for p in run([plan]).problems] == [
        f"{plan}:1:1: (top): not replayed: 's.yaml' has errors (validate it)"
    ]


def test_naming_only_the_scenario_checks_and_replays_its_plan(write, workdir: Path) -> None:
    scenario = write("s.yaml", VALID)
    plan = write("s.plan.yaml", PLAN.replace("[Calm down.]", "[I'm sorry to hear that.]"))
    result = holdline("validate", scenario)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{plan}:") and "poor trainee: reply 1" in result.stdout
    assert "checked 1 scenario, 1 plan, 0 rubrics: 1 error" in result.stderr
    both = run([scenario, plan])  # the plan named as well: checked once
    assert both.counts["plan"] == 1 and len(both.errors) == 1
