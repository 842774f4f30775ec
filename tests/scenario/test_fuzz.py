"""Randomly damaged scenario files never crash the validator: every finding is a proper line."""

from __future__ import annotations

import random
import re
from pathlib import Path

from simulator.check import check_file
from tests.conftest import SCENARIOS

SOURCE = (SCENARIOS / "en" / "cafe-waiting-outside.yaml").read_bytes()
LINE = re.compile(r"^.+:\d+:\d+: (warning: )?\S.*: .+$")
JUNK = [b"\t", b":", b"- ", b"&a ", b"*a", b"!!python/object ", b"\x00", b"\xff", b"{", b"]",
        b"'", b'"', b"---\n", b"<<: *a\n", b"\n  ", b"\xe2\x80", b"#", b"|", b">", b"? "]  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        pos = rng.randrange(len(out))
        action = rng.random()
        if action < 0.4:
            out[pos:pos] = rng.choice(JUNK)
        elif action < 0.7:
            del out[pos : pos + rng.randint(1, 40)]
        else:
            lines = bytes(out).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines)), lines[i])  # a duplicated line
            out = bytearray(b"\n".join(lines))
    return bytes(out)


def test_damaged_files_give_findings_not_crashes(tmp_path: Path) -> None:
    rng = random.Random(20261124)
    rubric_dir = tmp_path / "rubrics"
    rubric_dir.mkdir()
    (rubric_dir / "en.yaml").write_bytes((SCENARIOS / "rubrics" / "en.yaml").read_bytes())
    folder = tmp_path / "en"
    folder.mkdir()
    found_errors = 0
    for i in range(250):
        path = folder / f"case{i}.yaml"
        path.write_bytes(mutate(SOURCE, rng))
        problems = check_file(path)
        for problem in problems:
            assert LINE.match(str(problem)), str(problem)
            assert "could not be checked" not in str(problem), str(problem)
        found_errors += any(p.severity == "error" for p in problems)
    assert found_errors > 150, "most damage is noticed"
