"""The Pygame app: one window, one loop (events, update, draw, flip, tick at 60 FPS).

Only this thread touches pygame's display and events. Speech, scoring and saving run in worker
threads and hand results back through `App.call_soon`, which the loop drains a few at a time,
so a frame never waits on them.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from simulator import i18n
from simulator.errors import HoldlineError
from simulator.scenario.forms import Gender
from simulator.settings import Settings
from simulator.vocabulary import Mode

FPS = 60
MAX_CALLS_PER_FRAME = 20
# Screens that move on their own draw at FPS; the rest wait for input (or a worker's result,
# which call_soon announces) and redraw once a second, four times while the caret blinks.
ANIMATING = frozenset({"client_speaking", "listening", "thinking", "loading", "breathing"})
IDLE_WAIT_MS = {"typing": 250}
IDLE_WAIT_DEFAULT_MS = 1000


@dataclass
class AppConfig:
    scenario_path: Path | None = None
    library: Path = Path("scenarios")
    trainee: str | None = None
    mode: Mode = "practice"
    sessions: Path = Path("sessions")
    screenshots: Path | None = None
    pace: str = "fast"
    replies: list[str] | None = None
    headless: bool = False
    typed: bool = False
    hands_free: bool = False
    no_audio: bool = False
    mic: str | None = None
    model: str | None = None
    size: tuple[int, int] = (1280, 720)
    trainee_gender: Gender | None = None  # forms of address (scenario/forms.py)
    ui_lang: str | None = None
    after_session: Callable[[], None] | None = None  # e.g. sync to the team server


class Scene(Protocol):
    def handle(self, event: Any) -> None: ...  # a pygame event

    def update(self, dt: float) -> None: ...

    def draw(self, surface: Any) -> None: ...  # the window's pygame surface

    def close(self) -> None: ...


class App:
    def __init__(self, config: AppConfig, settings: Settings | None = None):
        import pygame

        self.config = config
        self.settings = settings or Settings.load()
        self.use_language(None)
        if config.headless:
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            if config.pace == "fast" and "SDL_AUDIODRIVER" not in os.environ:
                os.environ["SDL_AUDIODRIVER"] = "dummy"
        pygame.display.init()
        pygame.font.init()
        flags = pygame.RESIZABLE
        try:
            self.screen = pygame.display.set_mode(config.size, flags)
        except pygame.error as exc:
            raise HoldlineError(f"cannot open a window ({exc}): use --text instead") from None
        pygame.display.set_caption("Holdline")
        pygame.key.set_repeat(400, 40)
        self.clock = pygame.time.Clock()
        self.inbox: queue.Queue[Callable[[], None]] = queue.Queue()
        self.running = True
        self.exit_code = 0
        self.t = 0.0
        self.frame_times: list[float] = []  # seconds of work per frame (not the tick's sleep)
        self.frame_states: list[str] = []  # what the screen was doing in each of those frames
        self.scene: Scene | None = None
        self.screenshot_count = 0
        self._shots: list[str] = []
        self.home: Callable[[], Scene] | None = None  # the picker, when the run started there
        self.summaries: list[str] = []  # printed when the window closes, one per session
        self._woken = threading.Event()  # set by call_soon: ends an idle wait
        self._whole_frame = True  # the window was exposed or resized: send all of it
        self._presented: Scene | None = None  # the scene whose frame the window shows

    # --- language, name and text size the trainee chose ---------------------------------------
    def use_language(self, scenario_language: str | None) -> str:
        """--ui-lang, else the saved choice, else the scenario's language, else the system's."""
        return i18n.use(i18n.choose(self.config.ui_lang, self.settings.ui_lang, scenario_language))

    def next_language(self) -> str:
        """The next UI language (L in the picker), remembered for this workstation."""
        langs = i18n.LANGUAGES
        chosen = langs[(langs.index(i18n.active()) + 1) % len(langs)]
        self.settings.ui_lang = chosen
        self.config.ui_lang = None
        self.settings.save()
        return i18n.use(chosen)

    def remember_trainee(self, name: str) -> None:
        if name != self.settings.trainee:
            self.settings.trainee = name
            self.settings.save()

    def resize_text(self, step: int) -> None:
        self.settings.bigger_text(step)
        self.settings.save()

    # --- threads hand work back to the loop through here -------------------------------------
    def call_soon(self, fn: Callable[[], None]) -> None:
        self.inbox.put(fn)
        self._woken.set()

    def switch(self, scene: Scene) -> None:
        if self.scene is not None:
            self.scene.close()
        self.scene = scene

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    def screenshot(self, name: str) -> None:
        """Save the window as it looks at the end of this frame (after drawing)."""
        if self.config.screenshots is not None:
            self._shots.append(name)

    def _save_screenshots(self) -> None:
        import pygame

        assert self.config.screenshots is not None
        self.config.screenshots.mkdir(parents=True, exist_ok=True)
        for name in self._shots:
            self.screenshot_count += 1
            path = self.config.screenshots / f"{self.screenshot_count:02d}-{name}.png"
            pygame.image.save(self.screen, str(path))
        self._shots.clear()

    # --- the loop ------------------------------------------------------------------------------
    def step(self) -> None:
        """One frame: input, results from workers, update, draw."""
        import pygame

        events = self._wait_for_events()
        started = time.perf_counter()
        for event in events:
            if event.type == pygame.QUIT:  # the window was closed: save, then leave
                self.quit_requested()
                self.quit()
            elif event.type == pygame.VIDEORESIZE and not self.config.headless:
                self.screen = pygame.display.get_surface()
                self._whole_frame = True
            elif event.type in (pygame.VIDEOEXPOSE, pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN):
                self._whole_frame = True
            elif self._text_size_key(event):
                continue
            elif self.scene is not None:
                self.scene.handle(event)
        for _ in range(MAX_CALLS_PER_FRAME):
            try:
                fn = self.inbox.get_nowait()
            except queue.Empty:
                break
            fn()
        if self.scene is not None:
            self.scene.update(1 / FPS)
            self.scene.draw(self.screen)
        if self._shots:
            self._save_screenshots()
        self._present()
        self.frame_times.append(time.perf_counter() - started)
        self.frame_states.append(str(getattr(self.scene, "activity", "")))
        dt = self.clock.tick(FPS) / 1000
        self.t += dt

    def _present(self) -> None:
        """Show the frame: only the rects the scene redrew, when it says which."""
        import pygame

        rects = getattr(self.scene, "dirty_rects", None)
        if rects is None or self._whole_frame or self.scene is not self._presented:
            pygame.display.flip()
            self._whole_frame = False
            self._presented = self.scene
        elif rects:
            pygame.display.update(rects)

    def idle(self) -> bool:
        """Nothing on screen moves by itself (and no worker result is waiting)."""
        activity = str(getattr(self.scene, "activity", ""))
        return activity not in ANIMATING and self.inbox.empty() and not self.config.headless

    def _wait_for_events(self) -> list:  # type: ignore[type-arg]
        """This frame's events; when idle, first wait for one, a worker's result or the timeout.

        pygame.event.wait polls the event queue every millisecond (about 3 % of a core on its
        own), so the idle wait looks at the queue once a frame and otherwise sleeps on `_woken`,
        which call_soon sets: input is seen within a frame, a worker's result at once."""
        import pygame

        if not self.idle():
            return pygame.event.get()
        activity = str(getattr(self.scene, "activity", ""))
        deadline = time.monotonic() + IDLE_WAIT_MS.get(activity, IDLE_WAIT_DEFAULT_MS) / 1000
        while True:
            events = pygame.event.get()
            remaining = deadline - time.monotonic()
            if events or not self.inbox.empty() or remaining <= 0:
                return events
            self._woken.wait(min(1 / FPS, remaining))
            self._woken.clear()

    def _text_size_key(self, event: object) -> bool:
        """+ and - change the text size on every screen except while typing."""
        from simulator.ui import keys

        if str(getattr(self.scene, "activity", "")) == "typing":
            return False
        action = keys.action(event)  # type: ignore[arg-type]
        if getattr(event, "type", None) != keys.pygame.KEYDOWN:
            return False
        if action in (keys.BIGGER, keys.SMALLER):
            self.resize_text(1 if action == keys.BIGGER else -1)
            return True
        return False

    def quit_requested(self) -> None:
        handler = getattr(self.scene, "quit_requested", None)
        if handler is not None:
            handler()
        else:
            self.quit()

    def run(self) -> int:
        try:
            while self.running:
                self.step()
        except KeyboardInterrupt:
            self.quit_requested()
        finally:
            if self.scene is not None:
                self.scene.close()
            import pygame

            pygame.quit()
        return self.exit_code
