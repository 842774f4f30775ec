"""Chinese client lines go to espeak-ng as tone-numbered pinyin with the pinyin voice."""

from __future__ import annotations

import subprocess
from pathlib import Path

from simulator.speech.mandarin import as_pinyin
from simulator.speech.tts import TextToSpeech, VoiceSettings, wav_seconds


def test_chinese_becomes_pinyin_with_the_pinyin_voice_and_the_variant_kept() -> None:
    text, settings = as_pinyin("我理解您，一定很着急。", VoiceSettings(espeak="cmn+f3", rate=150))
    assert text == "wo3 li3 jie3 nin2, yi2 ding4 hen3 zhao2 ji2."
    assert settings.espeak == "cmn-latn-pinyin+f3" and settings.rate == 150


def test_other_languages_and_latin_text_are_untouched() -> None:
    for text, voice in (("Hello there", "cmn"), ("我", "en-gb"), ("Привет", "ru")):
        assert as_pinyin(text, VoiceSettings(espeak=voice)) == (text, VoiceSettings(espeak=voice))


def test_espeak_reads_the_pinyin_as_mandarin_not_english(tmp_path: Path) -> None:
    text, _ = as_pinyin("我理解您", VoiceSettings(espeak="cmn"))
    phonemes = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", "cmn-latn-pinyin", text],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "(en)" not in phonemes  # the cmn voice on characters switches to English here
    with TextToSpeech(tmp_path) as tts:
        assert wav_seconds(tts.render("我理解您遇到这个问题一定很着急。", "cmn+f3")) > 1.5
