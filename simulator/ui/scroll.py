"""Text that wraps and scrolls: a long summary, key points or reply is never cut off.

`Scroll` keeps the offset (in lines) for one block; the scene passes it keys and the wheel, and
`draw` renders the visible lines with a scrollbar and a "more" cue when not everything fits.
"""

from __future__ import annotations

import pygame

from simulator.ui import keys, theme
from simulator.ui.text import render, wrap_text


class Scroll:
    def __init__(self) -> None:
        self.first = 0  # first visible line
        self.page = 1  # lines visible at the last draw
        self.total = 0  # lines in the text at the last draw

    @property
    def max_first(self) -> int:
        return max(0, self.total - self.page)

    def by(self, lines: int) -> None:
        self.first = max(0, min(self.max_first, self.first + lines))

    def handle(self, event: pygame.event.Event) -> bool:
        """Wheel, PageUp/PageDown (and Up/Down with `arrows`); True if the event scrolled."""
        if event.type == pygame.MOUSEWHEEL:
            self.by(-3 * int(event.y))
            return True
        action = keys.action(event) if event.type == pygame.KEYDOWN else None
        if action == keys.PAGE_DOWN:
            self.by(max(1, self.page - 1))
        elif action == keys.PAGE_UP:
            self.by(-max(1, self.page - 1))
        else:
            return False
        return True

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        text: str,
        font: pygame.font.Font,
        colour: theme.Colour,
    ) -> None:
        rect = pygame.Rect(rect)
        step = max(1, font.get_linesize())
        bar_w = max(3, step // 5)
        lines = wrap_text(text, font, rect.w - 2 * bar_w)
        self.total, self.page = len(lines), max(1, rect.h // step)
        self.first = min(self.first, self.max_first)
        old = surface.get_clip()
        surface.set_clip(old.clip(rect))
        for i, line in enumerate(lines[self.first : self.first + self.page]):
            surface.blit(render(line, font, colour), (rect.x, rect.y + i * step))
        surface.set_clip(old)
        if self.total > self.page:  # a scrollbar says there is more, and how much
            track = pygame.Rect(rect.right - bar_w, rect.y, bar_w, rect.h)
            pygame.draw.rect(surface, theme.PANEL_ALT, track, border_radius=bar_w // 2)
            thumb = track.copy()
            thumb.h = max(bar_w * 2, round(track.h * self.page / self.total))
            thumb.y = track.y + round((track.h - thumb.h) * self.first / max(1, self.max_first))
            pygame.draw.rect(surface, theme.INK_MUTED, thumb, border_radius=bar_w // 2)
