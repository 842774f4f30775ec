"""Mandarin for espeak-ng: Chinese characters are spoken as pinyin.

Debian's espeak-ng 1.51 reads many characters with its `cmn` voice as pinyin syllables whose
tone digits it pronounces in English ("li three"). Its `cmn-latn-pinyin` voice reads pinyin
with tone digits correctly, so Chinese text is converted to pinyin first (pypinyin, offline
dictionary) and spoken with that voice, keeping the persona's variant, rate and pitch.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Protocol, TypeVar


class _Voiced(Protocol):
    @property
    def espeak(self) -> str: ...  # the espeak-ng voice, "name+variant"


V = TypeVar("V", bound=_Voiced)

MANDARIN_VOICES = ("cmn", "zh", "zh-cmn", "cmn-latn-pinyin")
PINYIN_VOICE = "cmn-latn-pinyin"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_PAUSES = str.maketrans({"，": ",", "。": ".", "！": "!", "？": "?", "；": ";", "：": ":",
                         "、": ",", "…": ".", "「": "", "」": "", "“": "", "”": ""})  # fmt: skip


def as_pinyin(text: str, settings: V) -> tuple[str, V]:
    """(text, settings) to give espeak-ng: pinyin and the pinyin voice for Chinese text."""
    base, _, variant = settings.espeak.partition("+")
    if base.lower() not in MANDARIN_VOICES or not _HAN.search(text):
        return text, settings
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    spoken = " ".join(s.strip() for s in syllables if s.strip()).translate(_PAUSES)
    voice = f"{PINYIN_VOICE}+{variant}" if variant else PINYIN_VOICE
    return re.sub(r"\s+([,.!?;:])", r"\1", spoken), replace(settings, espeak=voice)  # type: ignore[type-var]
