"""Built matchers kept on disk between runs, beside the compiled regexes (regex_cache.py).

Building the matchers of the three bundled rubrics (every pattern parsed, normalised and
indexed) takes about a third of a second, which every `holdline score --batch` run paid before
scoring its first line; reading back what a build worked out takes a fraction of that. An
entry is found by a digest of everything the build depends on: the language, the phrases and
slots in their order, the code that builds and uses a matcher, the stemmer's files and the
Python version. Anything changed means a new digest, so a stale entry is never used; anything
unreadable is ignored and the matcher is built as usual.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from re import Pattern

from simulator.scoring.matcher import Matcher
from simulator.scoring.text import Normaliser

FORMAT = 1
_CODE = ("matcher.py", "patterns.py", "pattern_cost.py", "text.py", "matcher_cache.py")


def matcher(norm: Normaliser, phrases: Mapping[str, Sequence[str]],
            slots: Mapping[str, Sequence[str]], compile: Callable[[str], Pattern[str]],
            regexes: Path | None, kind: str) -> Matcher:
    """Matcher(norm, phrases, slots, compile), read back when it was built before: kept
    beside the rubric's compiled regexes (the file `regexes`, None when those are not kept),
    as RUBRIC-KIND-DIGEST.matcher."""
    if regexes is None:
        return Matcher(norm, phrases, slots, compile)
    rubric = regexes.name.rsplit("-", 1)[0]  # (less the regexes' own digest)
    path = regexes.with_name(f"{rubric}-{kind}-{_digest(norm.language, phrases, slots)}.matcher")
    try:
        state = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 (missing, truncated, from other code: build it)
        state = None
    if isinstance(state, dict):
        return Matcher.rebuilt(state, norm, compile)
    built = Matcher(norm, phrases, slots, compile)
    _save(path, pickle.dumps(built.built_state(), protocol=pickle.HIGHEST_PROTOCOL))
    return built


def _digest(language: str, phrases: Mapping[str, Sequence[str]],
            slots: Mapping[str, Sequence[str]]) -> str:
    h = hashlib.sha256(f"{FORMAT}|{sys.version}|{language}".encode())
    h.update(json.dumps([list(phrases.items()), list(slots.items())],
                        ensure_ascii=False).encode())
    here = Path(__file__).parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    import snowballstemmer  # (its stems are in the patterns)

    for f in sorted(Path(snowballstemmer.__file__).parent.glob("*.py")):
        st = f.stat()
        h.update(f"{f.name}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:32]


def _save(path: Path, body: bytes) -> None:
    """Write atomically and drop the same stem's older entries (errors ignored: a cache)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        os.replace(tmp, path)
        for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.matcher"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
