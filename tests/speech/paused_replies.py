"""Korean replies with pauses in them, spoken by espeak-ng, built at test/benchmark time.

    reply = build_reply(tts, ("환불은 내일 처리되고,", "배송은 다음 주에 도착합니다."), [0.8])
    reply.pcm            # 16 kHz mono s16: lead-in silence, speech, pauses, speech, tail
    reply.last_word      # seconds into pcm where the last word ends
    reply.pauses         # (start, end) of each mid-reply pause, seconds
    write_wav(path, reply.pcm, VOSK_FORMAT)

Each fragment is rendered on its own by our TTS worker (espeak-ng's Korean voice) and trimmed
to its voiced samples; a fragment that ends in a comma is spoken with espeak's continuation
intonation, a full stop with a falling end. So the pauses sit where a speaker would stop to
think: after "그리고" (and), "하지만" (but), "음" (um), or a clause with a connective ending.
Nothing is written to the repository: audio lives in the caller's temporary folders.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from simulator.speech.audio import VOSK_FORMAT, convert_all, read_wav
from simulator.speech.tts import TextToSpeech

RATE = VOSK_FORMAT.rate
LEAD_IN = 0.5  # seconds of silence before the reply
TAIL = 2.5  # seconds of silence after it (a hands-free reply ends in here)

# (fragments): every fragment but the last ends mid-thought; the last ends the reply
REPLIES: tuple[tuple[str, ...], ...] = (
    ("저는 고객 서비스 담당자이고,", "오늘 주문을 도와드리겠습니다."),
    ("환불은 내일 처리되고,", "배송은 다음 주에 도착합니다."),
    ("고객님 말씀은 이해하지만,", "그건 제가 바로 바꿀 수 없습니다."),
    ("그리고,", "영수증을 이메일로 보내 드리겠습니다."),
    ("음,", "제가 확인해 보니까,", "주문은 어제 발송되었습니다."),
    ("하지만,", "다른 방법이 있습니다."),
    ("정말 죄송합니다 그리고,", "제가 바로 처리해 드리겠습니다."),
    ("어,", "배송이 늦어진 것은,", "날씨 때문입니다."),
    ("그래서,", "내일 다시 연락드릴게요."),
    ("주문하신 상품은,", "창고에 아직 있습니다."),
    ("그런데,", "주문 번호를 알려 주시겠어요?"),
    ("제가 확인해 보니까,", "음,", "환불은 삼 일 안에 완료됩니다."),
    ("불편을 드려서 죄송하고,", "다음에는 더 빨리 보내 드리겠습니다."),
    ("고객님,", "더 도와드릴 일이 있을까요?"),
)


@dataclass(frozen=True)
class PausedReply:
    text: str
    pcm: bytes
    last_word: float
    pauses: tuple[tuple[float, float], ...]

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / RATE


def voiced(tts: TextToSpeech, text: str) -> np.ndarray:
    """One fragment as float samples at 16 kHz, trimmed to its first and last voiced sample."""
    x = np.frombuffer(convert_all(*read_wav(tts.render(text, "ko"))), "<i2").astype(np.float32)
    loud = np.flatnonzero(np.abs(x) > 0.01 * 32768)
    if len(loud) == 0:
        raise ValueError(f"espeak-ng rendered no speech for {text!r}")
    return x[loud[0] : loud[-1] + 1] / 32768


def build_reply(tts: TextToSpeech, fragments: tuple[str, ...], pauses: list[float]) -> PausedReply:
    if len(pauses) != len(fragments) - 1:
        raise ValueError("one pause between each pair of fragments")
    parts = [np.zeros(int(LEAD_IN * RATE), np.float32)]
    t = LEAD_IN
    spans = []
    for i, text in enumerate(fragments):
        speech = voiced(tts, text)
        parts.append(speech)
        t += len(speech) / RATE
        if i < len(pauses):
            spans.append((round(t, 3), round(t + pauses[i], 3)))
            parts.append(np.zeros(int(round(pauses[i] * RATE)), np.float32))
            t += int(round(pauses[i] * RATE)) / RATE
    last_word = t
    parts.append(np.zeros(int(TAIL * RATE), np.float32))
    pcm = (np.clip(np.concatenate(parts), -1, 1) * 32767).astype("<i2").tobytes()
    return PausedReply(" ".join(fragments), pcm, round(last_word, 3), tuple(spans))


def corpus(cache: Path, copies: int = 2, seed: int = 16) -> list[PausedReply]:
    """Every reply `copies` times, each with its own mid-reply pauses drawn from 0.3-1.0 s."""
    rng = random.Random(seed)
    out = []
    with TextToSpeech(cache) as tts:
        for _ in range(copies):
            for fragments in REPLIES:
                pauses = [round(rng.uniform(0.3, 1.0), 2) for _ in fragments[1:]]
                out.append(build_reply(tts, fragments, pauses))
    return out
