"""T, R, P and SPACE under a Russian keyboard layout, in a real window on Xvfb, pressed with
xdotool: SDL reports Cyrillic key codes ("е" for T) and the window goes by the scancode."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pygame
import pytest

from tests.conftest import REPO, SCENARIOS

TOOLS = ("Xvfb", "xdotool", "setxkbmap")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in TOOLS),
        reason="needs Xvfb, xdotool, setxkbmap (tools/bootstrap installs them)",
    ),
]


@pytest.fixture
def display(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A private Xvfb (it keeps its keymap: -noreset) with the Russian layout active."""
    for n in range(140, 180):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    name = f":{n}"
    server = subprocess.Popen(
        ["Xvfb", name, "-screen", "0", "1024x600x24", "-nolisten", "tcp", "-noreset"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    env = {**os.environ, "DISPLAY": name}
    try:
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                break
            time.sleep(0.05)
        subprocess.run(["setxkbmap", "-layout", "ru"], env=env, check=True, timeout=20)
        yield env
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_t_r_p_and_space_work_under_a_russian_layout(display: dict, tmp_path: Path) -> None:
    env = {**display, "SDL_VIDEODRIVER": "x11", "SDL_AUDIODRIVER": "disk",
           "SDL_DISKAUDIOFILE": str(tmp_path / "speaker.raw"),
           "HOLDLINE_TTS_CACHE": str(tmp_path / "tts"), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}  # fmt: skip
    scenario = SCENARIOS / "en" / "pharmacy-exhausted-parent.yaml"
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("layout_driver.py")), str(scenario),
         str(tmp_path / "sessions")],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: queue.Queue[dict] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(json.loads(line)) for line in child.stdout],  # type: ignore[union-attr]
        daemon=True,
    ).start()
    seen: list[dict] = []

    def until(check, what: str, seconds: float = 30) -> dict:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                item = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            seen.append(item)
            if check(item):
                return item
        child.kill()
        raise AssertionError(f"no {what}; saw {seen[-8:]}; stderr: {child.stderr.read()}")  # type: ignore[union-attr]

    def press(keysym: str) -> None:
        subprocess.run(["xdotool", "key", keysym], env=display, check=True, timeout=10)

    try:
        until(lambda e: e.get("scene") == "IntroScene", "intro")
        time.sleep(0.5)  # the window is mapped and has the keyboard
        press("space")
        space = until(lambda e: "key" in e, "SPACE key event")
        assert space["scancode"] == pygame.KSCAN_SPACE
        until(lambda e: e.get("state") == "your_turn", "the first turn", 60)

        press("Cyrillic_ie")  # the key marked T types "е" on a Russian layout
        t = until(lambda e: "key" in e, "T key event")
        assert t["key"] == ord("е") and t["key"] != pygame.K_t, "the layout really is Russian"
        assert t["scancode"] == pygame.KSCAN_T
        until(lambda e: e.get("state") == "typing", "typing after T")
        press("Escape")
        until(lambda e: e.get("state") == "your_turn", "your turn after Esc")

        press("Cyrillic_ze")  # P
        p = until(lambda e: "key" in e, "P key event")
        assert p["key"] == ord("з") and p["scancode"] == pygame.KSCAN_P
        until(lambda e: e.get("paused") is True, "paused after P")
        press("Cyrillic_ze")
        until(lambda e: e.get("paused") is False, "resumed after P")

        if seen[-1].get("speaking"):  # the client's line still sounding (disk audio is slow)
            until(lambda e: e.get("speaking") is False, "the line to end", 60)
        press("Cyrillic_ka")  # R
        r = until(lambda e: "key" in e, "R key event")
        assert r["key"] == ord("к") and r["scancode"] == pygame.KSCAN_R
        until(lambda e: e.get("speaking") is True, "the line replayed after R", 30)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=10)
