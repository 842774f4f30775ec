"""Runs the real window on an X display (Xvfb in tests/ui/test_layout_keys.py) and prints, as
JSON lines, every key event SDL delivers and every change of what the window is doing."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pygame

from simulator.ui.app import App, AppConfig
from simulator.ui.scenes import ConversationScene, first_scene


def main() -> None:
    scenario, sessions = Path(sys.argv[1]), Path(sys.argv[2])
    config = AppConfig(scenario_path=scenario, trainee="Аня", sessions=sessions, typed=True,
                       size=(800, 450))  # fmt: skip
    app = App(config)
    app.switch(first_scene(app))
    last: dict = {}
    deadline = time.monotonic() + 90
    real_get = pygame.event.get

    def get(*args: object, **kwargs: object) -> list:  # type: ignore[type-arg]
        events = real_get(*args, **kwargs)  # type: ignore[arg-type]
        for e in events:
            if e.type == pygame.KEYDOWN:
                print(json.dumps({"key": e.key, "scancode": e.scancode}), flush=True)
        return events

    pygame.event.get = get  # type: ignore[assignment]
    real_wait = pygame.event.wait

    def wait(timeout: int = 0) -> pygame.event.Event:
        e = real_wait(timeout)
        if e.type == pygame.KEYDOWN:
            print(json.dumps({"key": e.key, "scancode": e.scancode}), flush=True)
        return e

    pygame.event.wait = wait  # type: ignore[assignment]
    while app.running and time.monotonic() < deadline:
        app.step()
        scene = app.scene
        now = {"scene": type(scene).__name__}
        if isinstance(scene, ConversationScene):
            c = scene.c
            now |= {"state": str(c.state), "paused": c.paused,
                    "speaking": bool(c.voice is not None and c.voice.speaking())}  # fmt: skip
        if now != last:
            print(json.dumps(now), flush=True)
            last = now
    if app.scene is not None:
        app.scene.close()
    pygame.quit()


if __name__ == "__main__":
    main()
