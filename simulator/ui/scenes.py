"""The screens before the conversation: scenario picker, name, intro, loading.

Each scene handles input, updates and draws; the drawing primitives are in text, controls,
feedback, avatar and charts. Everything is laid out in proportions of the window, so it scales
when resized.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from simulator import i18n, labels
from simulator.errors import HoldlineError
from simulator.i18n import _
from simulator.scenario.library import Entry, scan_library
from simulator.scenario.playable import Playable, open_playable
from simulator.ui import keys, theme
from simulator.ui.avatar import draw_avatar
from simulator.ui.controls import draw_hints, draw_list, draw_status
from simulator.ui.conversation_scene import CONVERSATION_HINTS, ConversationScene, hints
from simulator.ui.scene import BaseScene
from simulator.ui.text import draw_text_block
from simulator.ui.text_input import TextInput
from simulator.ui.wiring import start_conversation

if TYPE_CHECKING:
    from simulator.ui.app import App

STAR = "\u2605"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "zh": "中文"}


def first_scene(app: App) -> BaseScene:
    config = app.config
    if config.scenario_path is None:
        entries = scan_library(config.library)
        if not entries:
            raise HoldlineError(f"no scenarios found in {config.library}/")
        return PickerScene(app, entries)
    return after_pick(app, config.scenario_path)


def after_pick(app: App, path: Path) -> BaseScene:
    playable = open_playable(path, app.config.trainee_gender)
    app.use_language(playable.scenario.language)
    if app.config.trainee is None:
        return NameScene(app, playable)
    return IntroScene(app, playable, app.config.trainee)


class PickerScene(BaseScene):
    language = "zh"  # a CJK font also carries Latin and Cyrillic, so every title shows

    def __init__(self, app: App, entries: list[Entry]):
        super().__init__(app)
        self.library = list(entries)
        self.fits: dict[tuple[int, ...], pygame.font.Font] = {}
        self.entries = entries
        self.selected = 0
        self.order()
        self.selected = 0

    def order(self) -> None:
        """The UI language's scenarios first, the library's order otherwise; the selected
        scenario stays selected."""
        current = self.entries[self.selected] if self.entries else None
        self.entries = sorted(self.library, key=lambda e: e.language != i18n.active())
        self.selected = self.entries.index(current) if current is not None else 0

    def handle(self, event: pygame.event.Event) -> None:
        action = keys.action(event) if event.type == pygame.KEYDOWN else None
        if action == keys.DOWN:
            self.selected = min(len(self.entries) - 1, self.selected + 1)
        elif action == keys.UP:
            self.selected = max(0, self.selected - 1)
        elif action == keys.PAGE_DOWN:
            self.selected = min(len(self.entries) - 1, self.selected + 8)
        elif action == keys.PAGE_UP:
            self.selected = max(0, self.selected - 8)
        elif action in (keys.CONFIRM, keys.TALK):
            self.app.switch(after_pick(self.app, self.entries[self.selected].path))
        elif action == keys.LANGUAGE:
            self.app.next_language()
            self.order()
        elif action == keys.QUIT:
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        title = theme.sub(rect, 0.05, 0.04, 0.9, 0.1)
        draw_text_block(
            surface, title, _("Choose a scenario"), self.font(surface, "title", True), theme.INK
        )
        items = [f"[{e.language}] {e.title}" for e in self.entries]
        box = theme.sub(rect, 0.05, 0.16, 0.9, 0.6)
        # rows in the largest size that shows every title whole (long Russian titles)
        sizes = [self.font(surface, k) for k in ("body", "small")]
        room = box.w - 4 * sizes[0].get_linesize()
        key = (room, *map(id, sizes))
        if key not in self.fits:  # measured once per window and text size, not every frame
            fits = (f for f in sizes if all(f.size(t)[0] <= room for t in items))
            self.fits[key] = next(fits, sizes[-1])
        font = self.fits[key]
        draw_list(surface, box, items, self.selected, font)
        if self.entries:  # the chosen one in full, with what kind of conversation it is
            e = self.entries[self.selected]
            meta = _("{category}  \u00b7  difficulty {stars}").format(
                category=labels.name(labels.CATEGORIES, e.category),
                stars=STAR * e.difficulty + "\u2606" * (3 - e.difficulty),
            )
            detail = theme.sub(rect, 0.05, 0.775, 0.9, 0.11)
            self.draw_fitted(surface, detail, f"{e.title}\n{meta}", "body", theme.INK_MUTED)
        draw_hints(
            surface,
            theme.sub(rect, 0.05, 0.9, 0.9, 0.07),
            [
                ("\u2191\u2193", _("Choose")),
                ("Enter", _("Start")),
                ("L", _("Language: {name}").format(name=LANGUAGE_NAMES[i18n.active()])),
                ("+ \u2212", _("Text size")),
                ("Esc", _("Quit")),
            ],
            self.font(surface, "small"),
        )


class NameScene(BaseScene):
    def __init__(self, app: App, playable: Playable):
        super().__init__(app)
        self.playable = playable
        self.scenario = playable.scenario
        self.input = TextInput(placeholder=_("Your name"))
        self.input.start(app.settings.trainee or "")

    def close(self) -> None:
        self.input.stop()

    def handle(self, event: pygame.event.Event) -> None:
        name = self.input.handle(event)
        if name is not None and name.strip():
            self.app.remember_trainee(name.strip())
            self.app.switch(IntroScene(self.app, self.playable, name.strip()))
        elif getattr(self.input, "cancelled", False):
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        draw_text_block(
            surface,
            theme.sub(rect, 0.1, 0.25, 0.8, 0.1),
            _("Your name"),
            self.font(surface, "title", True),
            theme.INK,
        )
        draw_text_block(
            surface,
            theme.sub(rect, 0.1, 0.36, 0.8, 0.08),
            _("It appears on your session record and report. Press Enter."),
            self.font(surface),
            theme.INK_MUTED,
        )
        self.input.draw(
            surface, theme.sub(rect, 0.1, 0.46, 0.8, 0.1), self.font(surface, "big"), self.app.t
        )


class IntroScene(BaseScene):
    def __init__(self, app: App, playable: Playable, trainee: str):
        super().__init__(app)
        self.playable = playable
        self.scenario = playable.scenario
        self.trainee = trainee
        self.language = self.scenario.language
        self.shot = False

    def handle(self, event: pygame.event.Event) -> None:
        action = keys.action(event) if event.type == pygame.KEYDOWN else None
        if action in (keys.CONFIRM, keys.TALK):
            self.start()
        elif action == keys.QUIT:
            self.app.quit()

    def update(self, dt: float) -> None:
        if self.app.config.headless and self.shot:
            self.start()

    def start(self) -> None:
        def build() -> object:
            turns = start_conversation(self.app, self.playable, self.trainee)
            return ConversationScene(self.app, turns)

        self.app.switch(LoadingScene(self.app, build, self.scenario.language))

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        s = self.scenario
        self.draw_fitted(surface, theme.sub(rect, 0.06, 0.03, 0.88, 0.12), s.title, "title")
        stars = STAR * s.difficulty + "\u2606" * (3 - s.difficulty)
        meta = _("{category}  \u00b7  difficulty {stars}  \u00b7  {mode}").format(
            category=labels.name(labels.CATEGORIES, s.category.value),
            stars=stars,
            mode=labels.name(labels.MODES, self.app.config.mode),
        )
        draw_text_block(
            surface,
            theme.sub(rect, 0.06, 0.15, 0.88, 0.06),
            meta,
            self.font(surface, "small"),
            theme.INK_MUTED,
        )
        draw_avatar(
            surface, theme.sub(rect, 0.06, 0.24, 0.28, 0.5), s.persona.mood.value, False, self.app.t
        )
        panel = theme.sub(rect, 0.38, 0.24, 0.56, 0.5)
        theme.draw_panel(surface, panel)
        inner = panel.inflate(-panel.w // 12, -panel.h // 10)
        text = _("You will talk with {name}.").format(name=s.persona.name) + f"\n\n{s.setting}"
        draw_text_block(surface, inner, text, self.font(surface), theme.INK)
        draw_hints(
            surface,
            theme.sub(rect, 0.06, 0.8, 0.88, 0.07),
            hints(CONVERSATION_HINTS),
            self.font(surface, "small"),
        )
        draw_text_block(
            surface,
            theme.sub(rect, 0.06, 0.89, 0.88, 0.06),
            _("{name}: press Enter to begin.").format(name=self.trainee),
            self.font(surface, "body", True),
            theme.ACCENT,
        )
        if not self.shot:
            self.app.screenshot("intro")
            self.shot = True


class LoadingScene(BaseScene):
    """Builds the next scene on a worker thread (session file, scorer, voice, microphone), so
    the window keeps drawing; switches to it, or shows the error, when done."""

    def __init__(self, app: App, build: Callable[[], object], language: str = "en"):
        super().__init__(app)
        self.language = language
        self.error = ""
        threading.Thread(
            target=self._build, args=(build,), name="holdline-setup", daemon=True
        ).start()

    def _build(self, build: Callable[[], object]) -> None:
        try:
            scene = build()
        except Exception as exc:  # shown on screen: the loop must not wait forever
            message = str(exc) if isinstance(exc, HoldlineError) else f"could not start: {exc!r}"
            self.app.call_soon(lambda: setattr(self, "error", message))
            return
        self.app.call_soon(lambda: self.app.switch(scene))  # type: ignore[arg-type]

    activity = "loading"

    def handle(self, event: pygame.event.Event) -> None:
        if keys.is_(event, keys.QUIT):
            self.app.quit(1 if self.error else 0)

    def update(self, dt: float) -> None:
        if self.error and self.app.config.headless:
            raise HoldlineError(self.error)

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        state = "loading" if not self.error else "paused"
        detail = _("Getting the conversation ready\u2026") if not self.error else self.error
        draw_status(
            surface,
            theme.sub(rect, 0.1, 0.45, 0.8, 0.1),
            state,
            self.font(surface),
            detail,
            t=self.app.t,
        )
