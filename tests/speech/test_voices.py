"""espeak-ng voice lookup used by the scenario linter and the TTS worker."""

from __future__ import annotations

import pytest

from simulator.speech import voices


def test_parse_voice_list_takes_language_file_and_other_languages() -> None:
    listing = (
        "Pty Language       Age/Gender VoiceName          File                 Other Languages\n"
        " 5  cmn             --/M      Chinese_(Mandarin) sit/cmn              (zh-cmn 5)(zh 5)\n"
        " 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)\n"
    )
    names = voices.parse_voice_list(listing)
    assert {"cmn", "sit/cmn", "zh", "zh-cmn", "en-us", "gmw/en-us", "en"} <= names


@pytest.mark.skipif(voices.espeak_binary() is None, reason="espeak-ng not installed")
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("en-gb", True),
        ("en-us+f3", True),
        ("EN-US", True),
        ("ru", True),
        ("cmn", True),
        ("ko", True),
        ("gmw/en-US", True),
        ("xx-nowhere", False),
        ("en-us+nosuchvariant", False),
    ],
)
def test_voice_installed_against_real_espeak(name: str, expected: bool) -> None:
    assert voices.voice_installed(name) is expected


def test_missing_espeak_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voices, "espeak_binary", lambda: None)
    voices.clear_cache()
    try:
        assert voices.installed_voices() is None
        assert voices.voice_installed("en-us") is None
    finally:
        voices.clear_cache()


@pytest.mark.skipif(voices.espeak_binary() is None, reason="espeak-ng not installed")
def test_espeak_identifier_maps_language_codes_to_voice_files() -> None:
    assert voices.espeak_identifier("en-gb") == "gmw/en"
    assert voices.espeak_identifier("en-gb+f3") == "gmw/en+f3"
    assert voices.espeak_identifier("zh") == "sit/cmn"
    assert voices.espeak_identifier("ko") == "ko"
