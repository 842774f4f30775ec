"""Runs the app in its own process with SDL's disk audio driver and reports what happened.

The test sets SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILEIN (the "microphone": raw 16 kHz mono s16)
and SDL_DISKAUDIOFILE (where playback goes) before SDL starts, which is why this is a separate
process. It holds SPACE (push-to-talk) over the speech in the input file, presses R to replay
the client's line, and prints a JSON summary.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pygame

from simulator.ui.app import App, AppConfig
from simulator.ui.scenes import ConversationScene, first_scene


def main() -> None:
    scenario, model, sessions, speech_start, speech_end = sys.argv[1:6]
    config = AppConfig(
        scenario_path=Path(scenario), trainee="Mic Tester", sessions=Path(sessions),
        headless=True, pace="realtime", model=model,
    )  # fmt: skip
    app = App(config)
    app.switch(first_scene(app))
    while not isinstance(app.scene, ConversationScene):
        app.step()
    mic_opened = time.monotonic()  # the disk driver reads the input file in real time from here
    c = app.scene.c
    assert c.listener is not None, c.notes

    def until(done, seconds: float) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while not done():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out in state {c.state}: {c.notes} {c.message}")
            app.step()

    until(lambda: c.state == "your_turn", 60)
    played = Path(os.environ["SDL_DISKAUDIOFILE"]).stat().st_size
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0))
    until(lambda: c.voice is not None and c.voice.speaking(), 5)
    until(lambda: not c.voice.speaking(), 30)
    replayed = Path(os.environ["SDL_DISKAUDIOFILE"]).stat().st_size
    hold_from = mic_opened + float(speech_start) - 0.3
    until(lambda: time.monotonic() >= hold_from, 30)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0))
    until(lambda: c.state == "listening", 5)
    partials = set()
    release_at = mic_opened + float(speech_end) + 0.6
    while time.monotonic() < release_at:
        app.step()
        partials.add(c.listener.partial)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_SPACE, mod=0))
    until(lambda: c.turn == 1, 30)
    frame_ms = sorted(t * 1000 for t in app.frame_times)
    print(json.dumps({
        "session": str(c.session.path),
        "played_bytes": played,
        "replayed_bytes": replayed,
        "partials": sorted(p for p in partials if p),
        "frame_p95_ms": frame_ms[int(len(frame_ms) * 0.95)],
    }))  # fmt: skip
    app.scene.close()


if __name__ == "__main__":
    main()
