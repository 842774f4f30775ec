"""A picture of a scenario's branching: Graphviz DOT from the model, drawn by Graphviz's `dot`.

Nodes show their id, mood and the start of the client's line; endings are coloured by outcome;
each edge carries its branch number, condition and any line of its own; the golden plans' runs
are overlaid as coloured edges (the branch taken at each step when the caller knows it, see
authoring.plan_overlay; else every branch between two path nodes); nodes no path reaches are
dashed and grey. Needs only the scenario model (and the plan beside it), never the engine.
`dot` is Debian's graphviz package (tools/bootstrap installs it).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import HoldlineError, InputError
from simulator.scenario.lint import reachable_from
from simulator.scenario.loader import load_scenario, load_yaml, validate
from simulator.scenario.model import Condition, Node, Outcome, Scenario
from simulator.scenario.plan import Plan

OUTCOME_COLOURS = {Outcome.good: "#c8e6c9", Outcome.mixed: "#ffe8a3", Outcome.bad: "#f5b7b1"}
RUN_COLOURS = ("#1565c0", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#2e7d32")
FONT = "DejaVu Sans"
LINE_CHARS = 90  # of the client's line shown in a node
SUFFIXES = (".svg", ".html")
_CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class RunPath:
    """A golden-plan run to overlay: its nodes, and when known the branch taken from each."""

    name: str
    path: tuple[str, ...]
    branches: tuple[int, ...] | None = None  # None: every branch between two path nodes


def _quote(text: str) -> str:
    """A DOT string; line breaks become DOT's centred `\\n`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n") + '"'


def short_line(text: str, chars: int = LINE_CHARS) -> str:
    """The start of a line, wrapped for a node: by words, or by characters for Chinese."""
    text = " ".join(text.split())
    if len(text) > chars:
        text = text[: chars - 1].rstrip() + "…"
    if _CJK.search(text) and " " not in text:
        return "\n".join(text[i : i + 16] for i in range(0, len(text), 16))
    return "\n".join(textwrap.wrap(text, 30))


def condition_text(when: Condition | None) -> str:
    if when is None:
        return "otherwise"
    parts = [
        f"{key}: {', '.join(names)}"
        for key, names in (("all", when.all), ("any", when.any), ("none", when.none))
        if names
    ]
    parts += [f"{dim} ≥ {v}" for dim, v in (when.min or {}).items()]
    parts += [f"{dim} ≤ {v}" for dim, v in (when.max or {}).items()]
    return "\n".join(parts)


def _node_statement(scenario: Scenario, node_id: str, node: Node, reachable: set[str]) -> str:
    mood = (node.mood or scenario.persona.mood).value
    label = f"{node_id}\n({mood})\n{short_line(node.client)}"
    attrs = {"id": f"node-{node_id}", "shape": "box", "style": "rounded,filled"}
    classes = ["scenario-node"]
    fill = "#ffffff"
    if node.end is not None:
        outcome = node.end.outcome
        label = f"{label}\n— {outcome.value} ending —"
        fill = OUTCOME_COLOURS[outcome]
        classes += ["ending", outcome.value]
    if node_id == scenario.start:
        attrs["penwidth"] = "2.5"
        classes.append("start")
        label = f"start ▸ {label}"
    if node_id not in reachable:
        attrs.update(style="rounded,filled,dashed", color="#9e9e9e", fontcolor="#757575")
        label = f"{label}\n(unreachable)"
        classes.append("unreachable")
    attrs.update(label=label, fillcolor=fill, **{"class": " ".join(classes)})
    return f"  {_quote(node_id)} [{', '.join(f'{k}={_quote(v)}' for k, v in attrs.items())}];"


def _taken(scenario: Scenario, runs: Sequence[RunPath]) -> dict[tuple[str, int], list[int]]:
    """(node, branch index) -> the runs that take that branch."""
    taken: dict[tuple[str, int], list[int]] = {}
    for r, run in enumerate(runs):
        for step, (src, dst) in enumerate(zip(run.path, run.path[1:], strict=False)):
            if run.branches is not None:
                keys = [(src, run.branches[step])]
            else:
                branches = (scenario.nodes[src].branches or []) if src in scenario.nodes else []
                keys = [(src, i) for i, b in enumerate(branches) if b.goto == dst]
            for key in keys:
                if r not in taken.setdefault(key, []):
                    taken[key].append(r)
    return taken


def scenario_dot(scenario: Scenario, runs: Sequence[RunPath] = ()) -> str:
    """DOT text of the scenario, with golden-plan runs overlaid."""
    reachable = (
        reachable_from(scenario, scenario.start) if scenario.start in scenario.nodes else set()
    )
    lines = [
        f"digraph {_quote(scenario.id)} {{",
        f'  graph [rankdir="TB", fontname="{FONT}", label={_quote(scenario.title)}, '
        'labelloc="t", fontsize="18"];',
        f'  node [fontname="{FONT}", fontsize="11", margin="0.15,0.08"];',
        f'  edge [fontname="{FONT}", fontsize="9", color="#616161"];',
    ]
    for node_id, node in scenario.nodes.items():
        lines.append(_node_statement(scenario, node_id, node, reachable))
    taken = _taken(scenario, runs)
    for node_id, node in scenario.nodes.items():
        for i, branch in enumerate(node.branches or []):
            if branch.goto not in scenario.nodes:
                continue
            label = f"{i + 1}. {condition_text(branch.when)}"
            if branch.client:
                label += f"\n“{short_line(branch.client, 60)}”"
            attrs = {"label": label, "id": f"edge-{node_id}-{i + 1}"}
            users = taken.get((node_id, i), [])
            if users:
                colours = [RUN_COLOURS[r % len(RUN_COLOURS)] for r in users]
                attrs.update(color=":".join(colours), penwidth="2", fontcolor=colours[0])
                attrs["class"] = "plan " + " ".join(f"run-{r + 1}" for r in users)
            body = ", ".join(f"{k}={_quote(v)}" for k, v in attrs.items())
            lines.append(f"  {_quote(node_id)} -> {_quote(branch.goto)} [{body}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(dot_text: str) -> str:
    """The SVG Graphviz draws for the DOT text."""
    dot = shutil.which("dot")
    if dot is None:
        raise HoldlineError("Graphviz's `dot` is not installed (apt install graphviz)")
    try:
        done = subprocess.run(
            [dot, "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        raise HoldlineError("Graphviz took more than 60 s to draw the graph") from None
    if done.returncode != 0:
        first = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["failed"])[0]
        raise HoldlineError(f"Graphviz could not draw the graph: {first}")
    return done.stdout.decode("utf-8")


def read_plan(scenario_path: Path) -> Plan | None:
    """The plan beside the scenario; None if it is missing or broken (validate reports that)."""
    plan_path = scenario_path.with_name(scenario_path.stem + ".plan.yaml")
    if not plan_path.is_file():
        return None
    try:
        return validate(load_yaml(plan_path), Plan)
    except InputError:
        return None


def plan_runs(scenario_path: Path) -> list[RunPath]:
    plan = read_plan(scenario_path)
    return [RunPath(run.name, tuple(run.path)) for run in plan.runs] if plan else []


def html_page(scenario: Scenario, svg: str, runs: Sequence[RunPath]) -> str:
    svg = svg[svg.index("<svg") :]
    esc = html.escape
    legend = [
        f'<li><span class="key" style="background:{OUTCOME_COLOURS[o]}"></span>'
        f"{o.value} ending</li>"
        for o in Outcome
    ]
    legend.append('<li><span class="key dashed"></span>unreachable node</li>')
    for r, run in enumerate(runs):
        colour = RUN_COLOURS[r % len(RUN_COLOURS)]
        legend.append(
            f'<li><span class="line" style="background:{colour}"></span>{esc(run.name)}</li>'
        )
    return f"""<!DOCTYPE html>
<html lang="{esc(scenario.language)}"><head><meta charset="utf-8">
<title>{esc(scenario.title)}</title>
<style>
body{{font-family:"{FONT}",sans-serif;margin:24px;color:#212121}}
.meta{{color:#616161}} ul{{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:16px}}
.key{{display:inline-block;width:18px;height:12px;border:1px solid #757575;margin-right:6px}}
.dashed{{border-style:dashed;background:#fff}}
.line{{display:inline-block;width:24px;height:3px;margin:0 6px 3px 0}}
svg{{max-width:100%;height:auto}}
</style></head><body>
<h1>{esc(scenario.title)}</h1>
<p class="meta">{esc(scenario.id)} · {esc(scenario.language)} · {esc(scenario.category.value)} ·
difficulty {scenario.difficulty} · starts at <code>{esc(scenario.start)}</code></p>
<p>{esc(scenario.setting)}</p>
<ul class="legend">{"".join(legend)}</ul>
{svg}
</body></html>
"""


def write_graph(scenario_path: Path, out: Path, runs: Sequence[RunPath] | None = None) -> None:
    """Draw the scenario into FILE.svg or FILE.html; `runs` default to the plan's paths."""
    if out.suffix.lower() not in SUFFIXES:
        raise HoldlineError(f"{out}: write .svg or .html")
    scenario = load_scenario(scenario_path)
    runs = plan_runs(scenario_path) if runs is None else runs
    svg = render_svg(scenario_dot(scenario, runs))
    text = html_page(scenario, svg, runs) if out.suffix.lower() == ".html" else svg
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise HoldlineError(f"{out}: cannot write: {exc.strerror}") from None
