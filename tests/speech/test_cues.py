"""End-of-reply cues: the words so far (per language) and the pitch of the last voiced frames."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.speech.cues import Contour, TextCue, Tone, pitch_hz, text_cue

RATE = 16000
FRAME = 512


@pytest.mark.parametrize(
    ("language", "text", "cue"),
    [
        ("en", "I can refund it today and", TextCue.INCOMPLETE),
        ("en-GB", "so the thing is um", TextCue.INCOMPLETE),
        ("en", "I will call you back tomorrow", TextCue.NEUTRAL),
        ("en", "", TextCue.NEUTRAL),
        ("ru", "я проверю заказ и", TextCue.INCOMPLETE),
        ("ru", "ну", TextCue.INCOMPLETE),
        ("ru", "я проверю заказ", TextCue.NEUTRAL),
        ("zh", "我 帮 你 查 一下 然后", TextCue.INCOMPLETE),
        ("zh", "嗯", TextCue.INCOMPLETE),
        ("zh", "已经 发货 了", TextCue.COMPLETE),
        ("ko", "환불은 내일 처리되고", TextCue.INCOMPLETE),  # connective ending -고
        ("ko", "그리고", TextCue.INCOMPLETE),
        ("ko", "음", TextCue.INCOMPLETE),
        ("ko", "배송은 다음 주에 도착합니다", TextCue.COMPLETE),
        ("ko", "더 도와드릴 일이 있을까요", TextCue.CLOSED),  # a polite close: -요
        ("ko", "내일 오시면 되죠", TextCue.CLOSED),
        ("ko", "그게 있잖아요", TextCue.INCOMPLETE),  # a filler, though it ends on -요
        ("zh", "你 还 需要 别的 吗", TextCue.CLOSED),
        ("ko", "배송은 다음 주에", TextCue.NEUTRAL),
        ("de", "und", TextCue.NEUTRAL),  # no word list for the language: no cue
    ],
)
def test_text_cue_per_language(language: str, text: str, cue: TextCue) -> None:
    assert text_cue(language, text) is cue


def voice(f0: np.ndarray) -> np.ndarray:
    """A buzzy voice-like signal (harmonics) following the pitch track f0, per sample."""
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    return sum(0.3 / k * np.sin(k * phase) for k in range(1, 6)).astype(np.float32)


@pytest.mark.parametrize("hz", [90.0, 150.0, 240.0])
def test_pitch_of_a_steady_voice(hz: float) -> None:
    frame = voice(np.full(FRAME, hz))
    assert abs(pitch_hz(frame, RATE) - hz) < 0.04 * hz


def test_noise_and_silence_have_no_pitch() -> None:
    noise = np.random.default_rng(0).normal(0, 0.1, FRAME).astype(np.float32)
    assert pitch_hz(noise, RATE) == 0.0
    assert pitch_hz(np.zeros(FRAME, np.float32), RATE) == 0.0


def contour_of(track: list[float]) -> Contour:
    c = Contour()
    for hz in track:
        c.add(pitch_hz(voice(np.full(FRAME, hz)), RATE))
    return c


def test_a_statement_falls_a_continuation_rises_a_hold_is_level() -> None:
    body = [120.0 + 10 * np.sin(i / 3) for i in range(30)]
    assert contour_of(body + [105, 100, 96, 92, 90]).ending() is Tone.FALLING
    assert contour_of(body + [124, 128, 132, 136, 140]).ending() is Tone.RISING
    assert contour_of(body + [120, 121, 120, 121, 120, 121, 120]).ending() is Tone.LEVEL
    assert contour_of([120, 118, 116]).ending() is Tone.UNKNOWN  # too short to judge


def test_a_low_phrase_that_turns_up_at_its_end_is_not_a_fall() -> None:
    body = [120.0 + 10 * np.sin(i / 3) for i in range(30)]
    assert contour_of(body + [106] * 8 + [104] * 4).ending() is Tone.FALLING
    dips_and_turns = contour_of(body + [104] * 8 + [106] * 4)  # "다른 약도," going on
    ratios = dips_and_turns.ratios()
    assert ratios is not None and ratios[0] < 0.93 and 1.0 < ratios[1] < 1.03
    assert dips_and_turns.ending() is Tone.LEVEL
