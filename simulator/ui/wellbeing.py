"""After a hard scenario: an optional, unscored decompression (seeds 001 and 003).

Offer -> breathing guide (4 s in, 2 s hold, 6 s out, three times) -> name the feeling ->
stress 1-5 -> the trainee's own trend. S skips at any point; Enter moves on. Saved only to the
trainee's private wellbeing log, never to the session file or a report.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from simulator.i18n import N_, _, ngettext
from simulator.session import wellbeing
from simulator.ui import fonts, keys, theme
from simulator.ui.controls import draw_button, draw_hints, draw_list
from simulator.ui.text import draw_text_block, render

if TYPE_CHECKING:
    from simulator.ui.app import App

FEELINGS = {
    "anger": N_("Anger"),
    "anxiety": N_("Anxiety"),
    "sadness": N_("Sadness"),
    "tension": N_("Tension"),
    "shock": N_("Shock"),
    "tiredness": N_("Tiredness"),
    "numbness": N_("Numbness"),
    "calm": N_("Calm"),
    "relief": N_("Relief"),
}
PHASES = {"in": N_("Breathe in"), "hold": N_("Hold"), "out": N_("Breathe out")}
STRESS = {
    1: N_("1 \u2014 calm"),
    2: N_("2 \u2014 a little tense"),
    3: N_("3 \u2014 tense"),
    4: N_("4 \u2014 very tense"),
    5: N_("5 \u2014 overwhelmed"),
}
DIGITS = {getattr(pygame, f"KSCAN_{n}"): n for n in range(1, 6)}


class WellbeingScene:
    def __init__(
        self,
        app: App,
        trainee: str,
        session_id: str,
        scenario: str,
        then: Callable[[], None],
        language: str = "en",
    ):
        self.app = app
        self.language = language
        self.trainee, self.session_id, self.scenario = trainee, session_id, scenario
        self.then = then
        self.step = "offer"
        self.started = 0.0
        self.feeling = 0
        self.stress = 3
        self.log = wellbeing.WellbeingLog(app.config.sessions)
        self.history: list[wellbeing.CheckIn] = []
        self.saved = True

    def font(self, surface: pygame.Surface, kind: str = "body", bold: bool = False):  # type: ignore[no-untyped-def]
        size = theme.Layout.from_rect(surface.get_rect()).font_size(kind)
        return fonts.font(
            fonts.for_screen(self.language), round(size * self.app.settings.text_size), bold
        )

    def close(self) -> None:
        pass

    @property
    def activity(self) -> str:
        return "breathing" if self.step == "breathing" else self.step

    def handle(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        action = keys.action(event)
        if action in (keys.SKIP, keys.QUIT):
            self.then()
        elif self.step == "feeling" and action in (keys.UP, keys.LEFT):
            self.feeling = (self.feeling - 1) % len(FEELINGS)
        elif self.step == "feeling" and action in (keys.DOWN, keys.RIGHT):
            self.feeling = (self.feeling + 1) % len(FEELINGS)
        elif self.step == "stress" and getattr(event, "scancode", None) in DIGITS:
            self.stress = DIGITS[event.scancode]
            self.next()
        elif self.step == "stress" and action in (keys.UP, keys.RIGHT):
            self.stress = min(5, self.stress + 1)
        elif self.step == "stress" and action in (keys.DOWN, keys.LEFT):
            self.stress = max(1, self.stress - 1)
        elif action in (keys.CONFIRM, keys.TALK):
            self.next()

    def next(self) -> None:
        order = ("offer", "breathing", "feeling", "stress", "trend")
        if self.step == "trend":
            self.then()
            return
        if self.step == "stress":
            feeling = list(FEELINGS)[self.feeling]
            done = self.log.add(self.trainee, self.session_id, self.scenario, self.stress, feeling)
            self.saved = done is not None
            self.history = self.log.history(self.trainee)
        self.step = order[order.index(self.step) + 1]
        self.started = self.app.t

    def update(self, dt: float) -> None:
        total = sum(d for _n, d in wellbeing.BREATH) * wellbeing.CYCLES
        if self.step == "breathing" and self.app.t - self.started >= total:
            self.next()

    # --- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        rect = surface.get_rect()
        surface.fill(theme.BG)
        title, body = self.font(surface, "title", True), self.font(surface)
        small = self.font(surface, "small")
        head = theme.sub(rect, 0.08, 0.06, 0.84, 0.1)
        draw_text_block(surface, head, _("A moment for you"), title, theme.INK)
        area = theme.sub(rect, 0.08, 0.18, 0.84, 0.68)
        getattr(self, f"_draw_{self.step}")(surface, area, body, small)
        hint = {
            "offer": [("Enter", _("Start")), ("S", _("Skip"))],
            "breathing": [("Enter", _("Next")), ("S", _("Skip"))],
            "feeling": [("\u2191\u2193", _("Choose")), ("Enter", _("Next")), ("S", _("Skip"))],
            "stress": [("1\u20135", _("Choose")), ("Enter", _("Next")), ("S", _("Skip"))],
            "trend": [("Enter", _("Done"))],
        }[self.step]
        draw_hints(surface, theme.sub(rect, 0.08, 0.9, 0.84, 0.07), hint, small)

    def _draw_offer(self, surface, area, body, small) -> None:  # type: ignore[no-untyped-def]
        text = _(
            "That was a hard conversation. Take two minutes to let it settle: breathe, name "
            "what you feel, and check in with yourself. Nothing here is scored, and it is "
            "saved for you only."
        )
        draw_text_block(surface, area, text, body, theme.INK)

    def _draw_breathing(self, surface, area, body, small) -> None:  # type: ignore[no-untyped-def]
        t = self.app.t - self.started
        phase, frac, left = wellbeing.breath_phase(t)
        ease = (1 - math.cos(math.pi * frac)) / 2
        size = {"in": 0.35 + 0.65 * ease, "hold": 1.0, "out": 1.0 - 0.65 * ease}[phase]
        cx, cy = area.centerx, area.y + round(area.h * 0.45)
        r_max = round(min(area.w, area.h) * 0.36)
        pygame.draw.circle(surface, theme.ACCENT_SOFT, (cx, cy), r_max)
        pygame.draw.circle(surface, theme.ACCENT, (cx, cy), max(4, round(r_max * size)))
        pygame.draw.circle(surface, theme.ACCENT, (cx, cy), r_max, max(1, r_max // 40))
        label = f"{_(PHASES[phase])}  {math.ceil(left)}"
        img = render(label, body, theme.INK_ON_DARK if size > 0.5 else theme.INK)
        surface.blit(img, (cx - img.get_width() // 2, cy - img.get_height() // 2))
        cycle = min(wellbeing.CYCLES, int(t // sum(d for _n, d in wellbeing.BREATH)) + 1)
        note = _("Breath {n} of {total}: 4 s in, 2 s hold, 6 s out").format(
            n=cycle, total=wellbeing.CYCLES
        )
        line = pygame.Rect(
            area.x, area.bottom - small.get_linesize() * 2, area.w, small.get_linesize() * 2
        )
        draw_text_block(surface, line, note, small, theme.INK_MUTED, align="center")

    def _draw_feeling(self, surface, area, body, small) -> None:  # type: ignore[no-untyped-def]
        q = pygame.Rect(area.x, area.y, area.w, body.get_linesize() * 2)
        draw_text_block(
            surface, q, _("What are you feeling now? Naming it helps it settle."), body, theme.INK
        )
        items = [_(v) for v in FEELINGS.values()]
        box = pygame.Rect(area.x, q.bottom, area.w // 2, area.bottom - q.bottom)
        draw_list(surface, box, items, self.feeling, body)

    def _draw_stress(self, surface, area, body, small) -> None:  # type: ignore[no-untyped-def]
        q = pygame.Rect(area.x, area.y, area.w, body.get_linesize() * 2)
        draw_text_block(surface, q, _("How stressed do you feel right now?"), body, theme.INK)
        row_h = round(body.get_linesize() * 1.6)
        for i, (n, label) in enumerate(STRESS.items()):
            r = pygame.Rect(area.x, q.bottom + i * (row_h + 4), area.w // 2, row_h)
            draw_button(surface, r, _(label), body, focused=n == self.stress)

    def _draw_trend(self, surface, area, body, small) -> None:  # type: ignore[no-untyped-def]
        stresses = [c.stress for c in self.history] or [self.stress]
        n = len(stresses)
        head = ngettext(
            "Your stress after hard scenarios ({n} check-in):",
            "Your stress after hard scenarios ({n} check-ins):",
            n,
        ).format(n=n)
        lines = [head, " \u2192 ".join(str(s) for s in stresses)]
        direction = wellbeing.trend(stresses)
        if direction < 0:
            lines.append(_("Lower than last time."))
        elif direction > 0:
            lines.append(_("Higher than last time."))
        if stresses[-1] >= 4:
            lines.append(
                _(
                    "If this stays with you, talk to someone you trust: a colleague, your "
                    "supervisor, or a support line."
                )
            )
        if not self.saved:
            lines.append(_("Could not save this check-in."))
        else:
            lines.append(_("Saved for you only: it is not part of your session or any report."))
        text_rect = pygame.Rect(area.x, area.y, area.w, round(area.h * 0.55))
        used = draw_text_block(surface, text_rect, "\n".join(lines), body, theme.INK)
        # the bars sit under the words they chart, not at the foot of the screen
        top = text_rect.y + used + body.get_linesize()
        chart = pygame.Rect(
            area.x, top, min(area.w, 60 * n), max(0, min(area.bottom - top, round(area.h * 0.3)))
        )
        w = chart.w / max(1, n)
        for i, s in enumerate(stresses):
            h = round(chart.h * s / 5)
            x, bar_w = round(chart.x + i * w + w * 0.15), max(2, round(w * 0.7))
            # the track is the scale's 5: a bar reads as "2 of 5" even with one check-in
            track = pygame.Rect(x, chart.y, bar_w, chart.h)
            pygame.draw.rect(surface, theme.METER_TRACK, track, border_radius=3)
            colour = theme.ACCENT if i == n - 1 else theme.INK_FAINT
            pygame.draw.rect(surface, colour, (x, chart.bottom - h, bar_w, h), border_radius=3)
