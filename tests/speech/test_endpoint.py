"""End of reply: hands-free (speech then trailing silence, timeouts) and push-to-talk."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from simulator.speech.audio import convert_all, read_wav
from simulator.speech.endpoint import EndpointConfig, EndReason, HandsFree, PushToTalk

RATE = 16000


def pcm(*parts: tuple[str, float], noise: float = 0.002) -> bytes:
    """('speech'|'silence', seconds) parts; speech is a loud chirpy tone, silence is low noise."""
    rng = np.random.default_rng(1)
    out = []
    for kind, seconds in parts:
        n = int(seconds * RATE)
        x = rng.normal(0, noise, n)
        if kind == "speech":
            t = np.arange(n) / RATE
            x += 0.3 * np.sin(2 * np.pi * (150 + 50 * np.sin(2 * np.pi * 3 * t)) * t)
        out.append(x)
    y = np.concatenate(out)
    return (np.clip(y, -1, 1) * 32767).astype("<i2").tobytes()


def run(
    ep: HandsFree | PushToTalk, data: bytes, chunk: int = 2048
) -> tuple[EndReason | None, float]:
    for i in range(0, len(data), chunk):
        reason = ep.feed(data[i : i + chunk])
        if reason:
            return reason, (i + chunk) / 2 / RATE
    return None, len(data) / 2 / RATE


def test_trailing_silence_ends_the_reply_after_the_configured_pause() -> None:
    data = pcm(
        ("silence", 1.0), ("speech", 1.5), ("silence", 0.4), ("speech", 1.0), ("silence", 3.0)
    )
    ep = HandsFree(EndpointConfig(trailing_silence=0.8))
    reason, at = run(ep, data)
    assert reason is EndReason.TRAILING_SILENCE
    assert ep.speech_start is not None and 0.85 < ep.speech_start < 1.15
    assert abs(at - (3.9 + 0.8)) < 0.15  # a 0.4 s pause inside the reply did not end it
    ep2 = HandsFree(EndpointConfig(trailing_silence=1.5))
    assert abs(run(ep2, data)[1] - (3.9 + 1.5)) < 0.15


def test_no_speech_timeout_and_max_length() -> None:
    ep = HandsFree(EndpointConfig(no_speech_timeout=2.0))
    reason, at = run(ep, pcm(("silence", 5.0)))
    assert reason is EndReason.NO_SPEECH and abs(at - 2.0) < 0.15 and not ep.speech_started
    ep = HandsFree(EndpointConfig(max_reply=3.0))
    reason, at = run(ep, pcm(("speech", 5.0)))
    assert reason is EndReason.MAX_LENGTH and abs(at - 3.0) < 0.15


def test_background_noise_alone_is_not_speech() -> None:
    ep = HandsFree(EndpointConfig(no_speech_timeout=3.0))
    assert run(ep, pcm(("silence", 4.0), noise=0.01))[0] is EndReason.NO_SPEECH


def test_real_espeak_reply_ends_after_its_last_word(ko_wav: Path) -> None:
    raw, fmt = read_wav(ko_wav)
    speech = convert_all(raw, fmt)
    silence = b"\x00\x00" * RATE * 3
    ep = HandsFree(EndpointConfig(trailing_silence=0.8))
    reason, at = run(ep, silence[:RATE] + speech + silence, chunk=1024 * 2)
    assert reason is EndReason.TRAILING_SILENCE
    assert ep.last_speech is not None and 1.0 + 3.0 < ep.last_speech <= 1.0 + len(speech) / 2 / RATE
    assert 0.75 < at - ep.last_speech < 0.95


def test_push_to_talk_counts_only_while_held() -> None:
    ptt = PushToTalk(max_reply=10.0, tail=0.2)
    chunk = pcm(("speech", 0.064))
    assert ptt.feed(chunk) is None and not ptt.wants_audio()
    ptt.press()
    for _ in range(10):
        assert ptt.wants_audio() and ptt.feed(chunk) is None
    ptt.release()
    # a short tail is still recorded after release (people let go mid-word), then it ends
    ends = [ptt.feed(chunk) for _ in range(4)]
    assert ends == [None, None, None, EndReason.RELEASED] and not ptt.wants_audio()
    assert abs(ptt.elapsed - 14 * 0.064) < 0.01
    long = PushToTalk(max_reply=0.5)
    long.press()
    assert run(long, pcm(("speech", 1.0)))[0] is EndReason.MAX_LENGTH
