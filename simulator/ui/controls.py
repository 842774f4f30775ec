"""Controls and indicators: the microphone level meter, the status line, key hints, buttons
and the scrolling list."""

from __future__ import annotations

import math

import pygame

from simulator.i18n import _
from simulator.ui import theme
from simulator.ui.text import Clip, fit_line, render, text_width
from simulator.ui.theme import Colour


class PeakHold:
    """Peak-hold state for the level meter (the app keeps one): update(level, t) -> peak."""

    def __init__(self, hold_s: float = 0.8, fall_per_s: float = 0.6) -> None:
        self.hold_s, self.fall_per_s = hold_s, fall_per_s
        self.peak, self._t_peak, self._t = 0.0, 0.0, 0.0

    def update(self, level: float, t: float) -> float:
        if level >= self.peak:
            self.peak, self._t_peak = level, t
        elif t - self._t_peak > self.hold_s:
            self.peak = max(level, self.peak - self.fall_per_s * max(0.0, t - self._t))
        self._t = t
        return self.peak


def _mic_icon(surface: pygame.Surface, rect: pygame.Rect, colour: Colour, muted: bool) -> None:
    u = min(rect.w, rect.h)
    cx, cy = rect.centerx, rect.centery
    cap = pygame.Rect(0, 0, max(3, u * 0.34), max(5, u * 0.52))
    cap.midbottom = (cx, round(cy + u * 0.1))
    pygame.draw.rect(surface, colour, cap, border_radius=cap.w // 2)
    lw = max(1, u // 14)
    arc = pygame.Rect(0, 0, u * 0.56, u * 0.5)
    arc.midbottom = (cx, round(cy + u * 0.24))
    pygame.draw.arc(surface, colour, arc, math.pi, 2 * math.pi, lw)
    pygame.draw.line(surface, colour, (cx, arc.bottom), (cx, cy + u * 0.38), lw)
    pygame.draw.line(
        surface, colour, (cx - u * 0.16, cy + u * 0.38), (cx + u * 0.16, cy + u * 0.38), lw
    )
    if muted:
        pygame.draw.line(
            surface,
            theme.COST,
            (cx - u * 0.36, cy - u * 0.38),
            (cx + u * 0.36, cy + u * 0.4),
            lw + 1,
        )


def draw_level_meter(
    surface: pygame.Surface,
    rect: pygame.Rect,
    level: float,
    active: bool,
    peak: float | None = None,
) -> None:
    """Microphone level 0..1 as lit segments with a peak-hold tick; greyed and crossed when muted.

    `peak` comes from a PeakHold the caller keeps; without it the tick sits at `level`.
    """
    rect = pygame.Rect(rect)
    level = max(0.0, min(1.0, float(level)))
    peak = level if peak is None else max(level, min(1.0, float(peak)))
    icon = pygame.Rect(rect.x, rect.y, min(rect.h, rect.w // 4), rect.h)
    _mic_icon(surface, icon, theme.INK_MUTED if active else theme.INK_FAINT, not active)
    bar = pygame.Rect(
        icon.right + max(2, rect.h // 6), rect.y + rect.h // 4, 0, rect.h - rect.h // 2
    )
    bar.w = rect.right - bar.x
    if bar.w < 4 or bar.h < 2:
        return
    n = max(6, min(24, bar.w // max(4, bar.h // 2)))
    gap = max(1, bar.w // (n * 6))
    seg_w = (bar.w - gap * (n - 1)) / n
    lit = round(level * n)
    peak_i = min(n - 1, max(0, math.ceil(peak * n) - 1)) if peak > 0.02 else -1
    for i in range(n):
        x = bar.x + i * (seg_w + gap)
        seg = pygame.Rect(round(x), bar.y, max(1, round(seg_w)), bar.h)
        frac = (i + 0.5) / n
        on = (
            theme.METER_LOW if frac < 0.65 else theme.METER_MID if frac < 0.85 else theme.METER_HIGH
        )
        if not active:
            colour = theme.METER_OFF if i < lit else theme.METER_TRACK
        elif i < lit:
            colour = on
        elif i == peak_i:
            colour = theme.mix(on, theme.INK, 0.15)
        else:
            colour = theme.METER_TRACK
        pygame.draw.rect(surface, colour, seg, border_radius=max(1, seg.w // 4))
        if i == peak_i and active and i >= lit:  # peak-hold: a taller outlined tick
            pygame.draw.rect(
                surface, theme.INK_MUTED, seg.inflate(0, bar.h // 3), 1, border_radius=2
            )


def _status_icon(
    surface: pygame.Surface, rect: pygame.Rect, state: str, colour: Colour, t: float
) -> None:
    u = min(rect.w, rect.h)
    cx, cy = rect.center
    lw = max(1, u // 10)
    if state == "client_speaking":  # speaker with sound waves
        pygame.draw.circle(surface, colour, (cx - u * 0.18, cy), u * 0.16)
        for k in (1, 2):
            arc = pygame.Rect(0, 0, u * 0.34 * k, u * 0.4 * k)
            arc.center = (round(cx - u * 0.12), cy)
            pygame.draw.arc(surface, colour, arc, -0.9, 0.9, lw)
    elif state == "your_turn":
        _mic_icon(surface, rect, colour, False)
    elif state == "listening":  # pulsing recording dot
        r = u * (0.26 + 0.06 * math.sin(t * 6.0))
        pygame.draw.circle(surface, theme.mix(colour, (255, 255, 255), 0.55), (cx, cy), u * 0.42)
        pygame.draw.circle(surface, colour, (cx, cy), r)
    elif state == "thinking":  # three dots, one raised at a time
        for k in range(3):
            up = u * 0.12 if int(t * 4) % 3 == k else 0
            pygame.draw.circle(surface, colour, (cx + (k - 1) * u * 0.3, cy - up), u * 0.11)
    elif state == "typing":  # keyboard
        kb = pygame.Rect(0, 0, u * 0.86, u * 0.52)
        kb.center = (cx, cy)
        pygame.draw.rect(surface, colour, kb, lw, border_radius=max(1, u // 12))
        for row in range(2):
            for col in range(4):
                key = pygame.Rect(0, 0, u * 0.1, u * 0.1)
                key.center = (
                    round(kb.x + kb.w * (col + 0.5) / 4),
                    round(kb.y + kb.h * (row + 0.7) / 2.6),
                )
                pygame.draw.rect(surface, colour, key)
    elif state == "paused":
        for dx in (-0.16, 0.16):
            b = pygame.Rect(0, 0, u * 0.18, u * 0.6)
            b.center = (round(cx + dx * u), cy)
            pygame.draw.rect(surface, colour, b)
    elif state == "loading":  # spinner
        arc = pygame.Rect(0, 0, u * 0.7, u * 0.7)
        arc.center = (cx, cy)
        a = (t * 5.0) % (2 * math.pi)
        pygame.draw.arc(surface, colour, arc, a, a + 4.4, lw + 1)
    elif state == "finished":  # check mark
        pts = [(cx - u * 0.3, cy), (cx - u * 0.08, cy + u * 0.24), (cx + u * 0.32, cy - u * 0.26)]
        pygame.draw.lines(surface, colour, False, pts, lw + 2)
    else:
        pygame.draw.circle(surface, colour, (cx, cy), u * 0.22)


def draw_status(
    surface: pygame.Surface,
    rect: pygame.Rect,
    state: str,
    font: pygame.font.Font,
    detail: str = "",
    t: float = 0.0,
) -> None:
    """Conversation state as a tinted pill with an icon and a label (`detail` replaces it)."""
    rect = pygame.Rect(rect)
    colour, label = theme.STATUS.get(state, (theme.INK_MUTED, state.replace("_", " ").capitalize()))
    label = detail or _(label)
    r = rect.h // 2
    pygame.draw.rect(surface, theme.mix(colour, (255, 255, 255), 0.86), rect, border_radius=r)
    pygame.draw.rect(surface, colour, rect, max(1, rect.h // 16), border_radius=r)
    icon = pygame.Rect(rect.x + rect.h // 4, rect.y, rect.h, rect.h).inflate(
        -rect.h // 4, -rect.h // 4
    )
    with Clip(surface, rect):
        _status_icon(surface, icon, state, colour, t)
        x = icon.right + rect.h // 4
        text = fit_line(label, font, rect.right - x - r // 2)
        img = render(text, font, theme.mix(colour, theme.INK, 0.55))
        surface.blit(img, (x, rect.centery - img.get_height() // 2))


# --- hints, buttons, lists ----------------------------------------------------------------------


def _keycap(surface: pygame.Surface, x: int, cy: int, key: str, font: pygame.font.Font) -> int:
    img = render(key, font, theme.INK)
    h = round(font.get_height() * 1.25)
    w = max(h, img.get_width() + h // 2)
    cap = pygame.Rect(x, cy - h // 2, w, h)
    r = max(2, h // 5)
    pygame.draw.rect(surface, theme.BORDER, cap.move(0, max(1, h // 12)), border_radius=r)
    pygame.draw.rect(surface, theme.PANEL, cap, border_radius=r)
    pygame.draw.rect(surface, theme.INK_FAINT, cap, 1, border_radius=r)
    surface.blit(img, (cap.centerx - img.get_width() // 2, cap.centery - img.get_height() // 2))
    return w


def draw_hints(
    surface: pygame.Surface, rect: pygame.Rect, hints: list[tuple[str, str]], font: pygame.font.Font
) -> None:
    """Key caps with labels, e.g. [SPACE] Talk  [T] Type; hints that do not fit are left out."""
    rect = pygame.Rect(rect)
    gap = font.get_height()
    widths = []
    for key, label in hints:
        cap_w = max(
            round(font.get_height() * 1.25), text_width(key, font) + round(font.get_height() * 0.6)
        )
        widths.append(cap_w + gap // 3 + text_width(label, font))
    x = rect.x
    with Clip(surface, rect):
        for (key, label), w in zip(hints, widths, strict=True):
            if x + w > rect.right:
                break
            x += _keycap(surface, x, rect.centery, key, font) + gap // 3
            img = render(label, font, theme.INK_MUTED)
            surface.blit(img, (x, rect.centery - img.get_height() // 2))
            x += img.get_width() + gap


def draw_button(
    surface: pygame.Surface,
    rect: pygame.Rect,
    label: str,
    font: pygame.font.Font,
    focused: bool = False,
) -> None:
    """A rounded button; focused: filled accent with a focus ring (not colour alone)."""
    rect = pygame.Rect(rect)
    r = theme.radius(rect, 0.3)
    if focused:
        ring = max(2, rect.h // 14)
        pygame.draw.rect(surface, theme.ACCENT, rect, ring, border_radius=r + ring)
        pygame.draw.rect(surface, theme.ACCENT, rect.inflate(-ring * 3, -ring * 3), border_radius=r)
        colour = theme.INK_ON_DARK
    else:
        theme.draw_panel(surface, rect, r=r)
        colour = theme.INK
    img = render(fit_line(label, font, rect.w - rect.h // 2), font, colour)
    surface.blit(img, (rect.centerx - img.get_width() // 2, rect.centery - img.get_height() // 2))


def list_window(n: int, selected: int, visible: int) -> int:
    """Index of the first visible row so that `selected` is shown (kept near the middle)."""
    if n <= visible or visible <= 0:
        return 0
    return max(0, min(selected - visible // 2, n - visible))


def draw_list(
    surface: pygame.Surface,
    rect: pygame.Rect,
    items: list[str],
    selected: int,
    font: pygame.font.Font,
) -> None:
    """A scrolling single-select list; the selected row is tinted and marked with a bar."""
    rect = pygame.Rect(rect)
    theme.draw_panel(surface, rect)
    row_h = max(4, round(font.get_linesize() * 1.7))
    visible = max(1, (rect.h - 4) // row_h)
    first = list_window(len(items), selected, visible)
    bar_w = max(3, row_h // 8)
    scroll_w = bar_w * 2 if len(items) > visible else 0
    with Clip(surface, rect.inflate(-2, -2)):
        for row, idx in enumerate(range(first, min(len(items), first + visible))):
            r = pygame.Rect(rect.x + 2, rect.y + 2 + row * row_h, rect.w - 4 - scroll_w, row_h)
            if idx == selected:
                pygame.draw.rect(surface, theme.ACCENT_SOFT, r)
                pygame.draw.rect(surface, theme.ACCENT, (r.x, r.y, bar_w, r.h))
            elif row % 2:
                pygame.draw.rect(surface, theme.mix(theme.PANEL, theme.PANEL_ALT, 0.4), r)
            x = r.x + bar_w + row_h // 3
            colour = theme.ACCENT if idx == selected else theme.INK
            img = render(fit_line(items[idx], font, r.right - x - 4), font, colour)
            surface.blit(img, (x, r.centery - img.get_height() // 2))
        if scroll_w:
            track = pygame.Rect(rect.right - 2 - scroll_w, rect.y + 4, bar_w, rect.h - 8)
            pygame.draw.rect(surface, theme.PANEL_ALT, track, border_radius=bar_w // 2)
            thumb = track.copy()
            thumb.h = max(bar_w * 2, round(track.h * visible / len(items)))
            thumb.y = track.y + round((track.h - thumb.h) * first / max(1, len(items) - visible))
            pygame.draw.rect(surface, theme.INK_FAINT, thumb, border_radius=bar_w // 2)
