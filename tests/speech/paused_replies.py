"""Korean replies with pauses in them, spoken by espeak-ng, built at test/benchmark time.

    reply = build_reply(tts, ("환불은 내일 처리되고,", "배송은 다음 주에 도착합니다."), [0.8])
    reply.pcm            # 16 kHz mono s16: lead-in silence, speech, pauses, speech, tail
    reply.last_word      # seconds into pcm where the last word ends
    reply.pauses         # (start, end) of each mid-reply pause, seconds
    write_wav(path, reply.pcm, VOSK_FORMAT)
    corpus(cache)        # REPLIES, the endpoint benchmark's first set
    varied(cache)        # VARIED: more replies, questions, fillers, voices (the second set)

Each fragment is rendered on its own by our TTS worker (espeak-ng's Korean voice) and trimmed
to its voiced samples; a fragment that ends in a comma is spoken with espeak's continuation
intonation, a full stop with a falling end. So the pauses sit where a speaker would stop to
think: after "그리고" (and), "하지만" (but), "음" (um), or a clause with a connective ending.
VARIED was written later so that end-of-reply rules are not tuned to REPLIES' 14 items: other
words (a pharmacy's), one to three pauses, a pause after a topic, a subject or a condition,
polite questions of several forms (-세요?, -까요?, -나요?, -니까?), and each reply in one of
four voices (espeak-ng Korean at other rates and pitches, and its female variant).
Nothing is written to the repository: audio lives in the caller's temporary folders.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from simulator.speech.audio import VOSK_FORMAT, convert_all, read_wav
from simulator.speech.tts import TextToSpeech, VoiceSettings

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

VARIED: tuple[tuple[str, ...], ...] = (
    ("네,", "지금 바로 확인해 드리겠습니다."),
    ("죄송하지만,", "그 약은 지금 품절입니다."),
    ("처방전을 가져오시면,", "바로 약을 지어 드릴게요."),
    ("아이가 열이 계속 나면,", "병원에 꼭 가 보셔야 합니다."),
    ("저희 약국은,", "밤 열 시까지 문을 엽니다."),
    ("이 시럽은 하루에 세 번,", "식사 후에 먹이시면 됩니다."),
    ("가격은 조금 비싸지만,", "효과는 아주 좋습니다."),
    ("이 약은 졸릴 수 있는데,", "운전은 하지 마세요."),
    ("그러니까,", "오늘은 어렵고 내일은 가능합니다."),
    ("제 생각에는,", "이 방법이 제일 빠릅니다."),
    ("음,", "잠시만 기다려 주세요."),
    ("어,", "그건 제가 잘 모르겠습니다."),
    ("그래서 말씀드리면,", "환불은 안 됩니다."),
    ("오늘 오전에,", "택배로 보내 드렸습니다."),
    ("그리고,", "음,", "영수증은 봉투 안에 있습니다."),
    ("만약에,", "증상이 계속되면,", "다시 연락 주세요."),
    ("저,", "그게,", "지금은 재고가 없어요."),
    ("먼저 성함을 확인하고,", "그리고,", "주문 내역을 찾아보겠습니다."),
    ("이 약은 식후에 드시고,", "물을 많이 드세요."),
    ("기다리시게 해서,", "정말 죄송합니다."),
    ("음,", "제가 보기에는,", "그러니까,", "내일 오시는 게 좋겠습니다."),
    ("배송이 늦어져서,", "쿠폰을 하나 드리겠습니다."),
    ("제가 지금 처리하고,", "결과는 문자로 알려 드릴게요."),
    ("고객님 마음은 알지만,", "규정상 어렵습니다."),
    ("네,", "알겠습니다."),
    ("아,", "그렇군요."),
    ("혹시,", "성함이 어떻게 되세요?"),
    ("그러면,", "내일 다시 오실 수 있으세요?"),
    ("아이가,", "지금 몇 살이에요?"),
    ("다른 약도,", "같이 드시고 계세요?"),
    ("음,", "언제부터 아프셨어요?"),
    ("제가,", "전화번호를 여쭤봐도 될까요?"),
    ("그럼,", "카드로 계산하시겠어요?"),
    ("혹시 알레르기가 있으시면,", "말씀해 주시겠어요?"),
    ("지금,", "열이 몇 도인가요?"),
    ("처방전은,", "가지고 오셨나요?"),
    ("영수증을,", "가지고 계십니까?"),
    ("어,", "그러니까,", "약은 언제 드셨어요?"),
)
# (espeak voice, words per minute, pitch 0-99): VARIED's replies take them in turn
VOICES = (("ko", 175, 50), ("ko", 150, 40), ("ko+f3", 190, 55), ("ko", 205, 65))


@dataclass(frozen=True)
class PausedReply:
    text: str
    pcm: bytes
    last_word: float
    pauses: tuple[tuple[float, float], ...]

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / RATE


def voiced(tts: TextToSpeech, text: str, voice: object = "ko") -> np.ndarray:
    """One fragment as float samples at 16 kHz, trimmed to its first and last voiced sample."""
    x = np.frombuffer(convert_all(*read_wav(tts.render(text, voice))), "<i2").astype(np.float32)
    loud = np.flatnonzero(np.abs(x) > 0.01 * 32768)
    if len(loud) == 0:
        raise ValueError(f"espeak-ng rendered no speech for {text!r}")
    return x[loud[0] : loud[-1] + 1] / 32768


def build_reply(
    tts: TextToSpeech, fragments: tuple[str, ...], pauses: list[float], voice: object = "ko"
) -> PausedReply:
    if len(pauses) != len(fragments) - 1:
        raise ValueError("one pause between each pair of fragments")
    parts = [np.zeros(int(LEAD_IN * RATE), np.float32)]
    t = LEAD_IN
    spans = []
    for i, text in enumerate(fragments):
        speech = voiced(tts, text, voice)
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


def varied(cache: Path, seed: int = 61) -> list[PausedReply]:
    """VARIED once, each reply in the next of VOICES, pauses drawn from 0.3-1.0 s."""
    rng = random.Random(seed)
    out = []
    with TextToSpeech(cache) as tts:
        for i, fragments in enumerate(VARIED):
            espeak, rate, pitch = VOICES[i % len(VOICES)]
            voice = VoiceSettings(espeak=espeak, rate=rate, pitch=pitch)
            pauses = [round(rng.uniform(0.3, 1.0), 2) for _ in fragments[1:]]
            out.append(build_reply(tts, fragments, pauses, voice))
    return out
