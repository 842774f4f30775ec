"""`holdline graph`: an SVG (or HTML page) of each scenario's branching, drawn by Graphviz."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from simulator.scenario.graph import RunPath, condition_text, scenario_dot, short_line
from simulator.scenario.loader import load_scenario, load_yaml, validate
from simulator.scenario.model import Condition
from simulator.scenario.plan import Plan
from simulator.scenario.validate import plan_for_scenario
from tests.conftest import run_holdline
from tests.scenario.conftest import VALID
from tests.scenario.test_library import IDS, SCENARIO_FILES

SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz not installed")


def nodes_of(svg: Path) -> dict[str, set[str]]:
    """Node id -> the classes of its <g>, read from the SVG Graphviz wrote."""
    root = ET.parse(svg).getroot()
    out = {}
    for group in root.iter(f"{SVG}g"):
        classes = set(group.get("class", "").split())
        if "node" in classes:
            title = group.find(f"{SVG}title")
            assert title is not None and title.text
            out[title.text] = classes
    return out


@needs_dot
@pytest.mark.parametrize("path", SCENARIO_FILES, ids=IDS)
def test_every_bundled_scenario_draws_with_every_node_and_ending(
    path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "graph.svg"
    result = run_holdline("graph", path, "-o", out)
    assert result.returncode == 0, result.stderr
    scenario = load_scenario(path)
    drawn = nodes_of(out)
    assert set(drawn) == set(scenario.nodes)
    for node_id, node in scenario.nodes.items():
        if node.end is not None:
            assert {"ending", node.end.outcome.value} <= drawn[node_id], node_id
        else:
            assert "ending" not in drawn[node_id]
    assert "start" in drawn[scenario.start]
    edges = [g for g in ET.parse(out).getroot().iter(f"{SVG}g") if "edge" in g.get("class", "")]
    plan = validate(load_yaml(plan_for_scenario(path)), Plan)
    for r, run in enumerate(plan.runs):
        drawn_steps = {g.get("id") for g in edges if f"run-{r + 1}" in g.get("class", "").split()}
        # one branch per step of the run: the one the replies take, not its parallel siblings
        assert len(drawn_steps) == len(set(zip(run.path, run.path[1:], strict=False))), run.name


@needs_dot
def test_unreachable_nodes_are_marked_and_html_has_a_legend(write, workdir: Path) -> None:
    lonely = "  lonely:\n    client: Nobody comes here.\n    end: {outcome: mixed, summary: x.}\n"
    scenario = write("s.yaml", VALID.replace("debrief:", lonely + "debrief:"))
    svg = workdir / "s.svg"
    assert run_holdline("graph", scenario, "-o", svg).returncode == 0
    drawn = nodes_of(svg)
    assert "unreachable" in drawn["lonely"] and "unreachable" not in drawn["thanks"]
    page = workdir / "s.html"
    assert run_holdline("graph", scenario, "-o", page).returncode == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text and "unreachable node" in text


def test_edges_carry_their_conditions_and_plan_runs() -> None:
    scenario = load_scenario(SCENARIO_FILES[0])
    node_id, node = next((i, n) for i, n in scenario.nodes.items() if n.branches)
    target = node.branches[-1].goto
    dot = scenario_dot(scenario, [RunPath("good trainee", (node_id, target))])
    last = len(node.branches)
    edge = next(line for line in dot.splitlines() if f'id="edge-{node_id}-{last}"' in line)
    assert f'label="{last}. otherwise"' in edge and 'class="plan run-1"' in edge
    first = condition_text(Condition(any=["a", "b"], min={"empathy": 50}))
    assert first == "any: a, b\nempathy ≥ 50"


def test_short_line_wraps_words_and_chinese() -> None:
    assert short_line("one two three four five six seven eight nine ten eleven") == (
        "one two three four five six\nseven eight nine ten eleven"
    )
    assert short_line("你" * 20) == "你" * 16 + "\n" + "你" * 4
    assert short_line("x " * 100).endswith("…")


def test_user_errors_are_one_line(write, workdir: Path, tmp_path: Path) -> None:
    scenario = write("s.yaml", VALID)
    wrong = run_holdline("graph", scenario, "-o", workdir / "s.png")
    assert (
        wrong.returncode == 1
        and wrong.stderr == f"holdline: {workdir / 's.png'}: write .svg or .html\n"
    )
    broken = write("b.yaml", "id: [\n")
    bad = run_holdline("graph", broken, "-o", workdir / "b.svg")
    assert bad.returncode == 1 and bad.stderr.startswith(f"holdline: {broken}:2:")
    no_dot = run_holdline("graph", scenario, "-o", workdir / "s.svg", env={"PATH": str(tmp_path)})
    assert no_dot.returncode == 1
    assert no_dot.stderr == "holdline: Graphviz's `dot` is not installed (apt install graphviz)\n"
    assert not (workdir / "s.svg").exists() and not (workdir / "s.png").exists()


def test_a_branch_line_is_shown_on_its_edge(write, workdir: Path) -> None:
    text = VALID.replace("      - goto: thanks\n", "      - goto: thanks\n        client: Oh.\n")
    dot = scenario_dot(load_scenario(write("s.yaml", text)))
    edge = next(line for line in dot.splitlines() if 'id="edge-opening-2"' in line)
    assert 'label="2. otherwise\\n“Oh.”"' in edge


def test_parallel_branches_a_run_did_not_take_are_not_coloured(write) -> None:
    # both of opening's branches go to 'thanks'; the run takes the second
    text = VALID.replace("goto: hurt", "goto: thanks")
    scenario = load_scenario(write("s.yaml", text))
    exact = scenario_dot(scenario, [RunPath("kind", ("opening", "thanks"), (1,))])
    by_nodes = scenario_dot(scenario, [RunPath("kind", ("opening", "thanks"))])

    def coloured(dot: str) -> list[str]:
        return [line.split('id="')[1].split('"')[0] for line in dot.splitlines() if "run-1" in line]

    assert coloured(exact) == ["edge-opening-2"]
    assert coloured(by_nodes) == ["edge-opening-1", "edge-opening-2"]
