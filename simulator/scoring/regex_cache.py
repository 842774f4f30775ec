"""Compiled phrase-pattern regular expressions kept on disk between runs.

Compiling a rubric's pattern regexes is pure Python (re's parser and code generator) and costs
about half a second for the English rubric, which a short `holdline score --batch` pays on
every run. This keeps, per rubric file, the code each regex compiled to, keyed by the regex's
own text: a pattern changed in any way has new text and is compiled afresh, so a stale entry
can never be used. The file also carries the Python version and the regex engine's magic
number (the code is only valid for the engine that made it) and a checksum; anything that does
not fit is ignored and the regexes are compiled as usual.

Location: $HOLDLINE_RUBRIC_CACHE, else $XDG_CACHE_HOME/holdline/rubrics, else
~/.cache/holdline/rubrics; HOLDLINE_RUBRIC_CACHE=0 switches it off.
"""

from __future__ import annotations

import _sre
import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

_ENGINE = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{_sre.MAXREPEAT}"
# (flags, code, groups, groupindex, indexgroup): what _sre.compile takes besides the text
_Entry = tuple[int, list[int], int, dict[str, int], tuple[Any, ...]]


def cache_dir() -> Path | None:
    setting = os.environ.get("HOLDLINE_RUBRIC_CACHE")
    if setting == "0":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "holdline" / "rubrics"


class RegexCache:
    """Regexes for one rubric: compile() answers from the file when it can."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, _Entry] = {}
        self._added = False
        if path is not None:
            self._entries = _read(path)

    @classmethod
    def for_rubric(cls, rubric: Path) -> RegexCache:
        folder = cache_dir()
        if folder is None:
            return cls(None)
        try:
            digest = hashlib.sha256(rubric.read_bytes()).hexdigest()[:32]
        except OSError:
            return cls(None)
        where = hashlib.sha256(str(rubric.resolve()).encode()).hexdigest()[:8]
        return cls(folder / f"{rubric.stem}-{where}-{digest}.regex")

    def compile(self, source: str) -> re.Pattern[str]:
        entry = self._entries.get(source)
        if entry is not None:
            return _sre.compile(source, *entry)  # type: ignore[no-any-return]
        if self.path is None:
            return re.compile(source)
        parsed = _parser.parse(source, 0)
        state = parsed.state
        indexgroup: list[Any] = [None] * state.groups
        for name, i in state.groupdict.items():
            indexgroup[i] = name
        entry = (int(state.flags), [int(c) for c in _compiler._code(parsed, 0)],
                 state.groups - 1, dict(state.groupdict), tuple(indexgroup))
        self._entries[source] = entry
        self._added = True
        return _sre.compile(source, *entry)  # type: ignore[no-any-return]

    def save(self) -> None:
        """Write the file if this run compiled anything new (atomically; errors ignored: the
        cache only saves time)."""
        if self.path is None or not self._added:
            return
        body = marshal.dumps(self._entries)
        head = f"{_ENGINE}\n{hashlib.sha256(body).hexdigest()}\n".encode()
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(head + body)
            os.replace(tmp, self.path)
            self._added = False
            # the same rubric file's earlier versions are of no more use
            prefix = self.path.name.rsplit("-", 1)[0] + "-"
            for old in folder.glob(prefix + "*.regex"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


def _read(path: Path) -> dict[str, _Entry]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    engine, _, rest = data.partition(b"\n")
    digest, _, body = rest.partition(b"\n")
    if engine.decode(errors="replace") != _ENGINE or (
            hashlib.sha256(body).hexdigest().encode() != digest):
        return {}
    try:
        entries = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}
