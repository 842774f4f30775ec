"""The Pygame app: one window, one loop (events, update, draw, flip, tick at 60 FPS).

Only this thread touches pygame's display and events. Speech, scoring and saving run in worker
threads and hand results back through `App.call_soon`, which the loop drains a few at a time,
so a frame never waits on them.
"""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from simulator.errors import HoldlineError
from simulator.scenario.forms import Gender
from simulator.vocabulary import Mode

FPS = 60
MAX_CALLS_PER_FRAME = 20


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


class Scene(Protocol):
    def handle(self, event: Any) -> None: ...  # a pygame event

    def update(self, dt: float) -> None: ...

    def draw(self, surface: Any) -> None: ...  # the window's pygame surface

    def close(self) -> None: ...


class App:
    def __init__(self, config: AppConfig):
        import pygame

        self.config = config
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

    # --- threads hand work back to the loop through here -------------------------------------
    def call_soon(self, fn: Callable[[], None]) -> None:
        self.inbox.put(fn)

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

        started = time.perf_counter()
        for event in pygame.event.get():
            if event.type == pygame.QUIT:  # the window was closed: save, then leave
                self.quit_requested()
                self.quit()
            elif event.type == pygame.VIDEORESIZE and not self.config.headless:
                self.screen = pygame.display.get_surface()
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
        pygame.display.flip()
        self.frame_times.append(time.perf_counter() - started)
        self.frame_states.append(str(getattr(self.scene, "activity", "")))
        dt = self.clock.tick(FPS) / 1000
        self.t += dt

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
