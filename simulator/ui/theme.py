"""Colours, proportional layout and small drawing helpers shared by the drawing modules.

Light theme: dark ink on warm off-white, WCAG-AA contrast for all text. Earned vs cost uses the
Okabe-Ito blue / vermillion pair (colour-blind safe) *and* a different underline (solid vs wavy),
so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from simulator.i18n import N_

Colour = tuple[int, int, int]

BG: Colour = (244, 242, 237)
PANEL: Colour = (255, 255, 255)
PANEL_ALT: Colour = (236, 233, 226)
BORDER: Colour = (200, 196, 188)
SHADOW: Colour = (218, 214, 206)
INK: Colour = (28, 32, 40)
INK_MUTED: Colour = (88, 94, 106)
INK_FAINT: Colour = (150, 154, 162)  # lines and shapes only: too light for text
INK_HINT: Colour = (105, 110, 118)  # placeholder text: 4.6:1 on BG, 5.1:1 on PANEL
INK_ON_DARK: Colour = (250, 250, 250)
ACCENT: Colour = (0, 94, 150)  # focus, selection
ACCENT_SOFT: Colour = (214, 232, 245)

EARNED: Colour = (0, 101, 160)  # Okabe-Ito blue, darkened for text contrast
EARNED_BG: Colour = (212, 232, 247)
COST: Colour = (168, 62, 0)  # Okabe-Ito vermillion, darkened: 4.97:1 on COST_BG (AA text)
COST_BG: Colour = (253, 224, 200)
WARNING: Colour = (150, 100, 0)
WARNING_BG: Colour = (255, 238, 190)

SUBTITLE_BG: Colour = (24, 28, 36)
SUBTITLE_ALPHA = 215
SPEAKER: Colour = (255, 200, 110)

# Score dimensions: Okabe-Ito blue, orange, bluish green (distinct under all common CVD types).
DIMENSION_COLOURS: dict[str, Colour] = {
    "empathy": (0, 114, 178),
    "firmness": (230, 159, 0),
    "boundary_clarity": (0, 158, 115),
}

METER_LOW: Colour = (0, 158, 115)
METER_MID: Colour = (230, 159, 0)
METER_HIGH: Colour = (213, 94, 0)
METER_OFF: Colour = (196, 196, 196)
METER_TRACK: Colour = (226, 223, 216)

# state -> (colour, label)
STATUS: dict[str, tuple[Colour, str]] = {
    "client_speaking": ((150, 80, 150), N_("Client is speaking")),
    "your_turn": ((0, 130, 95), N_("Your turn \u2014 hold SPACE to talk")),
    "listening": ((200, 60, 30), N_("Listening\u2026")),
    "thinking": ((180, 120, 0), N_("Thinking\u2026")),
    "typing": ((0, 101, 160), N_("Typing \u2014 Enter to send, Esc to cancel")),
    "paused": ((100, 104, 112), N_("Paused \u2014 press P to resume")),
    "loading": ((70, 90, 130), N_("Loading\u2026")),
    "finished": ((0, 94, 150), N_("Conversation finished")),
}


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """Linear blend from a (t=0) to b (t=1)."""
    t = max(0.0, min(1.0, t))
    return (
        int(a[0] + (b[0] - a[0]) * t),
        int(a[1] + (b[1] - a[1]) * t),
        int(a[2] + (b[2] - a[2]) * t),
    )


def radius(rect: pygame.Rect, frac: float = 0.12, cap: int = 14) -> int:
    """Corner radius proportional to a rect's short side."""
    return max(2, min(cap, int(min(rect.w, rect.h) * frac)))


def draw_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fill: Colour = PANEL,
    border: Colour | None = BORDER,
    shadow: bool = True,
    r: int | None = None,
) -> None:
    """A rounded card: optional drop shadow, fill and 1 px border, all inside `rect`."""
    rect = pygame.Rect(rect)
    rr = radius(rect) if r is None else r
    if shadow:
        off = max(1, min(rect.w, rect.h) // 90 + 1)
        card = pygame.Rect(rect.x, rect.y, rect.w - off, rect.h - off)
        pygame.draw.rect(surface, SHADOW, card.move(off, off), border_radius=rr)
        rect = card
    pygame.draw.rect(surface, fill, rect, border_radius=rr)
    if border is not None:
        pygame.draw.rect(surface, border, rect, 1, border_radius=rr)


def sub(rect: pygame.Rect, x: float, y: float, w: float, h: float) -> pygame.Rect:
    """A region of `rect` given in fractions of its width and height."""
    return pygame.Rect(
        rect.x + round(rect.w * x),
        rect.y + round(rect.h * y),
        max(1, round(rect.w * w)),
        max(1, round(rect.h * h)),
    )


@dataclass(frozen=True)
class Layout:
    """Regions of the conversation screen, all proportional to the window rect."""

    rect: pygame.Rect
    status: pygame.Rect
    avatar: pygame.Rect
    subtitle: pygame.Rect
    feedback: pygame.Rect
    transcript: pygame.Rect
    meter: pygame.Rect
    hints: pygame.Rect
    margin: int

    @classmethod
    def from_rect(cls, rect: pygame.Rect | tuple[int, int, int, int]) -> Layout:
        r = pygame.Rect(rect)
        m = max(4, round(min(r.w, r.h) * 0.02))
        bar_h = max(18, round(r.h * 0.075))
        status = pygame.Rect(r.x + m, r.y + m, r.w - 2 * m, bar_h)
        bottom = pygame.Rect(r.x + m, r.bottom - m - bar_h, r.w - 2 * m, bar_h)
        body = pygame.Rect(
            r.x + m, status.bottom + m, r.w - 2 * m, bottom.y - status.bottom - 2 * m
        )
        if r.w >= r.h:  # landscape: client on the left, feedback and your reply on the right
            left_w = round(body.w * 0.46)
            left = pygame.Rect(body.x, body.y, left_w, body.h)
            right = pygame.Rect(left.right + m, body.y, body.w - left_w - m, body.h)
            avatar = pygame.Rect(left.x, left.y, left.w, round(left.h * 0.64))
            subtitle = pygame.Rect(
                left.x, avatar.bottom + m // 2, left.w, left.bottom - avatar.bottom - m // 2
            )
            feedback = pygame.Rect(right.x, right.y, right.w, round(right.h * 0.64))
            transcript = pygame.Rect(
                right.x, feedback.bottom + m // 2, right.w, right.bottom - feedback.bottom - m // 2
            )
        else:  # portrait: stack
            avatar = sub(body, 0, 0, 1, 0.27)
            subtitle = pygame.Rect(body.x, avatar.bottom + m // 2, body.w, round(body.h * 0.19))
            feedback = pygame.Rect(body.x, subtitle.bottom + m // 2, body.w, round(body.h * 0.36))
            transcript = pygame.Rect(
                body.x, feedback.bottom + m // 2, body.w, body.bottom - feedback.bottom - m // 2
            )
        meter_w = round(bottom.w * 0.24)
        meter = pygame.Rect(bottom.x, bottom.y, meter_w, bottom.h)
        hints = pygame.Rect(meter.right + m, bottom.y, bottom.w - meter_w - m, bottom.h)
        return cls(r, status, avatar, subtitle, feedback, transcript, meter, hints, m)

    def font_size(self, kind: str = "body") -> int:
        """Pixel font size for a text role, proportional to the window height."""
        frac = {"small": 0.024, "body": 0.030, "big": 0.042, "title": 0.06}.get(kind, 0.03)
        return max(10, round(min(self.rect.h, self.rect.w * 0.9) * frac))
