"""How fast `holdline validate` rejects each kind of malformed file, start-up included.

    python benchmarks/validate_bench.py

Each case is a separate `python -m simulator validate FILE` run (as a trainer runs it); the
report is the wall time, the exit code and the first line printed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOOD = (REPO / "scenarios/en/cafe-waiting-outside.yaml").read_bytes()


def cases() -> dict[str, bytes]:
    bomb = [b'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb.append(f"{name}: &{name} [".encode() + b",".join([f"*{prev}".encode()] * 9) + b"]")
    return {
        "syntax error": b"id: x\ntitle: [unclosed\n",
        "tab indentation": b"id: x\nnodes:\n\tstart: {}\n",
        "empty file": b"",
        "a list": b"- a\n- b\n",
        "binary junk": bytes(range(256)) * 8,
        "alias bomb": b"\n".join(bomb) + b"\n",
        "deep nesting": b"a: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "not UTF-8": "title: caf\u00e9\n".encode("latin-1"),
        "!!python tag": b"a: !!python/object/apply:os.system ['touch /tmp/holdline-pwned']\n",
        "huge file (20 MB)": b"a: " + b"x" * 20_000_000 + b"\n",
        "duplicate keys": GOOD.replace(b"\ntitle:", b"\nid: again\ntitle:", 1),
        "wrong types": GOOD.replace(b"difficulty: 3", b"difficulty: [3]", 1),
        "several documents": GOOD + b"---\n" + GOOD,
        "NUL bytes": GOOD[:200] + b"\x00" + GOOD[200:],
        "valid scenario": GOOD,
    }


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="holdline-validate-"))
    print(f"{'case':<20} {'seconds':>8}  exit  first line")
    worst = 0.0
    for name, content in cases().items():
        path = work / "en" / f"{name.split()[0]}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content)
        (work / "rubrics").mkdir(exist_ok=True)
        (work / "rubrics/en.yaml").write_bytes((REPO / "scenarios/rubrics/en.yaml").read_bytes())
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "simulator", "validate", "-q", str(path)],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        seconds = time.perf_counter() - start
        worst = max(worst, seconds)
        first = (result.stdout or result.stderr).splitlines()[:1] or [""]
        shown = first[0][len(str(work)) + 1 :][:70]
        print(f"{name:<20} {seconds:8.3f}  {result.returncode:4d}  {shown}")
        path.unlink()
    pwned = Path("/tmp/holdline-pwned").exists()
    print(f"slowest: {worst:.3f} s; the !!python payload ran: {pwned}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
