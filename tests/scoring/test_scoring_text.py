"""Per-language normalisation: the same word in different forms becomes the same token."""

from __future__ import annotations

import pytest

from simulator.scoring.text import Normaliser, looks_like


def test_english_contractions_expand_and_keep_offsets() -> None:
    text = "I can't, I'm sorry, it's policy and we won't."
    toks = Normaliser("en").tokens(text)
    assert toks.norms[:3] == ("i", "can", "not")
    assert ("i", "am", "sorri") == toks.norms[3:6]
    assert "is" in toks.norms and toks.norms[-2:] == ("will", "not")
    # both halves of "can't" point at the original word
    assert text[toks.starts[1] : toks.ends[1]] == "can't"
    assert text[toks.starts[2] : toks.ends[2]] == "can't"


def test_english_curly_apostrophe_and_missing_apostrophe() -> None:
    norm = Normaliser("en")
    assert norm.words("I can\u2019t") == norm.words("I cant") == ("i", "can", "not")
    for bare, full in (("thats", "that's"), ("youve", "you've"), ("wont", "won't"),
                       ("lets", "let's"), ("theyre", "they're"), ("hasnt", "hasn't")):
        assert norm.words(bare) == norm.words(full), bare
    # bare forms that are words of their own stay themselves
    assert norm.words("ill") == ("ill",) and norm.words("its") == ("it",)


def test_english_inflections_share_a_stem() -> None:
    norm = Normaliser("en")
    assert len({norm.words(w)[0] for w in ("frustrated", "frustrating", "frustration")}) <= 2
    assert norm.words("feelings") == norm.words("feeling")
    assert norm.words("calling") == norm.words("calls") == norm.words("call")


def test_russian_stemming_and_yo() -> None:
    norm = Normaliser("ru")
    assert norm.words("понимаю") == norm.words("понимаете")
    assert norm.words("счёт") == norm.words("счет")
    assert norm.words("расстроены") == norm.words("расстроена")


def test_chinese_is_split_into_characters_with_offsets() -> None:
    text = "我理解您的心情，ok 123"
    toks = Normaliser("zh").tokens(text)
    assert toks.norms == ("我", "理", "解", "您", "的", "心", "情", "ok", "123")
    assert all(text[s:e].lower() == n for n, s, e in zip(toks.norms, toks.starts, toks.ends,
                                                         strict=True))


def test_offsets_survive_case_folding_that_changes_length() -> None:
    text = "İ can't help"  # 'İ'.lower() is two characters
    toks = Normaliser("en").tokens(text)
    assert text[toks.starts[-1] : toks.ends[-1]] == "help"


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        Normaliser("fr")


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "I can hear how upset you are.", True),
        ("en", "Я понимаю, как вам тяжело.", False),
        ("en", "我理解您的心情。", False),
        ("en", "Lo siento mucho, no puedo darle mi numero.", False),
        ("ru", "Я понимаю, как вам тяжело.", True),
        ("ru", "I can hear how upset you are.", False),
        ("zh", "我理解您的心情。", True),
        ("zh", "I can hear how upset you are.", False),
        ("en", "ok", None),
    ],
)
def test_language_check(language: str, text: str, expected: bool | None) -> None:
    assert looks_like(language, text) is expected
