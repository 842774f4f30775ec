"""The debrief screen: the outcome, scores over the turns, each reply's feedback, key points."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.session.runner import overall_scores
from simulator.session.turns import TurnController
from simulator.ui import charts, theme
from simulator.ui.controls import draw_hints
from simulator.ui.feedback import delivery_summary, draw_feedback_card
from simulator.ui.scene import BaseScene
from simulator.ui.text import draw_text_block

if TYPE_CHECKING:
    from simulator.ui.app import App


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
        draw_text_block(
            surface,
            theme.sub(rect, 0.03, 0.01, 0.94, 0.09),
            head,
            self.font(surface, "title", True),
            theme.INK,
        )
        draw_text_block(
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
            draw_feedback_card(surface, card, f.reply_text, f.score, small, big)
            if delivery:
                line = theme.sub(rect, 0.03, 0.86, 0.55, 0.05)
                draw_text_block(surface, line, delivery, small, theme.INK_MUTED)
        points = theme.sub(rect, 0.6, 0.42, 0.37, 0.48)
        theme.draw_panel(surface, points)
        key_points = "Key points\n" + "\n".join(f"\u2022 {p}" for p in session.scenario.debrief)
        draw_text_block(
            surface, points.inflate(-points.w // 12, -points.h // 12), key_points, small, theme.INK
        )
        turn_label = f"Turn {self.selected + 1} of {len(c.feedback)}" if c.feedback else "No turns"
        draw_hints(
            surface,
            theme.sub(rect, 0.03, 0.92, 0.94, 0.06),
            [("\u2190\u2192", turn_label), ("Esc", "Close")],
            small,
        )
        if not self.shot:
            self.app.screenshot("debrief")
            self.shot = True
