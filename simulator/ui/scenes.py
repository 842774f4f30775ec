"""The screens: scenario picker, name, intro, conversation, debrief.

Each scene handles input, updates and draws; the drawing primitives are in widgets, avatar and
charts. Everything is laid out in proportions of the window, so it scales when resized.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from simulator.errors import HoldlineError
from simulator.ui import charts, fonts, theme, widgets
from simulator.ui.avatar import draw_avatar

if TYPE_CHECKING:
    from simulator.scenario.library import Entry
    from simulator.scenario.playable import Playable
    from simulator.session.turns import Output, TurnController
    from simulator.ui.app import App

STAR = "\u2605"
UNCLEAR = {
    "low_confidence": "Sorry, that was not clear. Please say it again, or press T to type.",
    "wrong_language": "That did not sound like the scenario's language ({language}). "
    "Please answer again.",
    "empty_reply": "No reply heard. Please answer again, or press T to type.",
    "no_words": "No words recognised. Please answer again, or press T to type.",
}
NO_SPEECH = "No speech heard. Hold SPACE while you talk, or press T to type."
CONVERSATION_HINTS = [
    ("SPACE", "Hold to talk"),
    ("T", "Type"),
    ("R", "Replay"),
    ("P", "Pause"),
    ("Esc", "Quit"),
]
HANDS_FREE_HINTS = [
    ("T", "Type"),
    ("R", "Replay"),
    ("P", "Pause"),
    ("Esc", "Quit"),
]


def first_scene(app: App) -> object:
    config = app.config
    if config.scenario_path is None:
        from simulator.scenario.library import scan_library

        entries = scan_library(config.library)
        if not entries:
            raise HoldlineError(f"no scenarios found in {config.library}/")
        return PickerScene(app, entries)
    return after_pick(app, config.scenario_path)


def after_pick(app: App, path: Path) -> object:
    from simulator.scenario.playable import open_playable

    playable = open_playable(path)
    if app.config.trainee is None:
        return NameScene(app, playable)
    return IntroScene(app, playable, app.config.trainee)


def delivery_summary(delivery: dict | None) -> str:
    """One line of delivery figures for a spoken reply ("" for a typed one)."""
    if not delivery:
        return ""
    parts = []
    if delivery.get("speaking_rate_wpm"):
        parts.append(f"pace {delivery['speaking_rate_wpm']:.0f} wpm")
    if "long_pauses" in delivery:
        longest = delivery.get("longest_pause_s") or 0
        parts.append(f"long pauses {delivery['long_pauses']} (longest {longest:.1f} s)")
    if "fillers" in delivery:
        parts.append(f"fillers {delivery['fillers']}")
    if delivery.get("hesitation_s") is not None:
        parts.append(f"started after {delivery['hesitation_s']:.1f} s")
    if delivery.get("loudness_cv") is not None:
        parts.append(f"loudness variation {delivery['loudness_cv']:.2f}")
    if delivery.get("firmness_adjustment"):
        parts.append(f"firmness {delivery['firmness_adjustment']:+.0f}")
    return "Delivery: " + " \u00b7 ".join(parts) if parts else ""


class BaseScene:
    language = "en"

    def __init__(self, app: App):
        self.app = app

    def font(self, surface: pygame.Surface, kind: str = "body", bold: bool = False):
        return fonts.font(
            self.language, theme.Layout.from_rect(surface.get_rect()).font_size(kind), bold
        )

    def handle(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def close(self) -> None:
        pass


class PickerScene(BaseScene):
    language = "zh"  # a CJK font also carries Latin and Cyrillic, so every title shows

    def __init__(self, app: App, entries: list[Entry]):
        super().__init__(app)
        self.entries = entries
        self.selected = 0

    def handle(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_DOWN, pygame.K_j):
            self.selected = min(len(self.entries) - 1, self.selected + 1)
        elif event.key in (pygame.K_UP, pygame.K_k):
            self.selected = max(0, self.selected - 1)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.app.switch(after_pick(self.app, self.entries[self.selected].path))
        elif event.key == pygame.K_ESCAPE:
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        title = theme.sub(rect, 0.05, 0.04, 0.9, 0.1)
        widgets.draw_text_block(
            surface, title, "Choose a scenario", self.font(surface, "title", True), theme.INK
        )
        items = [
            f"[{e.language}] {e.title}  \u00b7  {e.category}  \u00b7  {STAR * e.difficulty}"
            for e in self.entries
        ]
        widgets.draw_list(
            surface,
            theme.sub(rect, 0.05, 0.16, 0.9, 0.72),
            items,
            self.selected,
            self.font(surface),
        )
        widgets.draw_hints(
            surface,
            theme.sub(rect, 0.05, 0.9, 0.9, 0.07),
            [("\u2191\u2193", "Choose"), ("Enter", "Start"), ("Esc", "Quit")],
            self.font(surface, "small"),
        )


class NameScene(BaseScene):
    def __init__(self, app: App, playable: Playable):
        super().__init__(app)
        self.playable = playable
        self.scenario = playable.scenario
        self.input = widgets.TextInput(placeholder="Your name")
        self.input.start()

    def close(self) -> None:
        self.input.stop()

    def handle(self, event: pygame.event.Event) -> None:
        name = self.input.handle(event)
        if name is not None and name.strip():
            self.app.switch(IntroScene(self.app, self.playable, name.strip()))
        elif getattr(self.input, "cancelled", False):
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        widgets.draw_text_block(
            surface,
            theme.sub(rect, 0.1, 0.25, 0.8, 0.1),
            "Your name",
            self.font(surface, "title", True),
            theme.INK,
        )
        widgets.draw_text_block(
            surface,
            theme.sub(rect, 0.1, 0.36, 0.8, 0.08),
            "It appears on your session record and report. Press Enter.",
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
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.start()
            elif event.key == pygame.K_ESCAPE:
                self.app.quit()

    def update(self, dt: float) -> None:
        if self.app.config.headless and self.shot:
            self.start()

    def start(self) -> None:
        from simulator.ui.wiring import start_conversation

        def build() -> object:
            turns = start_conversation(self.app, self.playable, self.trainee)
            return ConversationScene(self.app, turns)

        self.app.switch(LoadingScene(self.app, build, self.scenario.language))

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        s = self.scenario
        widgets.draw_text_block(
            surface,
            theme.sub(rect, 0.06, 0.05, 0.88, 0.1),
            s.title,
            self.font(surface, "title", True),
            theme.INK,
        )
        stars = STAR * s.difficulty + "\u2606" * (3 - s.difficulty)
        meta = (
            f"{s.category.value}  \u00b7  difficulty {stars}  \u00b7  {self.app.config.mode} mode"
        )
        widgets.draw_text_block(
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
        text = f"You will talk with {s.persona.name}.\n\n{s.setting}"
        widgets.draw_text_block(surface, inner, text, self.font(surface), theme.INK)
        widgets.draw_hints(
            surface,
            theme.sub(rect, 0.06, 0.8, 0.88, 0.07),
            CONVERSATION_HINTS,
            self.font(surface, "small"),
        )
        widgets.draw_text_block(
            surface,
            theme.sub(rect, 0.06, 0.89, 0.88, 0.06),
            f"{self.trainee}: press Enter to begin.",
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
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit(1 if self.error else 0)

    def update(self, dt: float) -> None:
        if self.error and self.app.config.headless:
            raise HoldlineError(self.error)

    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        state = "loading" if not self.error else "paused"
        detail = "Getting the conversation ready\u2026" if not self.error else self.error
        widgets.draw_status(
            surface,
            theme.sub(rect, 0.1, 0.45, 0.8, 0.1),
            state,
            self.font(surface),
            detail,
            t=self.app.t,
        )


class ConversationScene(BaseScene):
    """Renders the turn controller and turns keys into its inputs."""

    def __init__(self, app: App, controller: TurnController):
        super().__init__(app)
        self.c = controller
        self.language = controller.session.scenario.language
        self.typing: widgets.TextInput | None = None
        self.done_at: float | None = None
        self.peak = widgets.PeakHold()
        self._script_due = 0
        self.message = ""  # why the trainee is asked again, or what went wrong
        self._last_state = controller.state
        self.handed_over = False  # the debrief closes the controller after showing it
        controller.on_output = self.on_output

    def on_output(self, output: Output) -> None:
        from simulator.session.engine import ReplyUnclear
        from simulator.session.turns import NothingHeard, StateChanged, TurnState

        if isinstance(output, ReplyUnclear):
            text = UNCLEAR.get(output.reason, UNCLEAR["low_confidence"])
            self.message = text.format(language=self.language)
        elif isinstance(output, NothingHeard):
            self.message = NO_SPEECH
        if not isinstance(output, StateChanged):
            return
        if output.message:
            self.message = output.message
        elif output.state in (TurnState.LISTENING, TurnState.TYPING, TurnState.THINKING):
            self.message = ""
        after_line = self._last_state == TurnState.CLIENT_SPEAKING
        self._last_state = output.state
        if output.state == TurnState.YOUR_TURN:
            self._script_due = 2  # frames: let "your turn" show before a scripted reply
            if after_line:
                self.app.screenshot(f"turn-{self.c.turn + 1}")
        elif output.state == TurnState.FINISHED and after_line:
            self.app.screenshot("ending")

    # --- input ---------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        c = self.c
        if self.typing is not None:
            text = self.typing.handle(event)
            if text is not None and text.strip():
                self.stop_typing()
                c.typed(text)
            elif getattr(self.typing, "cancelled", False):
                self.stop_typing()
                c.cancel_typing()
            return
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                self.quit_requested()
            elif key == pygame.K_p:
                c.toggle_pause()
            elif c.paused:
                return
            elif key == pygame.K_SPACE and not c.hands_free:
                c.listen()
            elif key == pygame.K_t and c.start_typing():
                self.typing = widgets.TextInput()
                self.typing.start()
            elif key == pygame.K_r:
                c.replay()
        elif event.type == pygame.KEYUP and event.key == pygame.K_SPACE and not c.hands_free:
            c.stop_listening()

    @property
    def activity(self) -> str:
        return self.c.state

    def stop_typing(self) -> None:
        if self.typing is not None:
            self.typing.stop()
        self.typing = None

    def quit_requested(self) -> None:
        self.c.quit()

    def update(self, dt: float) -> None:
        c = self.c
        if c.state == "loading" and c.ready:
            c.begin()
        if c.script is not None and c.state == "your_turn" and not c.paused:
            self._script_due -= 1
            if self._script_due <= 0:
                c.feed_script()
        if c.state == "finished":
            if self.done_at is None:
                self.done_at = self.app.t  # the ending stays on screen for this frame at least
                return
            if self.app.config.headless or self.app.t - self.done_at > 1.5:
                self.handed_over = True
                self.app.switch(DebriefScene(self.app, self.c))

    def close(self) -> None:
        if self.typing is not None:
            self.stop_typing()
        if not self.handed_over:
            self.c.close()

    # --- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        c = self.c
        layout = theme.Layout.from_rect(surface.get_rect())
        small, body = self.font(surface, "small"), self.font(surface)
        big = self.font(surface, "big", True)
        surface.fill(theme.BG)
        state = "paused" if c.paused else c.state
        detail = ""
        if state == "your_turn" and c.hands_free:
            detail = "Your turn \u2014 just speak"
        if state == "your_turn" and c.listener is None:
            detail = "Your turn \u2014 press T to type"
        widgets.draw_status(surface, layout.status, state, body, detail, t=self.app.t)
        speaking = c.state == "client_speaking" and not c.paused
        draw_avatar(surface, layout.avatar, c.mood, speaking, self.app.t)
        name = c.session.scenario.persona.name
        widgets.draw_subtitle(surface, layout.subtitle, name, c.subtitle, body)
        self.draw_feedback(surface, layout.feedback, small, big)
        self.draw_reply(surface, layout.transcript, body, small)
        level = c.listener.level if c.listener is not None else 0.0
        peak = self.peak.update(level, self.app.t)
        widgets.draw_level_meter(surface, layout.meter, level, c.state == "listening", peak=peak)
        hints = HANDS_FREE_HINTS if c.hands_free else CONVERSATION_HINTS
        if c.listener is None:
            hints = [h for h in hints if h[0] != "SPACE"]
        widgets.draw_hints(surface, layout.hints, hints, small)

    def draw_feedback(self, surface, rect, small, big) -> None:  # type: ignore[no-untyped-def]
        c = self.c
        if c.feedback and self.app.config.mode == "practice":
            last = c.feedback[-1]
            widgets.draw_feedback_card(surface, rect, last.reply_text, last.score, small, big)
            return
        theme.draw_panel(surface, rect)
        lines = [f"Turn {c.turn + 1}" if c.state != "finished" else "Finished"]
        if self.app.config.mode == "exam":
            lines.append("Exam mode: your scores appear at the end.")
        lines += c.notes
        widgets.draw_text_block(
            surface,
            rect.inflate(-rect.w // 10, -rect.h // 10),
            "\n".join(lines),
            small,
            theme.INK_MUTED,
        )

    def draw_reply(self, surface, rect, body, small) -> None:  # type: ignore[no-untyped-def]
        c = self.c
        theme.draw_panel(surface, rect)
        inner = rect.inflate(-rect.w // 14, -rect.h // 6)
        if self.typing is not None:
            self.typing.draw(surface, inner, body, self.app.t)
            return
        text = self.message
        if c.state == "listening" and c.listener is not None:
            text = c.listener.partial or "\u2026"
        elif not text and c.feedback:
            last = c.feedback[-1]
            text = f"You said: {last.reply_text}"
            delivery = delivery_summary(last.score.get("delivery"))
            if delivery and self.app.config.mode == "practice":
                text += f"\n\n{delivery}"
        widgets.draw_text_block(surface, inner, text, body, theme.INK)


class DebriefScene(BaseScene):
    def __init__(self, app: App, conversation: TurnController):
        super().__init__(app)
        self.c = conversation
        self.language = conversation.session.scenario.language
        self.selected = max(0, len(conversation.feedback) - 1)
        self.shot = False

    def handle(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_q):
            self.app.quit()
        elif event.key in (pygame.K_LEFT, pygame.K_UP):
            self.selected = max(0, self.selected - 1)
        elif event.key in (pygame.K_RIGHT, pygame.K_DOWN):
            self.selected = min(len(self.c.feedback) - 1, self.selected + 1)

    def update(self, dt: float) -> None:
        if self.shot and self.app.config.headless:
            self.app.quit()

    def quit_requested(self) -> None:
        self.app.quit()

    def close(self) -> None:
        self.c.close()

    def draw(self, surface: pygame.Surface) -> None:
        from simulator.session.runner import overall_scores

        c = self.c
        rect = surface.get_rect()
        surface.fill(theme.BG)
        small, body = self.font(surface, "small"), self.font(surface)
        big = self.font(surface, "big", True)
        session = c.session
        outcome = session.recorder.session.outcome
        reason = c.ending.summary if c.ending else (session.recorder.session.end_reason or "")
        ending = f"Outcome: {outcome} \u2014 {reason}"
        head = session.scenario.title
        widgets.draw_text_block(
            surface,
            theme.sub(rect, 0.03, 0.01, 0.94, 0.09),
            head,
            self.font(surface, "title", True),
            theme.INK,
        )
        widgets.draw_text_block(
            surface, theme.sub(rect, 0.03, 0.09, 0.94, 0.05), ending, body, theme.INK_MUTED
        )
        per_turn = [f.score["scores"] for f in c.feedback]
        charts.draw_overall(
            surface,
            theme.sub(rect, 0.03, 0.15, 0.3, 0.25),
            overall_scores(list(session.turns)),
            small,
        )
        charts.draw_turn_chart(surface, theme.sub(rect, 0.35, 0.15, 0.62, 0.25), per_turn, small)
        if c.feedback:
            f = c.feedback[self.selected]
            delivery = delivery_summary(f.score.get("delivery"))
            card = theme.sub(rect, 0.03, 0.42, 0.55, 0.43 if delivery else 0.48)
            widgets.draw_feedback_card(surface, card, f.reply_text, f.score, small, big)
            if delivery:
                line = theme.sub(rect, 0.03, 0.86, 0.55, 0.05)
                widgets.draw_text_block(surface, line, delivery, small, theme.INK_MUTED)
        points = theme.sub(rect, 0.6, 0.42, 0.37, 0.48)
        theme.draw_panel(surface, points)
        key_points = "Key points\n" + "\n".join(f"\u2022 {p}" for p in session.scenario.debrief)
        widgets.draw_text_block(
            surface, points.inflate(-points.w // 12, -points.h // 12), key_points, small, theme.INK
        )
        turn_label = f"Turn {self.selected + 1} of {len(c.feedback)}" if c.feedback else "No turns"
        widgets.draw_hints(
            surface,
            theme.sub(rect, 0.03, 0.92, 0.94, 0.06),
            [("\u2190\u2192", turn_label), ("Esc", "Close")],
            small,
        )
        if not self.shot:
            self.app.screenshot("debrief")
            self.shot = True
