"""Which trainer file is which, and each checked by the package that owns its kind.

Above scenario/ and scoring/ (a rubric is scoring's, a scenario or plan is scenario's), below
check.py, which adds the plan replay and the command. Every problem is one line; nothing a file
contains raises.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from simulator.errors import InputError
from simulator.scenario import playable
from simulator.scenario.validate import PLAN_SUFFIXES, YAML_SUFFIXES, check_plan
from simulator.scoring.rubric import load_rubric
from simulator.yamlfile import LoadedYaml, Problem, ValidationFailed, load_yaml


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"scenario": 0, "plan": 0, "rubric": 0})
    missing: list[str] = field(default_factory=list)
    kinds: dict[Path, str] = field(default_factory=dict)  # each file checked, and its kind

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.missing


def kind_of(path: Path, data: object = None) -> str:
    """Plans are named `*.plan.yaml`; rubrics live in `rubrics/` or have `behaviours`."""
    if path.name.endswith(PLAN_SUFFIXES):
        return "plan"
    if path.parent.name == "rubrics":
        return "rubric"
    if isinstance(data, dict) and "behaviours" in data and "nodes" not in data:
        return "rubric"
    return "scenario"


def collect(paths: Iterable[Path], report: Report) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
            if not found:
                report.missing.append(f"{path}: no YAML files found")
            yield from found
        elif path.exists():
            yield path
        else:
            report.missing.append(f"{path}: no such file or directory")


def check_scenario(loaded: LoadedYaml) -> list[Problem]:
    return playable.check_scenario(loaded)[1]


def check_rubric(loaded: LoadedYaml) -> list[Problem]:
    load_rubric(loaded.path)
    # compiling every pattern is what finds one that could take exponential time
    from simulator.scoring.scorer import load_scorer

    load_scorer(loaded.path, semantic=False, words=False)
    return []


CHECKS = {"scenario": check_scenario, "plan": check_plan, "rubric": check_rubric}


def check_file(
    path: Path, counts: dict[str, int] | None = None, kinds: dict[Path, str] | None = None
) -> list[Problem]:
    """Every problem in one file; never raises for anything the file contains."""
    kind = kind_of(path)
    try:
        loaded = load_yaml(path)
        kind = kind_of(path, loaded.data)
        return sorted(CHECKS[kind](loaded), key=lambda p: (p.line, p.col))
    except ValidationFailed as exc:
        return exc.problems
    except InputError as exc:
        return [Problem(str(path), 1, 1, "file", line) for line in str(exc).splitlines()]
    except RecursionError:
        return [Problem(str(path), 1, 1, "file", "too deeply nested to check")]
    except Exception as exc:  # a bug of ours must still not show a trainer a traceback
        message = f"could not be checked ({type(exc).__name__}: {exc}); please report this"
        return [Problem(str(path), 1, 1, "file", message)]
    finally:
        if counts is not None:
            counts[kind] += 1
        if kinds is not None:
            kinds[path] = kind


def run(paths: Iterable[Path]) -> Report:
    report = Report()
    for path in collect(paths, report):
        if path.name.endswith(".json"):
            continue
        report.problems.extend(check_file(path, report.counts, report.kinds))
    return report
