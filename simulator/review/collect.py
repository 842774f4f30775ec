"""Find and load session files under a folder; a file that cannot be used is skipped with a
one-line reason instead of failing the whole run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.errors import InputError
from simulator.session.record import Session, journal_path, parse_session, read_journal

MAX_SESSION_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Loaded:
    path: Path
    session: Session


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def find_session_files(root: Path) -> list[Path]:
    """``*.json`` under ``root``, recursively, skipping hidden files and folders (temp files)."""
    found = []
    for path in root.rglob("*.json"):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        found.append(path)
    return sorted(found)


def load_one(path: Path) -> Loaded | Skipped:
    try:
        size = path.stat().st_size
        if size > MAX_SESSION_BYTES:
            return Skipped(path, f"too large for a session file ({size} bytes)")
        raw = path.read_bytes()
    except OSError as exc:
        return Skipped(path, f"cannot read ({exc.strerror or exc})")
    if not raw.strip():
        return Skipped(path, "empty file")
    try:
        journal = read_journal(path)
        return Loaded(path, parse_session(raw, str(path), journal, str(journal_path(path))))
    except InputError as exc:
        return Skipped(path, str(exc).removeprefix(f"{path}: "))


def load_all(root: Path) -> tuple[list[Loaded], list[Skipped]]:
    loaded: list[Loaded] = []
    skipped: list[Skipped] = []
    for path in find_session_files(root):
        result = load_one(path)
        (loaded if isinstance(result, Loaded) else skipped).append(result)  # type: ignore[arg-type]
    return loaded, skipped
