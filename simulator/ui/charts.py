"""Debrief charts: the three scores per turn, and the overall scores as rings.

Charts are composed once per (data, font, size) into a cached surface, then blitted.
"""

from __future__ import annotations

import math

import pygame

from simulator import labels
from simulator.i18n import _, active
from simulator.ui import theme
from simulator.ui.fonts import resized
from simulator.ui.text import LRU, fit_line, render, text_width, wrap_text
from simulator.vocabulary import DIMENSIONS

_CHARTS = LRU(16)


def _legend(surface: pygame.Surface, x: int, y: int, font: pygame.font.Font, right: int) -> int:
    """Colour swatch + name per dimension in one row; returns the row height."""
    h = font.get_linesize()
    for i, dim in enumerate(DIMENSIONS):
        sw = pygame.Rect(x, y + h // 4, h // 2, h // 2)
        _marker(surface, i, sw.center, h // 4 + 1, theme.DIMENSION_COLOURS[dim])
        x = sw.right + h // 4
        img = render(_(labels.DIMENSIONS[dim]), font, theme.INK)
        if x + img.get_width() > right:
            break
        surface.blit(img, (x, y))
        x += img.get_width() + h
    return h


def _marker(surface: pygame.Surface, kind: int, c: tuple[int, int], r: int, colour) -> None:
    """Distinct shapes per dimension (circle, square, triangle) so colour is not the only cue."""
    x, y = c
    if kind == 0:
        pygame.draw.circle(surface, colour, c, r)
    elif kind == 1:
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    else:
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)]
        )


def _compose_turns(
    turns: tuple[tuple[int, ...], ...], font: pygame.font.Font, size: tuple[int, int]
):
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    line = font.get_linesize()
    top = _legend(surf, 0, 0, font, w) + line // 2
    ylab_w = max(text_width("100", font), text_width(_("Turn"), font)) + line // 3
    plot = pygame.Rect(ylab_w, top + line // 2, w - ylab_w - line // 2, h - top - line * 2)
    if plot.w < 10 or plot.h < 10:
        return surf
    for v in (0, 25, 50, 75, 100):
        y = plot.bottom - round(plot.h * v / 100)
        pygame.draw.line(
            surf, theme.BORDER if v else theme.INK_MUTED, (plot.x, y), (plot.right, y), 1
        )
        img = render(str(v), font, theme.INK_MUTED)
        surf.blit(img, (plot.x - img.get_width() - line // 4, y - img.get_height() // 2))
    n = len(turns)
    if n == 0:
        img = render(fit_line(_("No turns yet"), font, plot.w), font, theme.INK_MUTED)
        surf.blit(img, img.get_rect(center=plot.center))
        return surf
    slot = plot.w / n
    every = max(1, math.ceil(render(str(n), font, theme.INK).get_width() * 1.8 / slot))
    for i in range(n):
        if (i + 1) % every == 0 or i == 0:
            img = render(str(i + 1), font, theme.INK_MUTED)
            surf.blit(
                img, (plot.x + slot * (i + 0.5) - img.get_width() / 2, plot.bottom + line // 4)
            )
    label = render(_("Turn"), font, theme.INK_MUTED)
    surf.blit(label, (0, plot.bottom + line // 4))
    if n <= 12:  # grouped bars
        bw = max(1.0, slot * 0.78 / 3)
        for i, vals in enumerate(turns):
            x0 = plot.x + slot * i + slot * 0.11
            for k, dim in enumerate(DIMENSIONS):
                v = max(0, min(100, vals[k]))
                bh = round(plot.h * v / 100)
                bar = pygame.Rect(round(x0 + k * bw), plot.bottom - bh, max(1, round(bw) - 1), bh)
                pygame.draw.rect(
                    surf,
                    theme.DIMENSION_COLOURS[dim],
                    bar,
                    border_top_left_radius=2,
                    border_top_right_radius=2,
                )
                mr = min(round(bw / 5), line // 4)
                if mr >= 3 and bh >= 4 * mr:  # the legend's shape, in white inside the bar top
                    _marker(surf, k, (bar.centerx, bar.y + 2 * mr), mr, theme.PANEL)
    else:  # lines with markers
        for k, dim in enumerate(DIMENSIONS):
            pts = [
                (plot.x + slot * (i + 0.5), plot.bottom - plot.h * max(0, min(100, v[k])) / 100)
                for i, v in enumerate(turns)
            ]
            pygame.draw.lines(surf, theme.DIMENSION_COLOURS[dim], False, pts, max(2, line // 7))
            for p in pts:
                _marker(
                    surf,
                    k,
                    (round(p[0]), round(p[1])),
                    max(3, line // 5),
                    theme.DIMENSION_COLOURS[dim],
                )
    return surf


def draw_turn_chart(
    surface: pygame.Surface, rect: pygame.Rect, turns: list[dict[str, int]], font: pygame.font.Font
) -> None:
    """The three scores per turn (grouped bars, or lines for many turns), axis 0-100, legend."""
    rect = pygame.Rect(rect)
    key = tuple(tuple(int(t.get(d, 0)) for d in DIMENSIONS) for t in turns)
    surf = _CHARTS.get_or(
        ("turns", active(), key, font, rect.size), lambda: _compose_turns(key, font, rect.size)
    )
    surface.blit(surf, rect)


def _compose_overall(values: tuple[int, ...], font: pygame.font.Font, size: tuple[int, int]):
    w, h = size
    surf = pygame.Surface(size, pygame.SRCALPHA)
    line = font.get_linesize()
    cell = w / 3
    d = max(8, min(cell * 0.8, h - line * 1.6))
    big = resized(font, max(10, round(d * 0.32)), bold=True)
    for k, dim in enumerate(DIMENSIONS):
        c = (round(cell * (k + 0.5)), round(d / 2 + 2))
        ring = pygame.Rect(0, 0, d, d)
        ring.center = c
        lw = max(3, round(d * 0.1))
        pygame.draw.circle(surf, theme.METER_TRACK, c, d / 2, lw)
        v = max(0, min(100, values[k]))
        if v:
            # pygame arcs have gaps when thick: draw as a band of dots along the arc instead
            steps = max(8, int(d * math.pi * v / 100 / 2))
            col = theme.DIMENSION_COLOURS[dim]
            for i in range(steps + 1):
                a = math.pi / 2 - 2 * math.pi * (v / 100) * i / steps
                pygame.draw.circle(
                    surf,
                    col,
                    (c[0] + math.cos(a) * (d / 2 - lw / 2), c[1] - math.sin(a) * (d / 2 - lw / 2)),
                    lw / 2,
                )
        num = render(str(v), big, theme.INK)
        surf.blit(num, num.get_rect(center=c))
        name = _(labels.DIMENSIONS[dim])
        y = ring.bottom + line // 3
        for part in wrap_text(name, font, round(cell) - 4)[:2]:  # a long name on two lines
            lab = render(fit_line(part, font, round(cell) - 4), font, theme.INK)
            surf.blit(lab, lab.get_rect(midtop=(c[0], y)))
            y += font.get_linesize()
    return surf


def draw_overall(
    surface: pygame.Surface, rect: pygame.Rect, overall: dict[str, int], font: pygame.font.Font
) -> None:
    """The overall three scores as progress rings with a big number inside and a label below."""
    rect = pygame.Rect(rect)
    key = tuple(int(overall.get(d, 0)) for d in DIMENSIONS)
    surf = _CHARTS.get_or(
        ("overall", active(), key, font, rect.size), lambda: _compose_overall(key, font, rect.size)
    )
    surface.blit(surf, rect)
