"""Small inline SVG charts: score bars, per-turn lines and trend sparklines. No scripts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from simulator import labels
from simulator.i18n import _
from simulator.review.html import esc
from simulator.vocabulary import DIMENSIONS

LABELS = labels.DIMENSIONS  # the dimensions' names as written (English msgids)
__all__ = ["DIMENSIONS", "LABELS", "fmt", "score_bars", "sparkline", "turn_lines"]


def _label(dimension: str, names: Mapping[str, str] | None = None) -> str:
    """A dimension's name (from `names`, else in the active UI language), escaped for SVG."""
    return esc(names[dimension] if names is not None else labels.name(labels.DIMENSIONS, dimension))


COLOURS = {"empathy": "#2a6fdb", "firmness": "#c26a00", "boundary_clarity": "#1d8a5a"}


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def score_bars(scores: Mapping[str, float | None], title: str,
               names: Mapping[str, str] | None = None) -> str:
    """Three horizontal bars on a 0-100 scale (`names`: the dimensions' names to show, when
    the caller translates them itself, as the team pages do)."""
    width, label_w, row_h = 360, 120, 26
    height = row_h * len(DIMENSIONS) + 22
    bar_w = width - label_w - 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}">'
        f"<title>{esc(title)}</title>"
    ]
    for i, dim in enumerate(DIMENSIONS):
        y = 4 + i * row_h
        value = scores.get(dim)
        w = 0.0 if value is None else bar_w * max(0.0, min(100.0, value)) / 100
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="12" fill="#1d2330">{_label(dim, names)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" fill="#eef0f4"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="16" fill="{COLOURS[dim]}"/>'
            f'<text x="{label_w + bar_w + 6}" y="{y + 16}" font-size="12" '
            f'font-weight="600" fill="#1d2330">{fmt(value)}</text>'
        )
    axis_y = 4 + len(DIMENSIONS) * row_h + 12
    for tick in (0, 50, 100):
        x = label_w + bar_w * tick / 100
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y}" font-size="10" fill="#5b6475" '
            f'text-anchor="middle">{tick}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def turn_lines(series: Sequence[Mapping[str, float]], title: str,
               names: Mapping[str, str] | None = None, point: str | None = None) -> str:
    """One line per dimension across turns (x: turn number, y: 0-100); `point` names what the
    x axis counts in the tooltips (default: the turn)."""
    width, height = 520, 200
    left, right, top, bottom = 34, 12, 10, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(series)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y_at(v: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, v)) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}">'
        f"<title>{esc(title)}</title>"
    ]
    for tick in (0, 25, 50, 75, 100):
        y = y_at(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#e3e6eb"/><text x="{left - 6}" y="{y + 4:.1f}" font-size="10" '
            f'fill="#5b6475" text-anchor="end">{tick}</text>'
        )
    step = max(1, n // 12)
    for i in range(0, n, step):
        parts.append(
            f'<text x="{x_at(i):.1f}" y="{top + plot_h + 14}" font-size="10" fill="#5b6475" '
            f'text-anchor="middle">{i + 1}</text>'
        )
    for dim in DIMENSIONS:
        points = " ".join(f"{x_at(i):.1f},{y_at(s[dim]):.1f}" for i, s in enumerate(series))
        colour = COLOURS[dim]
        if n > 1:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for i, s in enumerate(series):
            turn_name = esc(f"{point} {i + 1}" if point else _("Turn {n}").format(n=i + 1))
            parts.append(
                f'<circle cx="{x_at(i):.1f}" cy="{y_at(s[dim]):.1f}" r="3" fill="{colour}">'
                f"<title>{turn_name} {_label(dim, names)}: {fmt(s[dim])}</title></circle>"
            )
    legend_y = height - 8
    for j, dim in enumerate(DIMENSIONS):
        x = left + j * 150
        parts.append(
            f'<rect x="{x}" y="{legend_y - 9}" width="10" height="10" fill="{COLOURS[dim]}"/>'
            f'<text x="{x + 14}" y="{legend_y}" font-size="11" fill="#1d2330">'
            f"{_label(dim, names)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(series: Sequence[Mapping[str, float]], title: str) -> str:
    """A tiny three-line trend across sessions, oldest on the left."""
    width, height, pad = 140, 34, 3
    n = len(series)

    def x_at(i: int) -> float:
        return width / 2 if n == 1 else pad + (width - 2 * pad) * i / (n - 1)

    def y_at(v: float) -> float:
        return pad + (height - 2 * pad) * (1 - max(0.0, min(100.0, v)) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}">'
        f'<title>{esc(title)}</title><rect width="{width}" height="{height}" fill="#f4f6f9"/>'
    ]
    for dim in DIMENSIONS:
        pts = " ".join(f"{x_at(i):.1f},{y_at(s[dim]):.1f}" for i, s in enumerate(series))
        if n > 1:
            parts.append(
                f'<polyline points="{pts}" fill="none" stroke="{COLOURS[dim]}" stroke-width="1.5"/>'
            )
        else:
            parts.append(
                f'<circle cx="{x_at(0):.1f}" cy="{y_at(series[0][dim]):.1f}" r="2" '
                f'fill="{COLOURS[dim]}"/>'
            )
    parts.append("</svg>")
    return "".join(parts)
