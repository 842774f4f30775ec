"""Helpers shared by the speech tests (imported by name: tests/speech is on sys.path)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KO_TEXT = "안녕하세요 저는 고객 서비스 담당자입니다 도와드릴까요"


def run_cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60.0, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=cwd or REPO,
    )
