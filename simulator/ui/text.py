"""Text for the Pygame app: cached rendering, wrapping (CJK included), fitting, text blocks
and the subtitle caption.

Every function draws into the rect it is given and nothing outside it, and is cheap enough to
call every frame: rendered text and composed blocks are kept in small LRU caches keyed by
everything that affects their look.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

import pygame

from simulator.ui import theme
from simulator.ui.fonts import has_glyphs
from simulator.ui.theme import Colour

T = TypeVar("T")


class LRU:
    """A tiny least-recently-used cache: get_or(key, make)."""

    def __init__(self, maxsize: int = 512) -> None:
        self.maxsize = maxsize
        self._d: OrderedDict[Hashable, Any] = OrderedDict()

    def get_or(self, key: Hashable, make: Callable[[], T]) -> T:
        try:
            value = self._d[key]
            self._d.move_to_end(key)
            return value  # type: ignore[no-any-return]
        except KeyError:
            value = make()
            self._d[key] = value
            if len(self._d) > self.maxsize:
                self._d.popitem(last=False)
            return value

    def clear(self) -> None:
        self._d.clear()

    def __len__(self) -> int:
        return len(self._d)


_TEXT = LRU(1024)
_WRAP = LRU(512)
_BLOCKS = LRU(64)
_FIT = LRU(512)


def render(text: str, font: pygame.font.Font, colour: Colour) -> pygame.Surface:
    """Antialiased text surface, cached by (text, font, colour)."""
    return _TEXT.get_or((text, font, colour), lambda: font.render(text, True, colour))


def text_width(text: str, font: pygame.font.Font) -> int:
    return render(text, font, theme.INK).get_width() if text else 0


# --- wrapping ----------------------------------------------------------------------------------

# Scripts written without spaces: every character is a break opportunity.
NOSPACE = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_CLOSING = "\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a\u300d\u300f\uff09\u3011\u2026,.!?;:)"
_TOKEN = re.compile(rf"\s+|[{NOSPACE}][{re.escape(_CLOSING)}]*|[^\s{NOSPACE}]+")


def _split_long(text: str, start: int, end: int, font: pygame.font.Font, width: int):
    """Break one over-long token into character chunks that each fit `width`."""
    out = []
    s = start
    while s < end:
        e = s + 1
        while e < end and font.size(text[s : e + 1])[0] <= width:
            e += 1
        out.append((s, e))
        s = e
    return out


def wrap_spans(text: str, font: pygame.font.Font, width: int) -> tuple[tuple[int, int], ...]:
    """Line (start, end) offsets into `text`; breaks at spaces, or per character for CJK."""
    return _WRAP.get_or((text, font, width), lambda: _wrap_spans(text, font, max(1, width)))


def _wrap_spans(text: str, font: pygame.font.Font, width: int) -> tuple[tuple[int, int], ...]:
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p0, p1 = pos, pos + len(para)
        pos = p1 + 1
        tokens = [(m.start() + p0, m.end() + p0) for m in _TOKEN.finditer(para)]
        line_s: int | None = None
        line_e = p0
        for ts, te in tokens:
            if text[ts].isspace():
                continue
            if line_s is None:
                cand_s = ts
            else:
                cand_s = line_s
            if font.size(text[cand_s:te])[0] <= width:
                line_s, line_e = cand_s, te
                continue
            if line_s is not None:
                lines.append((line_s, line_e))
            if font.size(text[ts:te])[0] <= width:
                line_s, line_e = ts, te
            else:
                chunks = _split_long(text, ts, te, font, width)
                lines.extend(chunks[:-1])
                line_s, line_e = chunks[-1]
        lines.append((line_s, line_e) if line_s is not None else (p0, p0))
    return tuple(lines)


def wrap_text(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Lines of `text` that each fit `width` pixels (words are only cut when wider than a line)."""
    return [text[s:e] for s, e in wrap_spans(text, font, width)]


def _ellipsis(font: pygame.font.Font) -> str:
    return "\u2026" if has_glyphs(font, "\u2026") else "..."


def fit_line(text: str, font: pygame.font.Font, width: int, force: bool = False) -> str:
    """`text` shortened with an ellipsis to fit `width` (always adds one when `force`)."""
    return _FIT.get_or((text, font, width, force), lambda: _fit_line(text, font, width, force))


def _fit_line(text: str, font: pygame.font.Font, width: int, force: bool) -> str:
    if not force and font.size(text)[0] <= width:
        return text
    ell = _ellipsis(font)
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if font.size(text[:mid].rstrip() + ell)[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + ell


class Clip:
    """Context manager: clip drawing to `rect` (intersected with any existing clip)."""

    def __init__(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        self.surface, self.rect = surface, rect

    def __enter__(self) -> None:
        self.old = self.surface.get_clip()
        self.surface.set_clip(self.old.clip(self.rect))

    def __exit__(self, *exc: object) -> None:
        self.surface.set_clip(self.old)


def _visible_lines(text: str, font: pygame.font.Font, rect: pygame.Rect) -> list[str]:
    lines = wrap_text(text, font, rect.w)
    step = font.get_linesize()
    n = max(0, rect.h // step) if step else 0
    if len(lines) > n:
        lines = lines[:n]
        if lines:
            lines[-1] = fit_line(lines[-1], font, rect.w, force=True)
    return lines


def fitting_font(
    text: str, fonts: Sequence[pygame.font.Font], rect: pygame.Rect
) -> pygame.font.Font:
    """The first (largest) of `fonts` in which `text` wraps into `rect` without a cut."""
    for f in fonts:
        step = max(1, f.get_linesize())
        if len(wrap_text(text, f, rect.w)) * step <= rect.h:
            return f
    return fonts[-1]


def draw_text_block(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: str,
    font: pygame.font.Font,
    colour: Colour,
    align: str = "left",
) -> int:
    """Wrapped text inside `rect` (ellipsis on overflow); returns the height used."""
    rect = pygame.Rect(rect)
    lines = _visible_lines(text, font, rect)
    step = font.get_linesize()
    with Clip(surface, rect):
        for i, line in enumerate(lines):
            img = render(line, font, colour)
            if align == "center":
                x = rect.centerx - img.get_width() // 2
            elif align == "right":
                x = rect.right - img.get_width()
            else:
                x = rect.x
            surface.blit(img, (x, rect.y + i * step))
    return len(lines) * step


# --- subtitle, meter, status ------------------------------------------------------------------


def _translucent(size: tuple[int, int], colour: Colour, alpha: int, r: int) -> pygame.Surface:
    def make() -> pygame.Surface:
        s = pygame.Surface(size, pygame.SRCALPHA)
        pygame.draw.rect(s, (*colour, alpha), s.get_rect(), border_radius=r)
        return s

    return _BLOCKS.get_or(("panel", size, colour, alpha, r), make)


def draw_subtitle(
    surface: pygame.Surface, rect: pygame.Rect, speaker: str, text: str, font: pygame.font.Font
) -> None:
    """The client's line as a caption: speaker name and wrapped text over a translucent panel."""
    rect = pygame.Rect(rect)
    surface.blit(
        _translucent(rect.size, theme.SUBTITLE_BG, theme.SUBTITLE_ALPHA, theme.radius(rect)), rect
    )
    pad = max(4, min(rect.w, rect.h) // 12)
    inner = rect.inflate(-2 * pad, -2 * pad)
    y = inner.y
    with Clip(surface, rect):
        if speaker:
            name = render(fit_line(speaker, font, inner.w), font, theme.SPEAKER)
            surface.blit(name, (inner.x, y))
            y += font.get_linesize() + pad // 3
        body = pygame.Rect(inner.x, y, inner.w, inner.bottom - y)
        draw_text_block(surface, body, text, font, theme.INK_ON_DARK)
