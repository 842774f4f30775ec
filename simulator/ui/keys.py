"""Keys by physical position (SDL scancodes), so T, R, P and SPACE work on any keyboard layout.

With a Russian layout the key marked T types "е": `event.key` is then "е" and never K_t, but
`event.scancode` is still the scancode of T. Letters are matched by scancode; keys that are the
same on every layout (Enter, Esc, arrows) by key code as well.
"""

from __future__ import annotations

import pygame

TALK = "talk"
TYPE = "type"
REPLAY = "replay"
PAUSE = "pause"
QUIT = "quit"
CONFIRM = "confirm"
UP = "up"
DOWN = "down"
LEFT = "left"
RIGHT = "right"
PAGE_UP = "page_up"
PAGE_DOWN = "page_down"
LANGUAGE = "language"
BIGGER = "bigger"
SMALLER = "smaller"
SKIP = "skip"

_SCANCODES: dict[str, tuple[int, ...]] = {
    TALK: (pygame.KSCAN_SPACE,),
    TYPE: (pygame.KSCAN_T,),
    REPLAY: (pygame.KSCAN_R,),
    PAUSE: (pygame.KSCAN_P,),
    QUIT: (pygame.KSCAN_ESCAPE,),
    CONFIRM: (pygame.KSCAN_RETURN, pygame.KSCAN_KP_ENTER),
    UP: (pygame.KSCAN_UP, pygame.KSCAN_K),
    DOWN: (pygame.KSCAN_DOWN, pygame.KSCAN_J),
    LEFT: (pygame.KSCAN_LEFT,),
    RIGHT: (pygame.KSCAN_RIGHT,),
    PAGE_UP: (pygame.KSCAN_PAGEUP,),
    PAGE_DOWN: (pygame.KSCAN_PAGEDOWN,),
    LANGUAGE: (pygame.KSCAN_L,),
    BIGGER: (pygame.KSCAN_EQUALS, pygame.KSCAN_KP_PLUS),
    SMALLER: (pygame.KSCAN_MINUS, pygame.KSCAN_KP_MINUS),
    SKIP: (pygame.KSCAN_S,),
}
_KEYS: dict[str, tuple[int, ...]] = {
    TALK: (pygame.K_SPACE,),
    QUIT: (pygame.K_ESCAPE,),
    CONFIRM: (pygame.K_RETURN, pygame.K_KP_ENTER),
    UP: (pygame.K_UP,),
    DOWN: (pygame.K_DOWN,),
    LEFT: (pygame.K_LEFT,),
    RIGHT: (pygame.K_RIGHT,),
    PAGE_UP: (pygame.K_PAGEUP,),
    PAGE_DOWN: (pygame.K_PAGEDOWN,),
    BIGGER: (pygame.K_PLUS, pygame.K_KP_PLUS),
    SMALLER: (pygame.K_KP_MINUS,),
}

# The US-layout key of each scancode, for events posted without one (tests, automation).
_US_KEY = {
    pygame.KSCAN_SPACE: pygame.K_SPACE,
    pygame.KSCAN_T: pygame.K_t,
    pygame.KSCAN_R: pygame.K_r,
    pygame.KSCAN_P: pygame.K_p,
    pygame.KSCAN_K: pygame.K_k,
    pygame.KSCAN_J: pygame.K_j,
    pygame.KSCAN_L: pygame.K_l,
    pygame.KSCAN_S: pygame.K_s,
    pygame.KSCAN_EQUALS: pygame.K_EQUALS,
    pygame.KSCAN_MINUS: pygame.K_MINUS,
}
_BY_KEY: dict[str, tuple[int, ...]] = {
    name: tuple(_US_KEY[c] for c in codes if c in _US_KEY) + _KEYS.get(name, ())
    for name, codes in _SCANCODES.items()
}


def action(event: pygame.event.Event) -> str | None:
    """The action a KEYDOWN/KEYUP means, whatever layout is active; None for other keys."""
    if event.type not in (pygame.KEYDOWN, pygame.KEYUP):
        return None
    if getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return None  # shortcuts of the desktop or the text editor, not ours
    scancode = getattr(event, "scancode", 0)
    for name, codes in _SCANCODES.items():
        if scancode in codes:
            return name
    key = getattr(event, "key", None)
    table = _KEYS if scancode else _BY_KEY  # posted events (tests, tools) carry no scancode
    for name, codes in table.items():
        if key in codes:
            return name
    return None


def is_(event: pygame.event.Event, name: str, kind: int = pygame.KEYDOWN) -> bool:
    return event.type == kind and action(event) == name
