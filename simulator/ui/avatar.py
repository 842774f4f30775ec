"""The client: a friendly stylised head-and-shoulders figure drawn with pygame.draw.

The face follows the mood (brows, eyes, mouth, skin tint, blush, tear or sweat drop), the mouth
moves while the client speaks, and the figure breathes and blinks from `t` alone, so drawing is
a pure function of (rect, mood, speaking, t). About 40 draw calls, well under a millisecond.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame
import pygame.gfxdraw

from simulator.ui import theme

Colour = tuple[int, int, int]
Point = tuple[float, float]

SKIN: Colour = (241, 200, 166)
SKIN_SHADE: Colour = (222, 176, 142)
HAIR: Colour = (84, 62, 52)
SHIRT: Colour = (78, 112, 150)
SHIRT_DARK: Colour = (60, 88, 122)
COLLAR: Colour = (236, 238, 242)
EYE_WHITE: Colour = (252, 252, 250)
IRIS: Colour = (70, 92, 110)
PUPIL: Colour = (24, 24, 30)
BROW: Colour = (70, 50, 42)
LIP: Colour = (150, 70, 64)
MOUTH_IN: Colour = (96, 34, 38)
TEETH: Colour = (250, 248, 244)
BLUSH: Colour = (236, 130, 130)
RED: Colour = (226, 96, 80)
PALE: Colour = (226, 214, 200)
DROP: Colour = (120, 180, 230)


@dataclass(frozen=True)
class Face:
    brow_inner: float = 0.0  # + raises the inner ends (worry), - lowers them (anger)
    brow_outer: float = 0.0
    eye_open: float = 1.0  # eye height scale
    glance: float = 0.0  # pupil offset, -1 left .. 1 right
    look_y: float = 0.0  # pupil offset, + down
    smile: float = 0.1  # mouth curve, -1 frown .. 1 smile
    mouth_w: float = 1.0
    mouth_open: float = 0.0  # resting open amount 0..1
    red: float = 0.0  # face flush towards red
    pale: float = 0.0
    blush: float = 0.0
    tilt: float = 0.0  # head tilt in degrees
    tear: bool = False
    sweat: bool = False
    backdrop: Colour = (226, 232, 238)


MOODS: dict[str, Face] = {
    "calm": Face(),
    "friendly": Face(
        0.15, 0.15, 0.95, smile=0.75, mouth_w=1.1, blush=0.25, backdrop=(226, 238, 228)
    ),
    "hopeful": Face(0.3, 0.1, 1.1, look_y=-0.4, smile=0.45, backdrop=(230, 236, 222)),
    "attached": Face(
        0.2, 0.0, 0.8, smile=0.45, mouth_w=0.85, blush=0.45, tilt=8.0, backdrop=(240, 226, 232)
    ),
    "sad": Face(0.55, -0.2, 0.75, look_y=0.5, smile=-0.6, mouth_w=0.85, backdrop=(222, 228, 240)),
    "anxious": Face(
        0.45,
        0.15,
        1.3,
        glance=0.3,
        smile=-0.25,
        mouth_w=0.7,
        pale=0.35,
        sweat=True,
        backdrop=(232, 230, 240),
    ),
    "distressed": Face(
        0.7,
        -0.25,
        0.9,
        look_y=0.3,
        smile=-0.85,
        mouth_open=0.25,
        pale=0.2,
        tear=True,
        backdrop=(220, 226, 240),
    ),
    "embarrassed": Face(
        0.25,
        0.0,
        0.85,
        glance=-0.85,
        look_y=0.35,
        smile=0.1,
        mouth_w=0.7,
        blush=0.9,
        backdrop=(242, 228, 228),
    ),
    "irritated": Face(-0.3, 0.05, 0.8, smile=-0.3, mouth_w=0.9, red=0.25, backdrop=(240, 232, 220)),
    "angry": Face(-0.6, 0.15, 0.78, smile=-0.65, red=0.55, backdrop=(244, 224, 214)),
    "furious": Face(
        -0.85, 0.3, 0.72, smile=-0.8, mouth_open=0.35, red=0.85, backdrop=(246, 214, 204)
    ),
    "panicked": Face(
        0.75,
        0.55,
        1.55,
        smile=-0.3,
        mouth_w=0.65,
        mouth_open=0.7,
        pale=0.5,
        sweat=True,
        backdrop=(236, 228, 244),
    ),
    "uneasy": Face(
        0.2, -0.05, 0.9, glance=0.8, smile=-0.15, mouth_w=0.75, backdrop=(234, 232, 228)
    ),
    "relieved": Face(0.25, 0.0, 0.55, smile=0.5, backdrop=(226, 238, 234)),
    "grateful": Face(
        0.2,
        0.15,
        0.62,
        smile=0.9,
        mouth_w=1.15,
        mouth_open=0.2,
        blush=0.45,
        backdrop=(228, 240, 226),
    ),
}


def face_for(mood: str) -> Face:
    """Face parameters for a mood name (unknown moods look calm)."""
    return MOODS.get(str(getattr(mood, "value", mood)).lower(), MOODS["calm"])


def _poly(surface: pygame.Surface, colour: Colour, pts: list[Point]) -> None:
    ipts = [(round(x), round(y)) for x, y in pts]
    if len(ipts) >= 3:
        pygame.gfxdraw.filled_polygon(surface, ipts, colour)
        pygame.gfxdraw.aapolygon(surface, ipts, colour)


def _ellipse_pts(cx: float, cy: float, rx: float, ry: float, n: int = 36) -> list[Point]:
    return [
        (cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n))
        for i in range(n)
    ]


def _curve(p0: Point, p1: Point, p2: Point, n: int = 12) -> list[Point]:
    """Quadratic Bézier points from p0 to p2 with control point p1."""
    out = []
    for i in range(n + 1):
        s = i / n
        a, b, c = (1 - s) ** 2, 2 * (1 - s) * s, s * s
        out.append((a * p0[0] + b * p1[0] + c * p2[0], a * p0[1] + b * p1[1] + c * p2[1]))
    return out


def _thick(surface: pygame.Surface, colour: Colour, pts: list[Point], width: float) -> None:
    w = max(1, round(width))
    ipts = [(round(x), round(y)) for x, y in pts]
    pygame.draw.lines(surface, colour, False, ipts, w)
    if w > 2:  # round caps
        for p in (ipts[0], ipts[-1]):
            pygame.draw.circle(surface, colour, p, w / 2)


def draw_avatar(
    surface: pygame.Surface, rect: pygame.Rect, mood: str, speaking: bool, t: float
) -> None:
    """Draw the client figure for `mood` into `rect`; mouth moves while `speaking`."""
    rect = pygame.Rect(rect)
    if rect.w < 8 or rect.h < 8:
        return
    f = face_for(mood)
    old_clip = surface.get_clip()
    surface.set_clip(old_clip.clip(rect))
    try:
        _draw(surface, rect, f, speaking, t)
    finally:
        surface.set_clip(old_clip)


def _draw(surface: pygame.Surface, rect: pygame.Rect, f: Face, speaking: bool, t: float) -> None:
    pygame.draw.rect(
        surface,
        theme.mix(f.backdrop, (255, 255, 255), 0.35),
        rect,
        border_radius=theme.radius(rect, 0.06),
    )
    r = min(rect.w * 0.27, rect.h * 0.23)  # head radius (width)
    breathe = math.sin(t * 1.7) * r * 0.025
    cx = rect.centerx
    cy = rect.y + rect.h * 0.42 + breathe
    pygame.draw.circle(
        surface, f.backdrop, (cx, rect.y + rect.h * 0.46), min(rect.w * 0.42, rect.h * 0.46)
    )

    # shoulders and neck (not tilted)
    sh_top = cy + r * 1.38 + breathe * 0.5
    body = pygame.Rect(0, 0, r * 3.6, r * 2.6)
    body.midtop = (cx, round(sh_top))
    pygame.draw.ellipse(surface, SHIRT, body)
    pygame.draw.rect(surface, SHIRT, (body.x, body.centery, body.w, rect.bottom - body.centery + 2))
    neck = pygame.Rect(0, 0, r * 0.62, r * 0.9)
    neck.midbottom = (cx, round(sh_top + r * 0.35))
    pygame.draw.rect(surface, SKIN_SHADE, neck, border_radius=round(r * 0.12))
    _poly(
        surface,
        COLLAR,
        [
            (cx - r * 0.55, sh_top + r * 0.05),
            (cx, sh_top + r * 0.55),
            (cx - r * 0.1, sh_top + r * 0.05),
        ],
    )
    _poly(
        surface,
        COLLAR,
        [
            (cx + r * 0.55, sh_top + r * 0.05),
            (cx, sh_top + r * 0.55),
            (cx + r * 0.1, sh_top + r * 0.05),
        ],
    )
    pygame.draw.line(
        surface, SHIRT_DARK, (cx, sh_top + r * 0.6), (cx, rect.bottom), max(1, round(r * 0.03))
    )

    # head, rotated by tilt about the neck
    a = math.radians(f.tilt + math.sin(t * 0.9) * 1.2)
    ca, sa = math.cos(a), math.sin(a)
    pivot = (cx, cy + r * 1.1)

    def P(dx: float, dy: float) -> Point:  # head-local (r units) -> screen
        x, y = cx + dx * r - pivot[0], cy + dy * r - pivot[1]
        return (pivot[0] + x * ca - y * sa, pivot[1] + x * sa + y * ca)

    def E(dx: float, dy: float, rx: float, ry: float, n: int = 28) -> list[Point]:
        return [P(x, y) for x, y in _ellipse_pts(dx, dy, rx, ry, n)]

    skin = theme.mix(SKIN, RED, f.red * 0.55) if f.red else SKIN
    if f.pale:
        skin = theme.mix(skin, PALE, f.pale)
    _poly(surface, HAIR, E(0, -0.12, 1.06, 1.14))  # hair behind
    for side in (-1, 1):  # ears
        _poly(surface, theme.mix(skin, SKIN_SHADE, 0.5), E(side * 0.93, 0.08, 0.17, 0.25, 16))
    _poly(surface, skin, E(0, 0.05, 0.92, 1.08))
    # fringe
    _poly(
        surface,
        HAIR,
        [
            P(-0.95, -0.2),
            *[P(x, y) for x, y in _curve((-0.95, -0.2), (-0.6, -1.3), (0.4, -1.05))],
            P(0.98, -0.3),
            P(0.7, -0.62),
            P(0.1, -0.58),
            P(-0.5, -0.45),
        ],
    )
    if f.red > 0.5:  # flushed forehead lines
        for k in (-1, 1):
            _thick(
                surface,
                theme.mix(skin, RED, 0.8),
                [P(k * 0.1, -0.42), P(k * 0.22, -0.36)],
                r * 0.04,
            )
    if f.blush:
        bc = theme.mix(skin, BLUSH, 0.35 + 0.45 * f.blush)
        for side in (-1, 1):
            _poly(surface, bc, E(side * 0.52, 0.32, 0.2, 0.11, 18))

    # eyes: blink every ~3.8 s (and a double blink now and then)
    ph = t % 3.8
    blink = ph < 0.13 or (int(t / 3.8) % 3 == 2 and 0.3 < ph < 0.42)
    ey = -0.02
    for side in (-1, 1):
        ex = side * 0.36
        rx, ry = 0.2, 0.16 * f.eye_open
        if blink:
            _thick(
                surface,
                BROW,
                [P(ex - rx, ey + 0.02), P(ex, ey + 0.06), P(ex + rx, ey + 0.02)],
                r * 0.05,
            )
        else:
            _poly(surface, EYE_WHITE, E(ex, ey, rx, ry, 24))
            ir = min(0.115, ry * 0.85)
            px = ex + f.glance * 0.07
            py = ey + f.look_y * 0.05 * f.eye_open
            _poly(surface, IRIS, E(px, py, ir, ir, 16))
            _poly(surface, PUPIL, E(px, py, ir * 0.55, ir * 0.55, 12))
            hx, hy = P(px + ir * 0.35, py - ir * 0.35)
            pygame.draw.circle(surface, (255, 255, 255), (hx, hy), max(1, r * 0.025))
            pygame.gfxdraw.aapolygon(
                surface, [(round(x), round(y)) for x, y in E(ex, ey, rx, ry, 24)], SKIN_SHADE
            )
        # brows: inner end near the nose
        by = ey - 0.19 - 0.06 * max(0.0, f.eye_open - 1.0)
        inner = (side * 0.17, by - 0.22 * f.brow_inner)
        outer = (side * 0.56, by - 0.12 * f.brow_outer + 0.02)
        mid = ((inner[0] + outer[0]) / 2, (inner[1] + outer[1]) / 2 - 0.05)
        _thick(surface, BROW, [P(*p) for p in _curve(inner, mid, outer, 8)], r * 0.09)
    # nose
    _thick(surface, SKIN_SHADE, [P(0.02, 0.12), P(-0.05, 0.3), P(0.04, 0.33)], r * 0.045)

    # mouth
    talk = 0.0
    if speaking:
        talk = 0.5 + 0.5 * math.sin(t * 17.0)
        talk *= 0.55 + 0.45 * abs(math.sin(t * 5.3 + 1.0))
    opening = min(1.0, f.mouth_open * 0.7 + talk)
    mw = 0.34 * f.mouth_w * (1 - 0.15 * talk)
    my = 0.56
    curve = f.smile * 0.15
    left, right = (-mw, my - curve), (mw, my - curve)
    top = _curve(left, (0, my + curve * 0.9 - 0.08 * opening), right, 14)
    if opening > 0.04:
        drop = 0.06 + 0.22 * opening
        bottom = _curve(right, (0, my + curve * 1.2 + drop * 2), left, 14)
        outline = [P(*p) for p in top + bottom]
        _poly(surface, MOUTH_IN, outline)
        if f.smile > 0.3:
            teeth = _curve(left, (0, my + curve * 0.9 + 0.05), right, 10)
            _poly(surface, TEETH, [P(*p) for p in top + teeth[::-1]])
        _thick(surface, LIP, outline + [outline[0]], r * 0.035)
    else:
        _thick(surface, LIP, [P(*p) for p in top], r * 0.075)

    if f.tear:
        tx, ty = P(-0.42, 0.2 + (t * 0.25) % 0.35)
        _poly(
            surface,
            DROP,
            [(tx, ty - r * 0.09), (tx + r * 0.05, ty), (tx, ty + r * 0.05), (tx - r * 0.05, ty)],
        )
    if f.sweat:
        sx, sy = P(0.82, -0.45)
        _poly(
            surface,
            DROP,
            [
                (sx, sy - r * 0.14),
                (sx + r * 0.07, sy + r * 0.02),
                (sx, sy + r * 0.08),
                (sx - r * 0.07, sy + r * 0.02),
            ],
        )
