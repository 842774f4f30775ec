"""Where `report` and `review` may write: never over an input session, never over a file that
holdline did not write (checked before anything is written, so a refusal changes nothing)."""

from __future__ import annotations

from pathlib import Path

from simulator.errors import HoldlineError
from simulator.review.html import GENERATOR

HTML_MARK = f'<meta name="generator" content="{GENERATOR}">'.encode()
CSV_HEAD = "\ufeffsession,started_at,trainee,".encode()


def resolved(paths: list[Path]) -> set[Path]:
    """Input paths resolved once, for `check_output` (one review checks a page per session)."""
    out = set()
    for path in paths:
        try:
            out.add(path.resolve())
        except OSError:
            continue
    return out


def wrote_it(path: Path, mark: bytes) -> bool:
    """True when ``path`` starts like a file holdline writes (a page or the CSV)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.startswith(mark) if mark == CSV_HEAD else mark in head


def check_output(path: Path, inputs: set[Path], what: str) -> None:
    """Raise unless ``path`` is new, or a page/CSV of ours that is not one of the ``resolved``
    inputs."""
    try:
        target = path.resolve()
    except OSError:
        target = path
    if target in inputs:
        raise HoldlineError(f"{path}: is an input session file; choose another name for the {what}")
    if path.is_dir():
        raise HoldlineError(f"{path}: is a folder; give the {what}'s file name")
    if path.exists() and not wrote_it(path, CSV_HEAD if what == "CSV" else HTML_MARK):
        raise HoldlineError(
            f"{path}: exists and was not written by holdline; remove it or choose another name"
        )
