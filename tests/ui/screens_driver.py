"""Screenshots of every scene of the real window in one UI language, for a person to look at.

Run on an X display (xvfb-run): picker, name, intro, conversation, feedback card, ending,
debrief and each wellbeing step, played with the scenario's plan (its first run, typed).

    xvfb-run -s "-screen 0 1280x720x24" .venv/bin/python -m tests.ui.screens_driver ru OUT_DIR

A third argument plays another scenario (say, an English one with the Chinese UI).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pygame
import yaml

from simulator.ui.app import App, AppConfig
from simulator.ui.conversation_scene import ConversationScene
from simulator.ui.debrief import DebriefScene
from simulator.ui.scenes import IntroScene, NameScene, after_pick, first_scene
from simulator.ui.wellbeing import WellbeingScene

# a hostile scenario in each language: the wellbeing step is offered after it
HOSTILE = {
    "en": "scenarios/en/shop-laptop-return.yaml",
    "ru": "scenarios/ru/clinic-registry-shouting.yaml",
    "zh": "scenarios/zh/broadband-hotline-angry.yaml",
}
NAMES = {"en": "Ada Lee", "ru": "Анна Ли", "zh": "李安"}


def press(scancode: int, key: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, scancode=scancode, mod=0,
                                         unicode=""))  # fmt: skip
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, scancode=scancode, mod=0))


def enter() -> None:
    press(pygame.KSCAN_RETURN, pygame.K_RETURN)


def type_in(text: str) -> None:
    for piece in [text[i : i + 8] for i in range(0, len(text), 8)]:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=piece))


class Shooter:
    def __init__(self, app: App, out: Path, lang: str):
        self.app, self.out, self.lang = app, out, lang
        self.n = 0

    def until(self, done: Callable[[], bool], seconds: float = 60.0) -> None:
        deadline = time.monotonic() + seconds
        while not done():
            if time.monotonic() > deadline:
                raise SystemExit(f"gave up waiting in {type(self.app.scene).__name__}")
            self.app.step()

    def settle(self, seconds: float = 0.6) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.step()

    def shot(self, name: str) -> None:
        self.settle()
        self.n += 1
        path = self.out / f"{self.lang}-{self.n:02d}-{name}.png"
        pygame.image.save(pygame.display.get_surface(), str(path))
        print(path, flush=True)


def main() -> None:
    lang, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="holdline-screens-"))
    os.environ["HOLDLINE_CONFIG"] = str(work / "settings.json")
    scenario = Path(sys.argv[3] if len(sys.argv) > 3 else HOSTILE[lang])
    plan = yaml.safe_load(scenario.with_suffix("").with_suffix(".plan.yaml").read_text("utf-8"))
    replies = [r["say"] if isinstance(r, dict) else r for r in plan["runs"][0]["replies"]]
    config = AppConfig(scenario_path=None, library=Path("scenarios"), trainee=None,
                       sessions=work / "sessions", typed=True, no_audio=True, size=(1280, 720),
                       ui_lang=lang)  # fmt: skip
    app = App(config)
    app.home = lambda: first_scene(app)
    app.switch(first_scene(app))
    s = Shooter(app, out, lang)
    s.shot("picker")
    app.switch(after_pick(app, scenario))
    s.until(lambda: isinstance(app.scene, NameScene | IntroScene))
    if isinstance(app.scene, NameScene):
        s.shot("name")
        type_in(NAMES[lang])
        enter()
        s.until(lambda: isinstance(app.scene, IntroScene))
    s.shot("intro")
    enter()
    s.until(lambda: isinstance(app.scene, ConversationScene))
    scene = app.scene
    assert isinstance(scene, ConversationScene)
    turn = 0
    while True:
        s.until(lambda: scene.c.state in ("your_turn", "finished"), 120)
        if scene.c.state == "finished" or not replies:
            break
        turn += 1
        s.shot("conversation" if turn == 1 else f"feedback-{turn - 1}")
        press(pygame.KSCAN_T)
        s.settle(0.2)
        type_in(replies.pop(0))
        s.shot(f"typing-{turn}") if turn == 1 else s.settle(0.1)
        enter()
        s.until(lambda: scene.c.state not in ("your_turn", "typing"), 30)
    s.shot("ending")
    enter()
    s.until(lambda: isinstance(app.scene, DebriefScene))
    s.shot("debrief")
    enter()
    s.until(lambda: isinstance(app.scene, WellbeingScene))
    well = app.scene
    assert isinstance(well, WellbeingScene)
    s.shot("wellbeing-offer")
    enter()
    s.settle(2.0)
    s.shot("wellbeing-breathing")
    enter()
    s.until(lambda: well.step == "feeling")
    s.shot("wellbeing-feeling")
    enter()
    s.shot("wellbeing-stress")
    press(pygame.KSCAN_2)
    s.until(lambda: well.step == "trend")
    s.shot("wellbeing-trend")
    enter()
    s.settle(0.5)
    s.shot("back-to-picker")
    if app.scene is not None:
        app.scene.close()
    pygame.quit()


if __name__ == "__main__":
    main()
