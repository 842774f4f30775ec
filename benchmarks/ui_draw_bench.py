"""Milliseconds per full-frame draw of a typical conversation screen (target well under 10 ms).

Usage: python benchmarks/ui_draw_bench.py [--frames 600] [--size 1280x720] [--lang en]
Draws status, animated avatar, subtitle, feedback card with evidence, typed reply, level meter
and hints into an off-screen Surface (SDL dummy driver), the way the app does at 60 FPS.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame  # noqa: E402

from simulator.scoring.evidence import Evidence, ReplyScore  # noqa: E402
from simulator.ui import avatar, fonts, theme  # noqa: E402
from simulator.ui.controls import PeakHold, draw_hints, draw_level_meter, draw_status
from simulator.ui.feedback import draw_feedback_card
from simulator.ui.text import draw_subtitle
from simulator.ui.text_input import TextInput

TEXT = {
    "en": (
        "Mr. Harris",
        "Why won't you just give me your number? I've been waiting three weeks and nobody calls!",
        "I understand this is really frustrating, and I'm sorry. I can't give you my personal "
        "number, but I can book a callback with our manager today.",
        (
            "I understand this is really frustrating",
            "I can't give you my personal number",
            "I can book a callback",
        ),
    ),
    "zh": (
        "王阿姨",
        "小伙子，你人真好。你能不能加我微信？我一个人在家，平时也没人跟我说话。",
        "我理解您的心情，真的很抱歉。我不能加您的微信，但是我可以帮您预约社区志愿者来陪您聊天。",
        ("我理解您的心情", "我不能加您的微信", "我可以帮您预约"),
    ),
}
HINTS = [("SPACE", "Talk"), ("T", "Type"), ("R", "Replay"), ("P", "Pause"), ("Esc", "Quit")]


def make_score(reply: str, parts: tuple[str, str, str]) -> ReplyScore:
    ev = []
    for part, pts, ind in zip(
        parts,
        (8, 10, -6),
        ("acknowledge_feelings", "clear_refusal", "red_flag:over_promising"),
        strict=True,
    ):
        s = reply.index(part)
        ev.append(Evidence("empathy", ind, pts, s, s + len(part), part))
    return ReplyScore(
        scores={"empathy": 72, "firmness": 55, "boundary_clarity": 81},
        behaviours=frozenset(),
        evidence=tuple(ev),
        flags=("low_confidence",),
        delivery=None,
    )


def frame(
    s: pygame.Surface, t: float, lang: str, typing: TextInput, peak: PeakHold
) -> None:
    speaker, line, reply, parts = TEXT[lang]
    score = make_score(reply, parts)
    lay = theme.Layout.from_rect(s.get_rect())
    body = fonts.font(lang, lay.font_size("body"))
    small = fonts.font(lang, lay.font_size("small"))
    big = fonts.font(lang, lay.font_size("big"), bold=True)
    level = 0.5 + 0.4 * ((t * 7.0) % 1.0 - 0.5)
    s.fill(theme.BG)
    draw_status(s, lay.status, "client_speaking", body, t=t)
    avatar.draw_avatar(s, lay.avatar, "angry", True, t)
    draw_subtitle(s, lay.subtitle, speaker, line, body)
    draw_feedback_card(s, lay.feedback, reply, score, small, big)
    typing.draw(s, lay.transcript, body, t)
    draw_level_meter(s, lay.meter, level, True, peak=peak.update(level, t))
    draw_hints(s, lay.hints, HINTS, small)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=600)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--lang", choices=sorted(TEXT), default="en")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.lower().split("x"))
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface((w, h))
    typing = TextInput()
    typing.text = typing.text + TEXT[args.lang][2][:40]
    typing.caret = len(typing.text)
    peak = PeakHold()
    t0 = time.perf_counter()
    frame(surface, 0.0, args.lang, typing, peak)
    cold = (time.perf_counter() - t0) * 1000
    times = []
    for i in range(args.frames):
        t = i / 60.0
        a = time.perf_counter()
        frame(surface, t, args.lang, typing, peak)
        times.append((time.perf_counter() - a) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{args.lang} {w}x{h}: first frame {cold:.1f} ms (cold caches); "
        f"per frame mean {statistics.mean(times):.2f} ms, median {statistics.median(times):.2f} ms,"
        f" p95 {p95:.2f} ms, max {times[-1]:.2f} ms over {len(times)} frames"
    )


if __name__ == "__main__":
    main()
