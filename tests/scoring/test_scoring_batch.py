"""`score --batch` on several cores writes what one process writes, in order, errors too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scoring import batch

REPLIES = [
    ("en", "Can I have your number?", "I'm sorry, I can't give out my personal number."),
    ("ru", "Дайте номер.", "Я не даю личный номер."),
    ("zh", "着火了！", "请大家立即从正门离开！"),
    ("en", "Stay on the line all night?", "Okay, I'll stay on as long as you like."),
    ("en", "", ""),
]


def _write(path: Path, bad_at: int | None = None) -> None:
    lines = []
    for i in range(23):
        language, client, reply = REPLIES[i % len(REPLIES)]
        lines.append(json.dumps({"id": i, "language": language, "client": client,
                                 "reply": reply}, ensure_ascii=False))
        if i == 9:
            lines.append("")  # a blank line is skipped wherever it falls
    if bad_at is not None:
        lines[bad_at - 1] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str, str]:
    code = main(["score", "--batch", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork")
def test_workers_write_what_one_process_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.jsonl"
    _write(path)
    serial = _run(capsys, path)
    monkeypatch.setattr(batch, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(batch, "CHUNK", 3)
    monkeypatch.setattr(batch, "workers_for", lambda size: 3)
    parallel = _run(capsys, path)
    assert serial[0] == parallel[0] == 0
    assert parallel[1] == serial[1] and len(serial[1].splitlines()) == 23
    _write(path, bad_at=16)
    code, out, err = _run(capsys, path)
    assert code == 1 and f"{path}:16: not valid JSON" in err and "Traceback" not in err
    assert [json.loads(line)["id"] for line in out.splitlines()] == list(range(14))
