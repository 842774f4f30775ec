"""The real Vosk recogniser (Korean model from PyPI) on espeak-ng Korean speech."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.errors import HoldlineError
from simulator.speech.audio import (
    AudioFormat,
    Resampler,
    convert_all,
    float_to_s16,
    read_wav,
    to_float_mono,
    write_wav,
)
from simulator.speech.stt import ModelLoader, Recognizer, load_model, transcribe_file
from simulator.transcript import Transcript

pytestmark = pytest.mark.slow
EXPECTED = "서비스"  # the word Vosk reliably hears in KO_TEXT spoken by espeak-ng


def check_sane(t: Transcript, duration: tuple[float, float] = (3.0, 6.0)) -> None:
    assert EXPECTED in t.text
    assert t.words and duration[0] < t.duration < duration[1]
    prev_end = 0.0
    for w in t.words:
        assert 0.0 <= w.start < w.end <= t.duration + 0.05
        assert w.start >= prev_end - 0.05  # in order, no big overlaps
        assert 0.0 <= w.conf <= 1.0
        prev_end = w.end
    service = next(w for w in t.words if EXPECTED in w.word)
    assert 1.2 < service.start < 2.4  # '서비스' is spoken about 1.7 s in


def test_transcribes_korean_speech_with_word_timings(
    ko_model: Any, ko_wav: Path, tmp_path: Path
) -> None:
    t = transcribe_file(ko_model, ko_wav)
    check_sane(t)
    assert t.audio is not None and t.audio.format == AudioFormat(16000, 2, 1)
    assert abs(t.audio.seconds - t.duration) < 0.01
    pcm, fmt = read_wav(t.audio.save(tmp_path / "reply.wav"))  # written once, as it was heard
    assert fmt == t.audio.format and pcm == t.audio.pcm
    assert set(t.to_json()) >= {"text", "words", "duration"}


@pytest.mark.parametrize(("rate", "channels"), [(22050, 2), (44100, 1), (48000, 2)])
def test_any_rate_and_channel_count_is_converted(
    ko_model: Any, ko_wav: Path, tmp_path: Path, rate: int, channels: int
) -> None:
    pcm, fmt = read_wav(ko_wav)
    x = to_float_mono(pcm, fmt)[: int(2.6 * fmt.rate)]  # up to just after '서비스': faster
    r = Resampler(fmt.rate, rate)
    y = np.concatenate([r.process(x), r.flush()])
    if channels == 2:  # opposite-phase noise on the two channels: it cancels in the mix
        noise = np.random.default_rng(0).normal(0, 0.02, len(y)).astype(np.float32)
        y = np.stack([y + noise, y - noise], axis=1).reshape(-1)
    path = write_wav(tmp_path / "in.wav", float_to_s16(y), AudioFormat(rate, 2, channels))
    check_sane(transcribe_file(ko_model, path), duration=(2.55, 2.65))


def test_streaming_session_gives_partials_then_final(ko_model: Any, ko_wav: Path) -> None:
    pcm, fmt = read_wav(ko_wav)
    rec = Recognizer(ko_model, fmt).start()
    partials = []
    step = fmt.bytes_for(0.1)
    for i in range(0, len(pcm), step):
        rec.feed(pcm[i : i + step])
        partials.append(rec.partial())
    assert any(partials[: len(partials) * 3 // 4]), "partial text appears while speaking"
    final = rec.final()
    check_sane(final)
    # a new session on the same recogniser object starts from scratch
    rec.start()
    rec.feed(b"\x00\x00" * 16000)
    assert rec.final().text == ""


def test_background_loading_and_bad_model_dirs(ko_model_path: Path, tmp_path: Path) -> None:
    loader = ModelLoader(ko_model_path).start()
    assert loader.result(timeout=60) is not None and loader.ready and loader.seconds > 0
    with pytest.raises(HoldlineError, match="model directory not found"):
        load_model(tmp_path / "nope")
    with pytest.raises(HoldlineError, match="not a Vosk model directory"):
        load_model(tmp_path)
    broken = tmp_path / "broken"
    (broken / "am").mkdir(parents=True)
    (broken / "conf").mkdir()
    (broken / "am" / "final.mdl").write_bytes(b"garbage")
    bad = ModelLoader(broken).start()
    with pytest.raises(HoldlineError, match="cannot load speech model"):
        bad.result(timeout=30)


def test_a_short_word_after_a_closed_segment_is_kept(
    ko_model: Any, ko_wav: Path, tts_cache: Path
) -> None:
    from paused_replies import voiced

    from simulator.speech.tts import TextToSpeech

    with TextToSpeech(tts_cache) as tts:
        no = voiced(tts, "아니요.")  # "no", 0.46 s: too short to show in a partial yet
    sentence = convert_all(*read_wav(ko_wav))
    pause = b"\x00\x00" * 16000  # Kaldi closes the sentence's segment in here
    tail = b"\x00\x00" * 3200  # push-to-talk's 0.2 s after the key is let go
    rec = Recognizer(ko_model).start()
    for part in (sentence, pause, float_to_s16(no), tail):
        for i in range(0, len(part), 2048):
            rec.feed(part[i : i + 2048])
    t = rec.final()
    said_at = (len(sentence) + len(pause)) / 2 / 16000
    assert EXPECTED in t.text
    assert [w for w in t.words if w.start >= said_at - 0.05], f"the last word was lost: {t.text}"
    assert t.extra["finalised"] == "final_result"
    # cut mid-sentence (push-to-talk released early): FinalResult() does the work
    pcm, fmt = read_wav(ko_wav)
    cut = Recognizer(ko_model, fmt).start()
    cut.feed(pcm[: fmt.bytes_for(2.3)])
    early = cut.final()
    assert early.extra["finalised"] == "final_result" and early.words


def test_reply_listener_over_a_wav_source(ko_model: Any, ko_wav: Path, tmp_path: Path) -> None:
    from simulator.speech.endpoint import EndpointConfig, HandsFree
    from simulator.speech.listen import ReplyListener, WavSource

    source = WavSource(ko_wav, tail=2.0)  # 22050 Hz file: the listener converts
    ep = HandsFree(EndpointConfig(trailing_silence=0.8), source.format)
    calls: list[str] = []
    listener = ReplyListener(
        source, ko_model, ep, on_speech=lambda: calls.append("speech"),
        on_done=lambda heard: calls.append("done" if heard.done else "early"),
    ).start()  # fmt: skip
    t = listener.result(timeout=60)
    assert EXPECTED in t.text and t.extra["end_reason"] == "trailing_silence"
    assert 4.4 < t.duration < 5.5 and t.audio is not None
    assert abs(t.audio.seconds - t.duration) < 0.01
    deadline = time.monotonic() + 5  # on_done runs on the listener's thread, just after result
    while len(calls) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert calls == ["speech", "done"], "told once when speech started, once at the end"
    assert listener.done and listener.partial == t.text


def test_settling_in_a_pause_keeps_the_last_word_times_and_text(
    ko_model: Any, ko_wav: Path
) -> None:
    pcm, fmt = read_wav(ko_wav)
    rec = Recognizer(ko_model, fmt).start()
    rec.feed(pcm)
    short_pause = b"\x00\x00" * int(fmt.rate * 0.15)
    rec.feed(short_pause)
    assert rec.settle() is True  # FinalResult(): the decoder's lookahead is flushed
    assert EXPECTED in rec.partial() and rec.settled
    assert rec.settle() is False, "already settled"
    held = b"\x00\x00" * int(fmt.rate * 1.0)  # 0.7 s of it is never decoded
    rec.feed(held)  # the rest of the pause: kept, not decoded
    at_settle = rec.final()
    assert at_settle.extra["finalised"] == "settled" and EXPECTED in at_settle.text
    assert at_settle.audio is not None
    assert abs(at_settle.audio.seconds - fmt.seconds(len(pcm + short_pause + held))) < 0.01

    rec = Recognizer(ko_model, fmt).start()
    rec.feed(pcm)
    rec.feed(short_pause)
    rec.settle()
    rec.feed(held)
    rec.resume()  # the trainee goes on: the end of the held pause is decoded, then the same
    rec.feed(pcm)  # sentence again
    t = rec.final()
    assert t.extra["finalised"] == "final_result"
    first_len = fmt.seconds(len(pcm + short_pause + held))
    first = [w for w in t.words if w.end <= first_len + 0.05]
    second = [w for w in t.words if w.start >= first_len]
    assert EXPECTED in " ".join(w.word for w in first)
    assert len(first) >= 5 and len(second) >= 5  # the second sentence runs on in time
    # the skipped part of the pause still counts: each sentence ends at the same place in it
    assert abs(second[-1].end - first[-1].end - first_len) < 0.3
    assert second[-1].end <= t.duration + 0.05
    starts = [w.start for w in t.words]
    assert starts == sorted(starts)
