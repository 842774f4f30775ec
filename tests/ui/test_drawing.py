"""The pure drawing layer: each widget draws inside its rect (and only there), scales with the
window, and shows what it should (moods, mouth movement, highlight colours, glyphs)."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pygame
import pytest

from simulator.scoring.evidence import Evidence, ReplyScore
from simulator.ui import avatar, charts, fonts, theme
from simulator.ui.controls import (
    PeakHold,
    draw_button,
    draw_hints,
    draw_level_meter,
    draw_list,
    draw_status,
    list_window,
)
from simulator.ui.feedback import (
    _char_classes,
    draw_evidence_text,
    draw_feedback_card,
    draw_score_bars,
    humanise,
    top_indicators,
)
from simulator.ui.text import _visible_lines, draw_subtitle, draw_text_block, wrap_text
from simulator.ui.text_input import TextInput

SIZES = [(1280, 720), (640, 360)]
REPLY = (
    "I understand this is really frustrating, and I'm sorry. I can't give you my personal "
    "number, but I can book a callback with our manager today."
)


def span(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def evidence_for(text: str) -> list[Evidence]:
    out = []
    for part, pts, ind, dim in (
        ("I understand this is really frustrating", 8, "acknowledge_feelings", "empathy"),
        ("I can't give you my personal number", 10, "clear_refusal", "boundary_clarity"),
        ("I can book a callback", -6, "red_flag:over_promising", "firmness"),
    ):
        s, e = span(text, part)
        out.append(Evidence(dim, ind, pts, s, e, part))
    out.append(Evidence("firmness", "missing:name_policy", -5, 0, 0, ""))
    return out


SCORE = ReplyScore(
    scores={"empathy": 72, "firmness": 55, "boundary_clarity": 81},
    behaviours=frozenset({"acknowledge_feelings"}),
    evidence=tuple(evidence_for(REPLY)),
    flags=("low_confidence",),
    delivery=None,
)
HINTS = [("SPACE", "Talk"), ("T", "Type"), ("R", "Replay"), ("P", "Pause"), ("Esc", "Quit")]


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.display.init()
    pygame.font.init()
    yield


def pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface).astype(np.int16)


def changed_mask(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    return np.any(before != after, axis=2)  # indexed [x, y]


def region(mask: np.ndarray, rect: pygame.Rect) -> np.ndarray:
    return mask[rect.left : rect.right, rect.top : rect.bottom]


def count_colour(surface: pygame.Surface, rect: pygame.Rect, colour, tol: int = 6) -> int:
    arr = pixels(surface)[rect.left : rect.right, rect.top : rect.bottom]
    return int(np.all(np.abs(arr - np.array(colour)) <= tol, axis=2).sum())


def fonts_for(h: int, lang: str = "en"):
    lay_h = h
    return (
        fonts.font(lang, max(10, round(lay_h * 0.03))),
        fonts.font(lang, max(10, round(lay_h * 0.024))),
        fonts.font(lang, max(10, round(lay_h * 0.042)), bold=True),
    )


def widget_calls(w: int, h: int):
    """(name, draw(surface, rect)) for every widget."""
    body, small, big = fonts_for(h)
    ti = TextInput()
    ti.text, ti.caret = "I hear you, and I want to help", 30
    return [
        ("text_block", lambda s, r: draw_text_block(s, r, REPLY * 3, body, theme.INK)),
        ("subtitle", lambda s, r: draw_subtitle(s, r, "Mr. Harris", REPLY, body)),
        ("meter_on", lambda s, r: draw_level_meter(s, r, 0.6, True, peak=0.8)),
        ("meter_off", lambda s, r: draw_level_meter(s, r, 0.6, False)),
        *[
            (f"status_{st}", lambda s, r, st=st: draw_status(s, r, st, body, t=0.3))
            for st in theme.STATUS
        ],
        (
            "score_bars",
            lambda s, r: draw_score_bars(s, r, SCORE.scores, small, {"empathy": 50}),
        ),
        (
            "evidence",
            lambda s, r: draw_evidence_text(s, r, REPLY, SCORE.evidence, small),
        ),
        ("feedback", lambda s, r: draw_feedback_card(s, r, REPLY, SCORE, small, big)),
        ("hints", lambda s, r: draw_hints(s, r, HINTS, small)),
        ("button", lambda s, r: draw_button(s, r, "Start", body, focused=True)),
        (
            "list",
            lambda s, r: draw_list(s, r, [f"Scenario {i}" for i in range(30)], 17, body),
        ),
        ("text_input", lambda s, r: ti.draw(s, r, body, 0.1)),
        ("avatar", lambda s, r: avatar.draw_avatar(s, r, "angry", True, 1.3)),
        ("turn_chart", lambda s, r: charts.draw_turn_chart(s, r, [SCORE.scores] * 4, small)),
        ("overall", lambda s, r: charts.draw_overall(s, r, SCORE.scores, small)),
    ]


@pytest.mark.parametrize("size", SIZES)
def test_every_widget_draws_inside_its_rect_only(size):
    w, h = size
    for name, draw in widget_calls(w, h):
        rect = theme.sub(pygame.Rect(0, 0, w, h), 0.2, 0.25, 0.5, 0.4)
        if name.startswith(("meter", "status", "hints", "button")):
            rect.h = max(16, round(h * 0.075))
        surface = pygame.Surface(size)
        surface.fill(theme.BG)
        before = pixels(surface)
        draw(surface, rect)
        mask = changed_mask(before, pixels(surface))
        inside = region(mask, rect).sum()
        assert inside > rect.w * rect.h * 0.01, f"{name} drew almost nothing at {size}"
        assert mask.sum() == inside, f"{name} drew outside its rect at {size}"


@pytest.mark.parametrize("size", [*SIZES, (720, 1000)])
def test_layout_regions_fit_the_window_and_do_not_overlap(size):
    lay = theme.Layout.from_rect(pygame.Rect(0, 0, *size))
    regions = [
        lay.status,
        lay.avatar,
        lay.subtitle,
        lay.feedback,
        lay.transcript,
        lay.meter,
        lay.hints,
    ]
    for r in regions:
        assert lay.rect.contains(r) and r.w > 0 and r.h > 0
    for i, a in enumerate(regions):
        for b in regions[i + 1 :]:
            assert not a.colliderect(b), (a, b)
    assert lay.font_size("big") > lay.font_size("small")


def test_layout_scales_proportionally():
    a = theme.Layout.from_rect(pygame.Rect(0, 0, 1280, 720))
    b = theme.Layout.from_rect(pygame.Rect(0, 0, 640, 360))
    assert abs(a.avatar.w / 1280 - b.avatar.w / 640) < 0.02
    assert abs(a.feedback.h / 720 - b.feedback.h / 360) < 0.03


def avatar_image(
    mood: str, speaking: bool = False, t: float = 1.0, size=(400, 400)
) -> pygame.Surface:
    s = pygame.Surface(size)
    s.fill(theme.BG)
    avatar.draw_avatar(s, s.get_rect(), mood, speaking, t)
    return s


def test_angry_and_friendly_faces_differ_substantially():
    angry, friendly = pixels(avatar_image("angry")), pixels(avatar_image("friendly"))
    face = pygame.Rect(100, 60, 200, 220)
    diff = region(changed_mask(angry, friendly), face).mean()
    assert diff > 0.3, f"only {diff:.0%} of the face differs"
    # the angry face is redder
    a, f = angry[150:250, 150:220], friendly[150:250, 150:220]
    assert (a[..., 0] - a[..., 1]).mean() > (f[..., 0] - f[..., 1]).mean() + 10


def test_every_mood_has_its_own_face_and_unknown_is_calm():
    images = {m: pixels(avatar_image(m)).tobytes() for m in avatar.MOODS}
    assert len(set(images.values())) == len(avatar.MOODS)
    assert pixels(avatar_image("bewildered")).tobytes() == images["calm"]
    assert pixels(avatar_image("ANGRY")).tobytes() == images["angry"]


def test_mouth_moves_while_speaking():
    mouth = pygame.Rect(140, 170, 120, 90)  # lower face of a 400x400 avatar
    a = avatar_image("calm", True, 1.00)
    b = avatar_image("calm", True, 1.09)
    assert region(changed_mask(pixels(a), pixels(b)), mouth).sum() > 200
    open_px = max(
        count_colour(avatar_image("calm", True, 1.0 + k * 0.02), mouth, avatar.MOUTH_IN, 2)
        for k in range(10)
    )
    assert open_px > 100
    assert count_colour(avatar_image("calm", False, 1.0), mouth, avatar.MOUTH_IN, 2) == 0


def test_avatar_blinks():
    eyes = pygame.Rect(120, 120, 160, 60)
    open_white = count_colour(avatar_image("calm", False, 1.0), eyes, avatar.EYE_WHITE, 2)
    shut_white = count_colour(
        avatar_image("calm", False, 3.8 * 4 + 0.05), eyes, avatar.EYE_WHITE, 2
    )
    assert open_white > 200 and shut_white == 0


TEXTS = {
    "en": REPLY + " Supercalifragilisticexpialidociousnessandthensomemore is a long word.",
    "ru": "Я понимаю, как это неприятно, и мне очень жаль. Я не могу дать вам свой личный номер, "
    "но могу записать вас на звонок с менеджером сегодня.",
    "zh": "我理解您的心情，真的很抱歉。我不能给您我的私人电话，但是我可以帮您预约今天和经理通话。我们会尽快联系您。",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("width", [90, 180, 400])
def test_wrap_text_fits_width_and_loses_nothing(lang, width):
    text = TEXTS[lang]
    f = fonts.font(lang, 18)
    lines = wrap_text(text, f, width)
    assert len(lines) > 1
    for line in lines:
        assert f.size(line)[0] <= width, line
        assert line == line.strip()
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", text)
    if lang != "zh":  # words are only cut when a word alone is wider than the line
        for word in text.split():
            if f.size(word)[0] <= width:
                assert any(word in line.split() for line in lines), word


def test_wrap_keeps_paragraphs_and_breaks_long_words():
    f = fonts.font("en", 18)
    assert wrap_text("one\ntwo", f, 500) == ["one", "two"]
    long = "x" * 200
    lines = wrap_text(long, f, 100)
    assert "".join(lines) == long and all(f.size(ln)[0] <= 100 for ln in lines)
    assert wrap_text("", f, 100) == [""]


def test_text_block_clips_with_ellipsis():
    f = fonts.font("en", 18)
    s = pygame.Surface((400, 300))
    rect = pygame.Rect(10, 10, 200, 3 * f.get_linesize() + 5)
    used = draw_text_block(s, rect, REPLY * 4, f, theme.INK)
    assert used == 3 * f.get_linesize() <= rect.h
    lines = _visible_lines(REPLY * 4, f, rect)
    assert lines[-1].endswith("\u2026") and f.size(lines[-1])[0] <= rect.w


def test_chinese_font_has_glyphs():
    regular, _ = fonts.font_files("zh")
    if regular is None:
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei); CI installs it")
    f = fonts.font("zh", 24)
    assert fonts.has_glyphs(f, "「我理解您」")
    assert fonts.has_glyphs(fonts.font("ru", 24), "Здравствуйте")
    assert fonts.font("zh", 24) is f  # cached
    # a Latin-only font reports tofu for Chinese
    assert not fonts.has_glyphs(pygame.font.Font(None, 24), "我")


def test_unknown_language_falls_back_to_a_usable_font():
    f = fonts.font("xx", 20)
    assert isinstance(f, pygame.font.Font) and f.size("Hello")[0] > 0
    assert fonts.resized(f, 40).get_height() > f.get_height()


def test_missing_fonts_fall_back_to_pygame_default(monkeypatch):
    monkeypatch.setattr(fonts, "_KNOWN", {"zh": (), "latin": ()})
    monkeypatch.setattr(fonts, "_fontconfig", lambda lang: [])
    fonts.font_files.cache_clear()
    fonts.font.cache_clear()
    try:
        assert fonts.font_files("zh") == (None, None)
        f = fonts.font("zh", 20)
        assert fonts.font_path(f) is None and f.size("我理解您")[0] > 0  # tofu, but it runs
        assert not fonts.has_glyphs(f, "我")
    finally:
        fonts.font_files.cache_clear()
        fonts.font.cache_clear()


def test_evidence_highlight_colours_where_the_spans_are():
    f = fonts.font("en", 18)
    text = "I understand you. I cannot share that."
    ev = [
        Evidence("empathy", "a", 5, 0, 16, ""),
        Evidence("firmness", "b", -4, 18, 37, ""),
    ]
    s = pygame.Surface((800, 100))
    s.fill(theme.PANEL)
    rect = pygame.Rect(0, 0, 800, 100)
    draw_evidence_text(s, rect, text, ev, f)
    x16, x18, x37 = (f.size(text[:k])[0] for k in (16, 18, 37))
    line = pygame.Rect(0, 0, 1, f.get_linesize())
    earned = line.copy()
    earned.w = x16
    cost = pygame.Rect(x18, 0, x37 - x18, line.h)
    assert count_colour(s, earned, theme.EARNED_BG, 3) > earned.w
    assert count_colour(s, earned, theme.COST_BG, 3) == 0
    assert count_colour(s, cost, theme.COST_BG, 3) > cost.w
    assert count_colour(s, cost, theme.EARNED_BG, 3) == 0
    assert count_colour(s, earned, theme.EARNED, 40) > 0  # underline / text in the earned colour
    assert count_colour(s, cost, theme.COST, 40) > 0


def test_overlapping_spans_cost_wins():
    f = fonts.font("en", 18)
    text = "I promise I will call you myself."
    ev = [
        Evidence("empathy", "a", 5, 0, 33, ""),
        Evidence("firmness", "b", -5, 2, 16, ""),
    ]
    cls = _char_classes(text, [(e.start, e.end, e.points) for e in ev])
    assert set(cls[2:16]) == {2} and cls[0] == 1 and cls[20] == 1
    s = pygame.Surface((800, 60))
    draw_evidence_text(s, s.get_rect(), text, ev, f)
    x2, x16 = f.size(text[:2])[0], f.size(text[:16])[0]
    cost = pygame.Rect(x2 + 1, 0, x16 - x2 - 2, f.get_linesize())
    assert count_colour(s, cost, theme.COST_BG, 3) > cost.w
    assert count_colour(s, cost, theme.EARNED_BG, 3) == 0


def test_indicators_are_humanised_and_ranked():
    assert humanise("acknowledge_feelings") == "Acknowledge the feeling"
    assert humanise(Evidence("empathy", "x", 1, 0, 0, "", "Назвали чувство")) == "Назвали чувство"
    assert (
        humanise("missing:name_policy|explain_reason") == "Missing: name policy or explain reason"
    )
    assert humanise("red_flag:personal_contact") == "Red flag: personal contact"
    assert humanise("learned_words") == "Word choice (learned from raters)"
    assert humanise("learned_words:other") == "Other words (learned from raters)"
    earned, cost = top_indicators(SCORE.evidence)
    assert [e[0] for e in earned] == ["Clear refusal", "Acknowledge the feeling"]
    assert [c[0] for c in cost] == ["Red flag: over promising", "Missing: name policy"]


def test_feedback_card_shows_a_warning_for_low_confidence():
    _, small, big = fonts_for(720)
    rect = pygame.Rect(0, 0, 600, 400)
    warn, plain = pygame.Surface(rect.size), pygame.Surface(rect.size)
    draw_feedback_card(warn, rect, REPLY, SCORE, small, big)
    draw_feedback_card(plain, rect, REPLY, replace(SCORE, flags=()), small, big)
    assert count_colour(warn, rect, theme.WARNING_BG, 2) > 1000
    assert count_colour(plain, rect, theme.WARNING_BG, 2) == 0
    wrong = pygame.Surface(rect.size)
    draw_feedback_card(
        wrong,
        rect,
        "bonjour",
        ReplyScore({}, frozenset(), (), ("wrong_language",), None),
        small,
        big,
    )
    assert count_colour(wrong, rect, theme.WARNING_BG, 2) > 1000


def post_and_handle(ti: TextInput, events: list[pygame.event.Event]) -> list:
    pygame.event.clear()
    for e in events:
        pygame.event.post(e)
    return [ti.handle(e) for e in pygame.event.get()]


def key(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def text(s: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=s)


def test_text_input_typing_backspace_enter():
    ti = TextInput()
    results = post_and_handle(
        ti, [text("Привет"), text(" "), text("我理解您"), key(pygame.K_BACKSPACE)]
    )
    assert results == [None] * 4 and ti.text == "Привет 我理解"
    post_and_handle(ti, [key(pygame.K_BACKSPACE, pygame.KMOD_LCTRL)])
    assert ti.text == "Привет "
    post_and_handle(ti, [text("hello world"), key(pygame.K_BACKSPACE, pygame.KMOD_CTRL)])
    assert ti.text == "Привет hello "
    results = post_and_handle(ti, [key(pygame.K_RETURN)])
    assert results == ["Привет hello"] and ti.text == "" and not ti.cancelled
    assert post_and_handle(ti, [key(pygame.K_RETURN)]) == [None]  # nothing to submit


def test_text_input_escape_cancels():
    ti = TextInput()
    post_and_handle(ti, [text("abc")])
    assert post_and_handle(ti, [key(pygame.K_ESCAPE)]) == [None]
    assert ti.cancelled and not ti.active
    post_and_handle(ti, [text("ignored")])
    assert ti.text == "abc"


def test_text_input_caret_blinks():
    ti = TextInput()
    ti.text, ti.caret = "abc", 3
    f = fonts.font("en", 20)
    a, b = pygame.Surface((300, 60)), pygame.Surface((300, 60))
    ti.draw(a, a.get_rect(), f, 0.1)
    ti.draw(b, b.get_rect(), f, 0.8)
    assert changed_mask(pixels(a), pixels(b)).sum() > 0


def test_list_keeps_selection_visible():
    for n, sel, vis in [(30, 0, 5), (30, 29, 5), (30, 14, 5), (3, 2, 5)]:
        first = list_window(n, sel, vis)
        assert first <= sel < first + vis and 0 <= first <= max(0, n - vis)


def test_peak_hold_holds_then_falls():
    p = PeakHold(hold_s=0.5, fall_per_s=1.0)
    assert p.update(0.9, 0.0) == 0.9
    assert p.update(0.1, 0.3) == 0.9
    assert p.update(0.1, 1.0) < 0.9


def test_status_states_look_distinct():
    f = fonts.font("en", 16)
    imgs = set()
    for st in theme.STATUS:
        s = pygame.Surface((300, 40))
        draw_status(s, s.get_rect(), st, f, detail="same label")
        imgs.add(pygame.image.tobytes(s, "RGB"))
    assert len(imgs) == len(theme.STATUS)


def test_screenshots(tmp_path_factory):
    """Full screens saved as PNGs for a human look (HOLDLINE_UI_SHOTS=dir to keep them)."""
    out = Path(os.environ.get("HOLDLINE_UI_SHOTS") or tmp_path_factory.mktemp("ui_shots"))
    out.mkdir(parents=True, exist_ok=True)
    for w, h in [*SIZES, (720, 1000)]:
        s = pygame.Surface((w, h))
        draw_conversation(s, 1.0)
        pygame.image.save(s, str(out / f"conversation_{w}x{h}.png"))
    s = pygame.Surface((1280, 720))
    s.fill(theme.BG)
    f = fonts.font("en", 20)
    turns = [
        {"empathy": 40 + i * 7, "firmness": 70 - i * 5, "boundary_clarity": 30 + i * 10}
        for i in range(6)
    ]
    charts.draw_overall(
        s,
        pygame.Rect(40, 30, 1200, 230),
        {"empathy": 66, "firmness": 48, "boundary_clarity": 80},
        f,
    )
    charts.draw_turn_chart(s, pygame.Rect(40, 300, 1200, 390), turns, f)
    pygame.image.save(s, str(out / "debrief.png"))
    assert len(list(out.glob("*.png"))) >= 4


def draw_conversation(s: pygame.Surface, t: float, lang: str = "en") -> None:
    """A typical conversation frame (also used by benchmarks/ui_draw_bench.py)."""
    lay = theme.Layout.from_rect(s.get_rect())
    body = fonts.font(lang, lay.font_size("body"))
    small = fonts.font(lang, lay.font_size("small"))
    big = fonts.font(lang, lay.font_size("big"), bold=True)
    s.fill(theme.BG)
    draw_status(s, lay.status, "client_speaking", body, t=t)
    avatar.draw_avatar(s, lay.avatar, "angry", True, t)
    draw_subtitle(
        s,
        lay.subtitle,
        "Mr. Harris",
        "Why won't you just give me your number? I've been waiting three weeks!",
        body,
    )
    draw_feedback_card(s, lay.feedback, REPLY, SCORE, small, big)
    theme.draw_panel(s, lay.transcript)
    draw_text_block(
        s, lay.transcript.inflate(-20, -20), "I hear you, and I want to help", body, theme.INK
    )
    draw_level_meter(s, lay.meter, 0.5, True, peak=0.7)
    draw_hints(s, lay.hints, HINTS, small)
