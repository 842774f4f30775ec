"""What every screen shares: the app it belongs to and fonts for its language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.ui import fonts, theme
from simulator.ui.text import draw_text_block, fitting_font

if TYPE_CHECKING:
    from simulator.ui.app import App


class BaseScene:
    language = "en"

    def __init__(self, app: App):
        self.app = app

    def font(self, surface: pygame.Surface, kind: str = "body", bold: bool = False):
        size = theme.Layout.from_rect(surface.get_rect()).font_size(kind)
        return fonts.font(
            fonts.for_screen(self.language), round(size * self.app.settings.text_size), bold
        )

    def draw_fitted(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        text: str,
        kind: str = "title",
        colour: theme.Colour = theme.INK,
    ) -> None:
        """`text` wrapped in `rect`, in a smaller size when it would not fit, never cut short
        unless even the smallest text does not fit."""
        order = ("title", "big", "body", "small")
        sizes = order[order.index(kind) :]
        bold = kind in ("title", "big")
        candidates = [self.font(surface, k, bold and k != "small") for k in sizes]
        font = fitting_font(text, candidates, rect)
        draw_text_block(surface, rect, text, font, colour)

    def handle(self, event: pygame.event.Event) -> None:
        pass

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def close(self) -> None:
        pass
