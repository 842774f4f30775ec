from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import SCENARIOS

BEHAVIOURS = [
    "acknowledge_feelings", "state_limit", "offer_help", "refer_channel", "state_consequence",
    "stay_on_task", "give_instruction", "involve_colleague", "share_personal_info",
    "agree_outside_contact", "vague_deferral", "dismiss_feelings", "judge_or_blame", "sarcasm",
    "cave_in", "over_apologise", "aggression", "overstep_role",
]  # fmt: skip

# A small valid scenario; tests edit it and assert the exact line of each finding.
VALID = """\
id: test-counter
title: The customer at the counter
language: en
category: over-sharing
difficulty: 1
persona:
  name: Ann
  voice: {espeak: en-gb, rate: 160, pitch: 50, volume: 0.8}
  mood: sad
setting: You work at a counter.
rubric: rubric.yaml
start: opening
nodes:
  opening:
    client: My husband left me.
    expects: [acknowledge_feelings]
    branches:
      - when: {any: [dismiss_feelings]}
        goto: hurt
      - goto: thanks
  hurt:
    client: Well, that was unkind.
    mood: irritated
    end: {outcome: bad, summary: She felt dismissed.}
  thanks:
    client: Thank you.
    end: {outcome: good, summary: She felt heard.}
debrief:
  - Acknowledge, then return to the task.
"""

PLAN = """\
runs:
  - name: good trainee
    replies: [I'm sorry to hear that.]
    path: [opening, thanks]
    outcome: good
  - name: poor trainee
    replies: [Calm down.]
    path: [opening, hurt]
    outcome: bad
"""


def write_rubric(folder: Path, language: str = "en") -> Path:
    """The bundled rubric of the language (and its word weights), so plans replay for real."""
    source = SCENARIOS / "rubrics" / f"{language}.yaml"
    path = folder / "rubric.yaml"
    text = source.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    weights = source.with_name(f"{language}.word-weights.json")
    if weights.is_file():
        shutil.copyfile(weights, folder / weights.name)
    assert all(f"\n  {b}:" in text for b in BEHAVIOURS)
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    write_rubric(tmp_path)
    return tmp_path


@pytest.fixture
def write(workdir: Path):
    """Write a file into the work folder; text is dedented."""

    def _write(name: str, text: str | bytes) -> Path:
        path = workdir / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write
