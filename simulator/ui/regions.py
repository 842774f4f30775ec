"""Redraw only what changed: a screen is split into regions, each drawn again only when the
values that decide its look changed, and only those rects are sent to the display.

While the client speaks only the avatar and the status pill move; redrawing and flipping the
whole 1280x720 frame for them costs the main thread and the X server several milliseconds a
frame on a busy machine.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pygame

from simulator.ui import theme

ALWAYS = object()  # a key that never matches: the region is drawn every frame


class Regions:
    """Per-screen memory of what each region shows. `begin` each frame, then `draw` each
    region; afterwards `dirty` is the rects to update, or None when the whole frame is new."""

    def __init__(self, background: theme.Colour = theme.BG) -> None:
        self.background = background
        self._keys: dict[str, Hashable] = {}
        self._surface: pygame.Surface | None = None
        self._size: tuple[int, int] | None = None
        self.dirty: list[pygame.Rect] | None = None

    def begin(self, surface: pygame.Surface) -> None:
        if surface is not self._surface or surface.get_size() != self._size:
            self._surface, self._size = surface, surface.get_size()
            self._keys.clear()
            surface.fill(self.background)
            self.dirty = None
        else:
            self.dirty = []

    def draw(
        self,
        surface: pygame.Surface,
        name: str,
        rect: pygame.Rect,
        key: Hashable,
        paint: Callable[[], None],
    ) -> None:
        """Run `paint` (which draws inside `rect` only) unless `key` is what it showed last."""
        full_key = (tuple(rect), key)
        if key is not ALWAYS and self._keys.get(name) == full_key:
            return
        self._keys[name] = full_key
        if self.dirty is not None:
            surface.fill(self.background, rect)
            self.dirty.append(pygame.Rect(rect))
        paint()
