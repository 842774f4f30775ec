"""One way to open a scenario to play: the picker lists exactly what play and validate accept."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from simulator.check import check_file
from simulator.scenario.library import scan_library
from simulator.scenario.playable import open_playable
from simulator.yamlfile import ValidationFailed
from tests.conftest import SCENARIOS
from tests.scenario.conftest import VALID

RUBRIC = (SCENARIOS / "rubrics" / "en.yaml").resolve()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text.replace("rubric: rubric.yaml", f"rubric: {RUBRIC}"), encoding="utf-8")
    return path


def test_a_graph_error_is_refused_everywhere_with_its_line(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", VALID)
    broken = write(tmp_path, "broken.yaml", VALID.replace("goto: thanks", "goto: thank"))
    assert [e.path for e in scan_library(tmp_path)] == [good], "the picker hides what play refuses"
    with pytest.raises(ValidationFailed) as failed:
        open_playable(broken)
    (line,) = str(failed.value).splitlines()
    assert (
        line.startswith(f"{broken}:20:15: nodes.opening.branches[1].goto:")
        and "no such node" in line
    )
    errors = [str(p) for p in check_file(broken) if p.severity == "error"]
    assert errors == [line], "validate says the same"


def test_the_playable_names_its_rubric_and_the_exact_bytes_read(tmp_path: Path) -> None:
    path = write(tmp_path, "good.yaml", VALID)
    playable = open_playable(path)
    assert playable.rubric == RUBRIC and playable.scenario.id == "test-counter"
    assert playable.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
