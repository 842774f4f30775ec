"""Stateless drawing widgets for the Pygame app (plus the TextInput editor).

Every function draws into the rect it is given and nothing outside it, lays out in proportions
of that rect, and is cheap enough to call every frame: rendered text and composed blocks are
kept in small LRU caches keyed by everything that affects their look.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

import pygame

from simulator import labels
from simulator.i18n import _
from simulator.ui import theme
from simulator.ui.fonts import has_glyphs
from simulator.vocabulary import DIMENSION_LABELS, DIMENSIONS

Colour = tuple[int, int, int]
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
_NOSPACE = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
_CLOSING = "\u3001\u3002\uff0c\uff01\uff1f\uff1b\uff1a\u300d\u300f\uff09\u3011\u2026,.!?;:)"
_TOKEN = re.compile(rf"\s+|[{_NOSPACE}][{re.escape(_CLOSING)}]*|[^\s{_NOSPACE}]+")


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


class _Clip:
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
    with _Clip(surface, rect):
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
    with _Clip(surface, rect):
        if speaker:
            name = render(fit_line(speaker, font, inner.w), font, theme.SPEAKER)
            surface.blit(name, (inner.x, y))
            y += font.get_linesize() + pad // 3
        body = pygame.Rect(inner.x, y, inner.w, inner.bottom - y)
        draw_text_block(surface, body, text, font, theme.INK_ON_DARK)


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
    with _Clip(surface, rect):
        _status_icon(surface, icon, state, colour, t)
        x = icon.right + rect.h // 4
        text = fit_line(label, font, rect.right - x - r // 2)
        img = render(text, font, theme.mix(colour, theme.INK, 0.55))
        surface.blit(img, (x, rect.centery - img.get_height() // 2))


# --- scores and evidence -----------------------------------------------------------------------


def _delta_text(delta: int) -> str:
    return f"+{delta}" if delta > 0 else f"\u2212{-delta}" if delta < 0 else "\u00b10"


def draw_score_bars(
    surface: pygame.Surface,
    rect: pygame.Rect,
    scores: dict[str, int],
    font: pygame.font.Font,
    previous: dict[str, int] | None = None,
) -> None:
    """Three labelled 0-100 bars with the number at the end (and the change since `previous`)."""
    rect = pygame.Rect(rect)
    row_h = rect.h / len(DIMENSIONS)
    label_w = max(text_width(_(DIMENSION_LABELS[d]), font) for d in DIMENSIONS)
    label_w = min(label_w + font.get_height() // 2, int(rect.w * 0.42))
    num_w = text_width("100 \u2212100", font) if previous else text_width("100", font)
    num_w += font.get_height() // 3
    with _Clip(surface, rect):
        for i, dim in enumerate(DIMENSIONS):
            value = max(0, min(100, int(scores.get(dim, 0))))
            cy = round(rect.y + row_h * (i + 0.5))
            lab = render(fit_line(_(DIMENSION_LABELS[dim]), font, label_w - 2), font, theme.INK)
            surface.blit(lab, (rect.x, cy - lab.get_height() // 2))
            track = pygame.Rect(
                rect.x + label_w, 0, max(4, rect.w - label_w - num_w), max(3, round(row_h * 0.42))
            )
            track.centery = cy
            rr = track.h // 2
            pygame.draw.rect(surface, theme.METER_TRACK, track, border_radius=rr)
            fill = track.copy()
            fill.w = round(track.w * value / 100)
            if fill.w > 0:
                pygame.draw.rect(surface, theme.DIMENSION_COLOURS[dim], fill, border_radius=rr)
            num = f"{value}"
            x = track.right + font.get_height() // 4
            img = render(num, font, theme.INK)
            surface.blit(img, (x, cy - img.get_height() // 2))
            if previous and dim in previous:
                before = max(0, min(100, int(previous[dim])))
                px = track.x + round(track.w * before / 100)
                pygame.draw.line(surface, theme.INK, (px, track.y - 2), (px, track.bottom + 1), 2)
                d = value - before
                colour = theme.EARNED if d > 0 else theme.COST if d < 0 else theme.INK_MUTED
                dimg = render(_delta_text(d), font, colour)
                surface.blit(
                    dimg,
                    (x + img.get_width() + font.get_height() // 4, cy - dimg.get_height() // 2),
                )


def _char_classes(text: str, evidence: Sequence[dict[str, Any]]) -> bytearray:
    """Per character: 0 plain, 1 earned, 2 cost (cost wins where spans overlap)."""
    cls = bytearray(len(text))
    for ev in evidence:
        pts = float(ev.get("points", 0) or 0)
        s = max(0, int(ev.get("start", 0)))
        e = min(len(text), int(ev.get("end", 0)))
        if pts == 0 or e <= s:
            continue
        mark = 1 if pts > 0 else 2
        for i in range(s, e):
            if mark > cls[i]:
                cls[i] = mark
    return cls


def _wavy(surface: pygame.Surface, colour: Colour, x0: int, x1: int, y: int, amp: int) -> None:
    """A zigzag underline (the cost marker: differs from the solid earned underline)."""
    step = max(2, round(amp * 1.3))
    pts = [(x, y + (amp if (x - x0) // step % 2 else 0)) for x in range(x0, x1 + 1, step)]
    if len(pts) >= 2:
        pygame.draw.lines(surface, colour, False, pts, max(1, amp // 2))


def _compose_evidence(text: str, key_ev: tuple, font: pygame.font.Font, size: tuple[int, int]):
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    cls = _char_classes(text, [{"start": s, "end": e, "points": p} for s, e, p in key_ev])
    spans = wrap_spans(text, font, w)
    step = font.get_linesize()
    n = max(0, h // step)
    ell = len(spans) > n
    spans = spans[:n]
    thick = max(1, font.get_height() // 12)
    for li, (s, e) in enumerate(spans):
        y = li * step
        line = text[s:e]
        if ell and li == n - 1:
            line = fit_line(line, font, w, force=True)
        k = 0
        while k < len(line):
            c = cls[s + k] if s + k < len(cls) and k < e - s else 0
            j = k
            while j < len(line) and (cls[s + j] if s + j < len(cls) and j < e - s else 0) == c:
                j += 1
            x0 = font.size(line[:k])[0] if k else 0
            x1 = font.size(line[:j])[0]
            if c:
                fg, bg = (theme.EARNED, theme.EARNED_BG) if c == 1 else (theme.COST, theme.COST_BG)
                pygame.draw.rect(surf, bg, (x0, y, x1 - x0, step), border_radius=max(1, step // 8))
                uy = y + font.get_ascent() + thick + 1
                if c == 1:
                    pygame.draw.line(surf, fg, (x0, uy), (x1 - 1, uy), thick + 1)
                else:
                    _wavy(surf, fg, x0, x1 - 1, uy - 1, max(3, font.get_height() // 6))
            else:
                fg = theme.INK
            surf.blit(render(line[k:j], font, fg), (x0, y))
            k = j
    return surf, len(spans) * step


def draw_evidence_text(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: str,
    evidence: list[dict[str, Any]],
    font: pygame.font.Font,
) -> int:
    """The reply wrapped, earned spans blue + solid underline, cost spans vermillion + wavy."""
    rect = pygame.Rect(rect)
    key_ev = tuple(
        (int(e.get("start", 0)), int(e.get("end", 0)), float(e.get("points", 0) or 0))
        for e in evidence
    )
    surf, used = _BLOCKS.get_or(
        ("evidence", text, key_ev, font, rect.size),
        lambda: _compose_evidence(text, key_ev, font, rect.size),
    )
    surface.blit(surf, rect)
    return used


# --- feedback card -----------------------------------------------------------------------------

WARNINGS = labels.WARNINGS


def humanise(indicator: str | dict[str, Any]) -> str:
    """'missing:offer_help' -> 'Missing: offer help' (in the UI language); `label` if given."""
    return labels.indicator(indicator)


def top_indicators(evidence: Sequence[dict[str, Any]], n: int = 3) -> tuple[list, list]:
    """(earned, cost) lists of (label, points) summed per indicator, strongest first."""
    totals: dict[str, float] = {}
    for ev in evidence:
        name = humanise(ev)
        totals[name] = totals.get(name, 0.0) + float(ev.get("points", 0) or 0)
    earned = sorted(((k, v) for k, v in totals.items() if v > 0), key=lambda x: -x[1])
    cost = sorted(((k, v) for k, v in totals.items() if v < 0), key=lambda x: x[1])
    return earned[:n], cost[:n]


def _mark(surface: pygame.Surface, centre: tuple[int, int], size: int, earned: bool) -> None:
    """Earned: blue circle with a plus; cost: vermillion diamond with a minus (shape differs)."""
    cx, cy = centre
    r = max(3, size // 2)
    lw = max(1, r // 3)
    if earned:
        pygame.draw.circle(surface, theme.EARNED, centre, r)
        pygame.draw.line(surface, theme.PANEL, (cx, cy - r // 2), (cx, cy + r // 2), lw)
    else:
        pygame.draw.polygon(
            surface, theme.COST, [(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)]
        )
    pygame.draw.line(surface, theme.PANEL, (cx - r // 2, cy), (cx + r // 2, cy), lw)


def _warning(surface: pygame.Surface, rect: pygame.Rect, text: str, font: pygame.font.Font) -> None:
    pygame.draw.rect(surface, theme.WARNING_BG, rect, border_radius=theme.radius(rect, 0.3))
    pygame.draw.rect(surface, theme.WARNING, rect, 1, border_radius=theme.radius(rect, 0.3))
    u = rect.h * 0.62
    cx, cy = rect.x + rect.h * 0.55, rect.centery
    pygame.draw.polygon(
        surface,
        theme.WARNING,
        [(cx, cy - u / 2), (cx + u / 2, cy + u / 2), (cx - u / 2, cy + u / 2)],
    )
    pygame.draw.line(
        surface, theme.WARNING_BG, (cx, cy - u * 0.15), (cx, cy + u * 0.2), max(1, rect.h // 12)
    )
    x = rect.x + rect.h
    img = render(fit_line(text, font, rect.right - x - 4), font, theme.INK)
    surface.blit(img, (x, rect.centery - img.get_height() // 2))


def draw_feedback_card(
    surface: pygame.Surface,
    rect: pygame.Rect,
    reply_text: str,
    score: dict[str, Any],
    font_small: pygame.font.Font,
    font_big: pygame.font.Font,
    previous: dict[str, int] | None = None,
) -> None:
    """One turn's feedback: warnings, the three score bars, the highlighted reply, top reasons."""
    rect = pygame.Rect(rect)
    theme.draw_panel(surface, rect)
    pad = max(4, round(min(rect.w, rect.h) * 0.045))
    inner = rect.inflate(-2 * pad, -2 * pad)
    line = font_small.get_linesize()
    y = inner.y
    with _Clip(surface, rect):
        title = render(
            fit_line(_("Feedback on your reply"), font_big, inner.w), font_big, theme.INK
        )
        surface.blit(title, (inner.x, y))
        y += title.get_height() + pad // 2
        flags = list(score.get("flags") or [])
        for flag in [f for f in WARNINGS if f in flags][:2]:
            wr = pygame.Rect(inner.x, y, inner.w, round(line * 1.4))
            _warning(surface, wr, _(WARNINGS[flag]), font_small)
            y = wr.bottom + pad // 3
        bars_h = min(round(line * 1.5 * 3), max(line * 3, round(inner.h * 0.3)))
        draw_score_bars(
            surface,
            pygame.Rect(inner.x, y, inner.w, bars_h),
            score.get("scores") or {},
            font_small,
            previous,
        )
        y += bars_h + pad // 2
        evidence = list(score.get("evidence") or [])
        earned, cost = top_indicators(evidence)
        room = max(0, (inner.bottom - y - 2 * line - pad // 2) // line)  # keep 2 reply lines
        while len(earned) + len(cost) > room:  # drop the weakest, alternating sides
            (earned if len(earned) > len(cost) else cost).pop()
        list_h = line * (len(earned) + len(cost))
        text_h = max(line, inner.bottom - y - list_h - pad // 2)
        pygame.draw.line(
            surface, theme.PANEL_ALT, (inner.x, y - pad // 4), (inner.right, y - pad // 4)
        )
        used = draw_evidence_text(
            surface, pygame.Rect(inner.x, y, inner.w, text_h), reply_text, evidence, font_small
        )
        y += used + pad // 2
        for items, is_earned in ((earned, True), (cost, False)):
            for label, pts in items:
                if y + line > inner.bottom + 1:
                    break
                _mark(surface, (inner.x + line // 3, y + line // 2), round(line * 0.7), is_earned)
                num = f"+{pts:.0f}" if is_earned else f"\u2212{-pts:.0f}"
                nimg = render(num, font_small, theme.EARNED if is_earned else theme.COST)
                surface.blit(nimg, (inner.right - nimg.get_width(), y))
                x = inner.x + line
                txt = fit_line(label, font_small, inner.right - nimg.get_width() - x - line // 2)
                surface.blit(render(txt, font_small, theme.INK), (x, y))
                y += line


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
    with _Clip(surface, rect):
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
    with _Clip(surface, rect.inflate(-2, -2)):
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


# --- text input ---------------------------------------------------------------------------------


class TextInput:
    """A line editor for typed replies: any script via TEXTINPUT (IME included), Backspace,
    Ctrl+Backspace (word), Left/Right/Home/End, Enter submits, Escape cancels."""

    def __init__(self, placeholder: str | None = None, max_chars: int = 1000) -> None:
        self.placeholder = placeholder or _("Type your reply\u2026")
        self.max_chars = max_chars
        self.text = ""
        self.caret = 0
        self.composition = ""  # IME pre-edit text, shown underlined at the caret
        self.active = True
        self.cancelled = False
        self._ime_rect: pygame.Rect | None = None

    def start(self, text: str = "") -> None:
        """Reset and activate; also turns on SDL text input (IME) if a display exists."""
        self.text, self.caret, self.composition = text, len(text), ""
        self.active, self.cancelled = True, False
        if pygame.display.get_init():
            pygame.key.start_text_input()

    def stop(self) -> None:
        self.active = False
        self.composition = ""
        if pygame.display.get_init():
            pygame.key.stop_text_input()

    def _insert(self, s: str) -> None:
        s = "".join(c for c in s if c.isprintable() or c == " ")
        s = s[: max(0, self.max_chars - len(self.text))]
        self.text = self.text[: self.caret] + s + self.text[self.caret :]
        self.caret += len(s)

    def _delete_word(self) -> None:
        i = self.caret
        while i > 0 and self.text[i - 1].isspace():
            i -= 1
        if i > 0 and re.match(rf"[{_NOSPACE}]", self.text[i - 1]):
            while i > 0 and re.match(rf"[{_NOSPACE}]", self.text[i - 1]):
                i -= 1
        else:
            while (
                i > 0
                and not self.text[i - 1].isspace()
                and not re.match(rf"[{_NOSPACE}]", self.text[i - 1])
            ):
                i -= 1
        self.text = self.text[:i] + self.text[self.caret :]
        self.caret = i

    def handle(self, event: pygame.event.Event) -> str | None:
        """Feed one event; returns the submitted text on Enter, otherwise None."""
        if not self.active:
            return None
        if event.type == pygame.TEXTINPUT:
            self.composition = ""
            self._insert(event.text)
        elif event.type == pygame.TEXTEDITING:
            self.composition = event.text
        elif event.type == pygame.KEYDOWN:
            key, mod = event.key, getattr(event, "mod", 0)
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.composition:
                    return None  # Enter confirms the IME composition, not the reply
                submitted = self.text.strip()
                if not submitted:
                    return None
                self.text, self.caret = "", 0
                return submitted
            if key == pygame.K_ESCAPE:
                if self.composition:
                    self.composition = ""
                    return None
                self.cancelled, self.active = True, False
                return None
            if key == pygame.K_BACKSPACE and self.caret > 0:
                if mod & pygame.KMOD_CTRL:
                    self._delete_word()
                else:
                    self.text = self.text[: self.caret - 1] + self.text[self.caret :]
                    self.caret -= 1
            elif key == pygame.K_DELETE:
                self.text = self.text[: self.caret] + self.text[self.caret + 1 :]
            elif key == pygame.K_LEFT:
                self.caret = max(0, self.caret - 1)
            elif key == pygame.K_RIGHT:
                self.caret = min(len(self.text), self.caret + 1)
            elif key == pygame.K_HOME:
                self.caret = 0
            elif key == pygame.K_END:
                self.caret = len(self.text)
        return None

    def draw(
        self, surface: pygame.Surface, rect: pygame.Rect, font: pygame.font.Font, t: float
    ) -> None:
        """The box with wrapped text (scrolled to the caret), placeholder and a blinking caret."""
        rect = pygame.Rect(rect)
        if self.active and rect != self._ime_rect and pygame.display.get_init():
            pygame.key.set_text_input_rect(rect)  # IME candidate window next to the box
            self._ime_rect = rect
        theme.draw_panel(
            surface, rect, border=theme.ACCENT if self.active else theme.BORDER, shadow=False
        )
        if self.active:
            pygame.draw.rect(surface, theme.ACCENT, rect, 2, border_radius=theme.radius(rect))
        pad = max(4, font.get_height() // 2)
        inner = rect.inflate(-2 * pad, -2 * pad)
        shown = self.text[: self.caret] + self.composition + self.text[self.caret :]
        caret = self.caret + len(self.composition)
        step = font.get_linesize()
        with _Clip(surface, inner):
            if not shown:
                surface.blit(
                    render(fit_line(self.placeholder, font, inner.w), font, theme.INK_HINT),
                    inner.topleft,
                )
                spans: tuple[tuple[int, int], ...] = ((0, 0),)
            else:
                spans = wrap_spans(shown, font, max(1, inner.w - 2))
            visible = max(1, inner.h // step)
            cl = next((i for i, (s, e) in enumerate(spans) if s <= caret <= e), len(spans) - 1)
            first = (
                max(0, min(cl - visible + 1, len(spans) - visible)) if len(spans) > visible else 0
            )
            first = min(first, cl)
            for row, (s, e) in enumerate(spans[first : first + visible]):
                y = inner.y + row * step
                if shown:
                    surface.blit(render(shown[s:e], font, theme.INK), (inner.x, y))
                if self.composition and s <= self.caret < e + 1:
                    cs, ce = max(s, self.caret), min(e, self.caret + len(self.composition))
                    x0 = inner.x + font.size(shown[s:cs])[0]
                    x1 = inner.x + font.size(shown[s:ce])[0]
                    pygame.draw.line(
                        surface, theme.ACCENT, (x0, y + step - 2), (x1, y + step - 2), 2
                    )
            if self.active and (t % 1.0) < 0.55:
                s, e = spans[cl]
                x = inner.x + (font.size(shown[s:caret])[0] if shown else 0)
                y = inner.y + (cl - first) * step
                pygame.draw.line(
                    surface, theme.INK, (x, y + 2), (x, y + step - 2), max(1, step // 14)
                )
