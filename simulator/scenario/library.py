"""The scenario library on disk: what the picker lists and `play ID` finds (only files that
would play: the same check as `play`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.errors import InputError
from simulator.scenario.playable import open_playable
from simulator.scenario.validate import PLAN_SUFFIXES, YAML_SUFFIXES


@dataclass(frozen=True)
class Entry:
    path: Path
    id: str
    title: str
    language: str
    category: str
    difficulty: int


def scan_library(folder: Path) -> list[Entry]:
    """Every loadable scenario under `folder`, sorted by language, category and difficulty."""
    entries = []
    if not folder.is_dir():
        return []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in YAML_SUFFIXES or path.name.endswith(PLAN_SUFFIXES):
            continue
        if path.parent.name == "rubrics":
            continue
        try:
            s = open_playable(path).scenario
        except InputError:
            continue
        entries.append(Entry(path, s.id, s.title, s.language, s.category.value, s.difficulty))
    return sorted(entries, key=lambda e: (e.language != "en", e.language, e.category, e.difficulty))
