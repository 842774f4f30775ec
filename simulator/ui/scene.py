"""What every screen shares: the app it belongs to and fonts for its language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from simulator.ui import fonts, theme

if TYPE_CHECKING:
    from simulator.ui.app import App


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

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def close(self) -> None:
        pass
