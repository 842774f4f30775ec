"""The debrief screen: the outcome, scores over the turns, each reply's feedback, the client's
closing line and the key points (scrolling), then the optional decompression."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator import labels
from simulator.i18n import _
from simulator.session.runner import overall_scores
from simulator.session.turns import TurnController
from simulator.ui import charts, keys, theme
from simulator.ui.controls import draw_hints
from simulator.ui.feedback import delivery_summary, draw_feedback_card
from simulator.ui.scene import BaseScene
from simulator.ui.scroll import Scroll
from simulator.ui.text import draw_text_block

if TYPE_CHECKING:
    from simulator.ui.app import App


class DebriefScene(BaseScene):
    def __init__(self, app: App, conversation: TurnController):
        from simulator.session.runner import summary_line

        super().__init__(app)
        self.c = conversation
        self.language = conversation.session.scenario.language
        self.selected = max(0, len(conversation.feedback) - 1)
        self.shot = False
        self.points = Scroll()
        app.summaries.append(summary_line(conversation.session))
        if app.config.after_session is not None:
            app.config.after_session()

    def handle(self, event: pygame.event.Event) -> None:
        if self.points.handle(event):
            return
        action = keys.action(event) if event.type == pygame.KEYDOWN else None
        if action in (keys.QUIT, keys.CONFIRM):
            self.leave()
        elif action in (keys.LEFT, keys.UP):
            self.selected = max(0, self.selected - 1)
        elif action in (keys.RIGHT, keys.DOWN):
            self.selected = min(len(self.c.feedback) - 1, self.selected + 1)

    def leave(self) -> None:
        """The decompression after a hard scenario (optional), then the picker or the end."""
        from simulator.session.wellbeing import offered_for
        from simulator.ui.wellbeing import WellbeingScene

        session = self.c.session
        if offered_for(session.scenario.category.value) and not self.app.config.headless:
            record = session.recorder.session
            self.app.switch(
                WellbeingScene(  # type: ignore[arg-type]
                    self.app,
                    record.trainee,
                    session.recorder.session_id,
                    session.scenario.id,
                    self.after_wellbeing,
                    self.language,
                )
            )
        else:
            self.after_wellbeing()

    def after_wellbeing(self) -> None:
        """Back to the picker when the trainee came from it; otherwise the run is over."""
        if self.app.home is not None and self.app.config.scenario_path is None:
            self.app.switch(self.app.home())
        else:
            self.app.quit()

    def update(self, dt: float) -> None:
        if self.shot and self.app.config.headless:
            self.app.quit()

    def quit_requested(self) -> None:
        self.app.quit()

    def close(self) -> None:
        self.c.close()

    def key_points(self) -> str:
        """The client's closing line (it stays part of the story), then the scenario's points."""
        scenario = self.c.session.scenario
        text = _("Key points") + "\n" + "\n".join(f"\u2022 {p}" for p in scenario.debrief)
        if self.c.subtitle:
            text = f"{scenario.persona.name}: \u201c{self.c.subtitle}\u201d\n\n{text}"
        return text

    def draw(self, surface: pygame.Surface) -> None:
        c = self.c
        rect = surface.get_rect()
        surface.fill(theme.BG)
        small = self.font(surface, "small")
        big = self.font(surface, "big", True)
        session = c.session
        outcome = session.recorder.session.outcome
        reason = c.ending.summary if c.ending else (session.recorder.session.end_reason or "")
        if c.feedback:
            ending = _("Outcome: {outcome} \u2014 {reason}").format(
                outcome=labels.name(labels.OUTCOMES, str(outcome or "")), reason=reason
            )
        else:  # a quit before the first reply is not a scored session: no rings of zeros
            ending = _("Nothing was scored: the session ended before your first reply.")
        self.draw_fitted(surface, theme.sub(rect, 0.03, 0.01, 0.94, 0.08), session.scenario.title)
        self.draw_fitted(
            surface, theme.sub(rect, 0.03, 0.09, 0.94, 0.06), ending, "body", theme.INK_MUTED
        )
        if c.feedback:
            per_turn = [f.score.scores for f in c.feedback]
            charts.draw_overall(
                surface,
                theme.sub(rect, 0.03, 0.15, 0.3, 0.25),
                overall_scores(list(session.turns)),
                small,
            )
            charts.draw_turn_chart(
                surface, theme.sub(rect, 0.35, 0.15, 0.62, 0.25), per_turn, small
            )
            f = c.feedback[self.selected]
            delivery = delivery_summary(f.score.delivery)
            card = theme.sub(rect, 0.03, 0.42, 0.55, 0.43 if delivery else 0.48)
            draw_feedback_card(surface, card, f.reply_text, f.score, small, big)
            if delivery:
                line = theme.sub(rect, 0.03, 0.86, 0.55, 0.05)
                draw_text_block(surface, line, delivery, small, theme.INK_MUTED)
        points = theme.sub(rect, 0.6, 0.42, 0.37, 0.48)
        theme.draw_panel(surface, points)
        inner = points.inflate(-points.w // 12, -points.h // 12)
        self.points.draw(surface, inner, self.key_points(), small, theme.INK)
        turn_label = (
            _("Turn {n} of {total}").format(n=self.selected + 1, total=len(c.feedback))
            if c.feedback
            else _("No turns")
        )
        draw_hints(
            surface,
            theme.sub(rect, 0.03, 0.92, 0.94, 0.06),
            [("\u2190\u2192", turn_label), ("PgUp PgDn", _("Scroll")), ("Esc", _("Close"))],
            small,
        )
        if not self.shot:
            self.app.screenshot("debrief")
            self.shot = True
