"""The conversation screen: renders the turn controller and turns keys into its inputs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator import labels
from simulator.i18n import N_, _
from simulator.session.engine import ReplyUnclear
from simulator.session.turns import NothingHeard, Output, StateChanged, TurnController, TurnState
from simulator.ui import keys, theme
from simulator.ui.avatar import draw_avatar
from simulator.ui.controls import PeakHold, draw_hints, draw_level_meter, draw_status
from simulator.ui.debrief import DebriefScene
from simulator.ui.feedback import delivery_summary, draw_feedback_card
from simulator.ui.regions import ALWAYS, Regions
from simulator.ui.scene import BaseScene
from simulator.ui.text import draw_subtitle, draw_text_block
from simulator.ui.text_input import TextInput

if TYPE_CHECKING:
    from simulator.ui.app import App

TWICE_UNCLEAR = N_(
    "Your reply could not be made out twice in a row. It is not scored. "
    "Press T to type it, or try again."
)
NO_SPEECH = N_("No speech heard. Hold SPACE while you talk, or press T to type.")
CONVERSATION_HINTS = [
    (N_("SPACE"), N_("Hold to talk")),
    ("T", N_("Type")),
    ("R", N_("Replay")),
    ("P", N_("Pause")),
    ("Esc", N_("Quit")),
]
HANDS_FREE_HINTS = CONVERSATION_HINTS[1:]
ANIMATED_ICONS = frozenset({"listening", "thinking", "loading"})  # the status icon moves


def hints(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Key caps and labels in the UI language (letters stay Latin: they name the key's place)."""
    return [(_(key) if key == "SPACE" else key, _(label)) for key, label in pairs]


class ConversationScene(BaseScene):
    """Renders the turn controller and turns keys into its inputs."""

    def __init__(self, app: App, controller: TurnController):
        super().__init__(app)
        self.c = controller
        self.language = controller.session.scenario.language
        self.typing: TextInput | None = None
        self.done_at: float | None = None
        self.peak = PeakHold()
        self._script_due = 0
        self.message = ""  # why the trainee is asked again, or what went wrong
        self._last_state = controller.state
        self.handed_over = False  # the debrief closes the controller after showing it
        self.regions = Regions()
        controller.on_output = self.on_output

    def on_output(self, output: Output) -> None:
        if isinstance(output, ReplyUnclear):
            reason = output.reason if output.reason in labels.UNCLEAR else "low_confidence"
            self.message = _(TWICE_UNCLEAR if output.attempt >= 2 else labels.UNCLEAR[reason])
        elif isinstance(output, NothingHeard):
            self.message = _(NO_SPEECH)
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
        if event.type == pygame.KEYDOWN and c.state == "finished":
            if keys.action(event) in (keys.CONFIRM, keys.TALK, keys.QUIT):
                self.handed_over = True
                self.app.switch(DebriefScene(self.app, c))
            return
        if event.type == pygame.KEYDOWN:
            key = keys.action(event)
            if key == keys.QUIT:
                self.quit_requested()
            elif key == keys.PAUSE:
                c.toggle_pause()
            elif c.paused:
                return
            elif key == keys.TALK and not c.hands_free:
                c.listen()
            elif key == keys.TYPE and c.start_typing():
                self.typing = TextInput()
                self.typing.start()
            elif key == keys.REPLAY:
                c.replay()
        elif keys.is_(event, keys.TALK, pygame.KEYUP) and not c.hands_free:
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
            if self.app.config.headless:  # a trainee reads the closing line, then moves on
                self.handed_over = True
                self.app.switch(DebriefScene(self.app, self.c))

    def close(self) -> None:
        if self.typing is not None:
            self.stop_typing()
        if not self.handed_over:
            self.c.close()

    # --- drawing -------------------------------------------------------------------------------
    @property
    def dirty_rects(self) -> list[pygame.Rect] | None:
        return self.regions.dirty

    def draw(self, surface: pygame.Surface) -> None:
        c = self.c
        layout = theme.Layout.from_rect(surface.get_rect())
        small, body = self.font(surface, "small"), self.font(surface)
        big = self.font(surface, "big", True)
        regions = self.regions
        regions.begin(surface)
        state = "paused" if c.paused else c.state
        detail = ""
        if state == "your_turn" and c.hands_free:
            detail = _("Your turn \u2014 just speak")
        if state == "your_turn" and c.listener is None:
            detail = _("Your turn \u2014 press T to type")
        if state == "finished":
            detail = _("Conversation finished \u2014 press Enter for your debrief")
        moving = self.app.t if state in ANIMATED_ICONS else None
        regions.draw(
            surface, "status", layout.status, (state, detail, body, moving),
            lambda: draw_status(surface, layout.status, state, body, detail, t=self.app.t),
        )  # fmt: skip
        speaking = c.state == "client_speaking" and not c.paused
        regions.draw(
            surface, "avatar", layout.avatar, (c.mood, speaking, self.app.t),
            lambda: draw_avatar(surface, layout.avatar, c.mood, speaking, self.app.t),
        )  # fmt: skip
        name = c.session.scenario.persona.name
        regions.draw(
            surface, "subtitle", layout.subtitle, (name, c.subtitle, body),
            lambda: draw_subtitle(surface, layout.subtitle, name, c.subtitle, body),
        )  # fmt: skip
        self.draw_feedback(surface, layout.feedback, small, big)
        self.draw_reply(surface, layout.transcript, body, small)
        level = c.listener.level if c.listener is not None else 0.0
        peak = self.peak.update(level, self.app.t)
        listening = c.state == "listening"
        regions.draw(
            surface, "meter", layout.meter, (level, peak, listening),
            lambda: draw_level_meter(surface, layout.meter, level, listening, peak=peak),
        )  # fmt: skip
        shown = HANDS_FREE_HINTS if c.hands_free else CONVERSATION_HINTS
        if c.listener is None:
            shown = [h for h in shown if h[0] != "SPACE"]
        pairs = hints(shown)
        regions.draw(
            surface, "hints", layout.hints, (tuple(pairs), small),
            lambda: draw_hints(surface, layout.hints, pairs, small),
        )  # fmt: skip

    def draw_feedback(self, surface, rect, small, big) -> None:  # type: ignore[no-untyped-def]
        c = self.c
        if c.feedback and self.app.config.mode == "practice":
            last = c.feedback[-1]
            self.regions.draw(
                surface, "feedback", rect, ("card", id(last), len(c.feedback), small, big),
                lambda: draw_feedback_card(surface, rect, last.reply_text, last.score, small, big),
            )  # fmt: skip
            return
        lines = [_("Turn {n}").format(n=c.turn + 1) if c.state != "finished" else _("Finished")]
        if self.app.config.mode == "exam":
            lines.append(_("Exam mode: your scores appear at the end."))
        lines += c.notes
        text = "\n".join(lines)

        def paint() -> None:
            theme.draw_panel(surface, rect)
            inner = rect.inflate(-rect.w // 10, -rect.h // 10)
            draw_text_block(surface, inner, text, small, theme.INK_MUTED)

        self.regions.draw(surface, "feedback", rect, ("notes", text, small), paint)

    def draw_reply(self, surface, rect, body, small) -> None:  # type: ignore[no-untyped-def]
        c = self.c
        inner = rect.inflate(-rect.w // 14, -rect.h // 6)
        typing = self.typing
        if typing is not None:

            def paint_typing() -> None:
                theme.draw_panel(surface, rect)
                typing.draw(surface, inner, body, self.app.t)

            self.regions.draw(surface, "reply", rect, ALWAYS, paint_typing)
            return
        text = self.message
        if c.state == "listening" and c.listener is not None:
            text = c.listener.partial or "\u2026"
        elif not text and c.feedback:
            last = c.feedback[-1]
            text = _("You said: {reply}").format(reply=last.reply_text)
            delivery = delivery_summary(last.score.delivery)
            if delivery and self.app.config.mode == "practice":
                text += f"\n\n{delivery}"

        def paint() -> None:
            theme.draw_panel(surface, rect)
            draw_text_block(surface, inner, text, body, theme.INK)

        self.regions.draw(surface, "reply", rect, (text, body), paint)
