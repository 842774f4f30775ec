"""The feedback card: score bars with changes, the reply with its evidence marked, and the
indicators behind the scores in words."""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from simulator import labels
from simulator.i18n import _, ngettext
from simulator.scoring.evidence import Evidence, ReplyScore
from simulator.ui import theme
from simulator.ui.text import LRU, Clip, fit_line, render, text_width, wrap_spans
from simulator.ui.theme import Colour
from simulator.vocabulary import DIMENSIONS

_EVIDENCE = LRU(64)


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
    label_w = max(text_width(_(labels.DIMENSIONS[d]), font) for d in DIMENSIONS)
    label_w = min(label_w + font.get_height() // 2, int(rect.w * 0.42))
    num_w = text_width("100 \u2212100", font) if previous else text_width("100", font)
    num_w += font.get_height() // 3
    with Clip(surface, rect):
        for i, dim in enumerate(DIMENSIONS):
            value = max(0, min(100, int(scores.get(dim, 0))))
            cy = round(rect.y + row_h * (i + 0.5))
            lab = render(fit_line(_(labels.DIMENSIONS[dim]), font, label_w - 2), font, theme.INK)
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


def _char_classes(text: str, spans: Sequence[tuple[int, int, float]]) -> bytearray:
    """Per character: 0 plain, 1 earned, 2 cost (cost wins where spans overlap)."""
    cls = bytearray(len(text))
    for s, e, pts in spans:
        s, e = max(0, s), min(len(text), e)
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
    cls = _char_classes(text, key_ev)
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
    evidence: Sequence[Evidence],
    font: pygame.font.Font,
) -> int:
    """The reply wrapped, earned spans blue + solid underline, cost spans vermillion + wavy."""
    rect = pygame.Rect(rect)
    key_ev = tuple((e.start, e.end, e.points) for e in evidence)
    surf, used = _EVIDENCE.get_or(
        ("evidence", text, key_ev, font, rect.size),
        lambda: _compose_evidence(text, key_ev, font, rect.size),
    )
    surface.blit(surf, rect)
    return used


# --- feedback card -----------------------------------------------------------------------------

WARNINGS = labels.WARNINGS


def humanise(indicator: str | Evidence) -> str:
    """'missing:offer_help' -> 'Missing: offer help' (in the UI language); `label` if given."""
    return labels.indicator(indicator)


def top_indicators(evidence: Sequence[Evidence], n: int = 3) -> tuple[list, list]:
    """(earned, cost) lists of (label, points) summed per indicator, strongest first."""
    totals: dict[str, float] = {}
    for ev in evidence:
        name = humanise(ev)
        totals[name] = totals.get(name, 0.0) + ev.points
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
    score: ReplyScore,
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
    with Clip(surface, rect):
        title = render(
            fit_line(_("Feedback on your reply"), font_big, inner.w), font_big, theme.INK
        )
        surface.blit(title, (inner.x, y))
        y += title.get_height() + pad // 2
        flags = score.flags
        for flag in [f for f in WARNINGS if f in flags][:2]:
            wr = pygame.Rect(inner.x, y, inner.w, round(line * 1.4))
            _warning(surface, wr, _(WARNINGS[flag]), font_small)
            y = wr.bottom + pad // 3
        bars_h = min(round(line * 1.5 * 3), max(line * 3, round(inner.h * 0.3)))
        draw_score_bars(
            surface,
            pygame.Rect(inner.x, y, inner.w, bars_h),
            score.scores,
            font_small,
            previous,
        )
        y += bars_h + pad // 2
        evidence = score.evidence
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


def delivery_summary(delivery: dict | None) -> str:
    """One line of delivery figures for a spoken reply ("" for a typed one)."""
    if not delivery:
        return ""
    parts = []
    if delivery.get("speaking_rate_wpm"):
        parts.append(_("pace {wpm:.0f} words/min").format(wpm=delivery["speaking_rate_wpm"]))
    if "long_pauses" in delivery:
        n = int(delivery["long_pauses"])
        longest = delivery.get("longest_pause_s") or 0
        parts.append(
            ngettext(
                "{n} long pause (longest {s:.1f} s)", "{n} long pauses (longest {s:.1f} s)", n
            ).format(n=n, s=longest)
        )
    if "fillers" in delivery:
        n = int(delivery["fillers"])
        parts.append(ngettext("{n} filler word", "{n} filler words", n).format(n=n))
    if delivery.get("hesitation_s") is not None:
        parts.append(_("started after {s:.1f} s").format(s=delivery["hesitation_s"]))
    if delivery.get("loudness_cv") is not None:
        parts.append(_("loudness variation {cv:.2f}").format(cv=delivery["loudness_cv"]))
    if delivery.get("firmness_adjustment"):
        parts.append(_("firmness {pts:+.0f}").format(pts=delivery["firmness_adjustment"]))
    return _("Delivery: {parts}").format(parts=" \u00b7 ".join(parts)) if parts else ""
