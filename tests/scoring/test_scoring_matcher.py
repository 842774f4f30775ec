"""Phrase patterns: syntax, tolerance of recognition errors, negation, Chinese characters."""

from __future__ import annotations

import pytest

from simulator.scoring.matcher import MISS_QUALITY, Matcher, PatternError
from simulator.scoring.text import Normaliser

SLOTS = {"feeling": ["upset", "frustrated", "hard"], "personal": ["number", "phone number"]}


def find(language: str, patterns: list[str], text: str) -> list[tuple[float, str]]:
    norm = Normaliser(language)
    matcher = Matcher(norm, {"x": patterns}, SLOTS)
    return [(m.quality, text[m.start : m.end]) for m in matcher.find(norm.tokens(text), text).get(
        "x", [])]


def test_alternatives_optional_words_and_slots() -> None:
    pat = ["i (can|could) [really] (hear|see) how {feeling} you are"]
    assert find("en", pat, "Well, I can hear how upset you are.") == [
        (1.0, "I can hear how upset you are")
    ]
    assert find("en", pat, "I could really see how frustrated you are") == [
        (1.0, "I could really see how frustrated you are")
    ]
    assert find("en", pat, "I can hear how happy you are") == []


def test_multi_word_slot_value_and_inflection() -> None:
    pat = ["(give|share) [you] my {personal}"]
    assert find("en", pat, "I'm giving you my phone number")[0][1] == "giving you my phone number"


def test_wide_gap() -> None:
    assert find("en", ["sure ... coffee"], "Sure, I'd love a coffee") == [
        (1.0, "Sure, I'd love a coffee")
    ]
    assert find("en", ["sure coffee"], "Sure, I'd love a coffee") == []


def test_inserted_word_is_tolerated() -> None:
    assert find("en", ["i can not give my number"], "I can't, um, give my number")


PHRASE = ["i completely understand your frustration today"]


def test_dropped_inner_word_gives_partial_credit() -> None:
    assert find("en", PHRASE, "I completely understand your frustration today") == [
        (1.0, "I completely understand your frustration today")
    ]
    # the recogniser dropped "completely": the phrase still counts, at reduced quality
    assert find("en", PHRASE, "I understand your frustration today") == [
        (MISS_QUALITY, "I understand your frustration today")
    ]


def test_misheard_inner_word_gives_partial_credit() -> None:
    assert find("en", PHRASE, "I completely understood your frustration today") == [
        (MISS_QUALITY, "I completely understood your frustration today")
    ]


def test_only_one_part_may_be_missing_and_anchors_must_match() -> None:
    assert find("en", PHRASE, "I understood your frustration today") == []
    assert find("en", PHRASE, "completely understand your frustration today") == []
    assert find("en", PHRASE, "I completely understand your frustration") == []


def test_no_tolerance_when_only_function_words_would_remain() -> None:
    # "i ... you" alone says nothing: a pattern without two rarer words allows no miss
    assert find("en", ["i (will|can) add you"], "I can give you") == []


def test_negation_is_never_dropped_and_blocks_positive_phrases() -> None:
    assert find("en", ["i (will|can) meet you"], "I can't meet you") == []
    assert find("en", ["i (will|can) meet you"], "I don't think I can meet you") == []
    assert find("en", ["i (will|can) meet you"], "No. I can meet you tomorrow.") == [
        (1.0, "I can meet you")
    ]
    assert find("en", ["i can not give [you] my number"], "I can give you my number") == []


def test_chinese_word_tolerates_one_wrong_character() -> None:
    pat = ["我理解您的心情"]
    assert find("zh", pat, "我理解您的心情")[0][0] == 1.0
    assert find("zh", pat, "我理解你的心情")[0][0] == MISS_QUALITY  # 您 misheard as 你


def test_chinese_negation_before_phrase_blocks_it() -> None:
    assert find("zh", ["加 (你|您) 微信"], "我可以加你微信")
    assert find("zh", ["加 (你|您) 微信"], "我不能加你微信") == []


def test_russian_matches_other_word_forms() -> None:
    assert find("ru", ["я понимаю ваше раздражение"], "Я понимаю ваше раздражение")
    assert find("ru", ["я понимаю ваше раздражение"], "я понимаю ваши раздражения")


def test_matches_in_one_set_do_not_overlap() -> None:
    got = find("en", ["sorry", "i am sorry"], "I'm sorry, so sorry")
    assert [t for _, t in got] == ["I'm sorry", "sorry"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(a|b", "missing ')'"),
        ("a ) b", "unexpected ')'"),
        ("(a (b))", "brackets cannot nest"),
        ("{nope} a", "unknown slot {nope}"),
        ("[a|b]", "needs at least one required part"),
        ("you're? fine", "'?' is not pattern syntax"),
        ("(,|.)", "normalises to nothing"),
    ],
)
def test_bad_patterns_are_clear_errors(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("{", r"\{").replace("}", r"\}").replace("?", r"\?")) as exc:
        Matcher(Normaliser("en"), {"set": ["fine", pattern]}, SLOTS)
    assert exc.value.loc == ("set", 1)
