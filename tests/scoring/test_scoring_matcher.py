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


def test_only_one_part_may_be_missing() -> None:
    assert find("en", PHRASE, "I understood your frustration today") == []
    assert find("en", PHRASE, "understand your frustration today") == []
    assert find("en", PHRASE, "I completely understand your") == []


def test_dropped_first_or_last_word_gives_partial_credit() -> None:
    # Vosk drops words at the edges of a phrase too; the rest is distinctive enough
    pat = ["(evacuate|leave) the building by the stairs"]
    assert find("en", pat, "the building by the stairs") == [
        (MISS_QUALITY, "the building by the stairs")
    ]
    assert find("en", PHRASE, "I completely understand your frustration") == [
        (MISS_QUALITY, "I completely understand your frustration")
    ]
    assert find("en", ["call (security|the police) right now"], "call security right") == [
        (MISS_QUALITY, "call security right")
    ]


def test_edge_drop_needs_two_rarer_words_left() -> None:
    assert find("en", ["i (will|can) call security"], "i will call") == []
    assert find("en", ["i (will|can) add you"], "can add") == []


def test_person_words_are_dropped_only_as_a_clause_opening_subject() -> None:
    # "you can call tonight" is not "call me tonight"; "usually five working days" is not
    # "I'm working days"
    assert find("en", ["call me (tonight|later) please"], "you can call tonight please") == []
    assert find("en", ["(i am|i'm) working on {feeling} days"], "usually working on hard days") == []
    assert find("en", PHRASE, "you completely understand your frustration today") == []
    # Vosk often loses the opening "I": the rest still counts, at reduced credit
    assert find("en", PHRASE, "completely understand your frustration today") == [
        (MISS_QUALITY, "completely understand your frustration today")
    ]
    assert find("en", PHRASE, "sorry. completely understand your frustration today") == [
        (MISS_QUALITY, "completely understand your frustration today")
    ]
    # not inside a clause, where it would dodge a negation before the subject
    assert find("en", ["i (finish|leave) (work|at)"], "I don't share when I finish work") == []


def test_another_person_word_is_not_a_misheard_one() -> None:
    pat = ["take my mobile number"]
    assert find("en", pat, "take my mobile number") == [(1.0, "take my mobile number")]
    assert find("en", pat, "could I take her mobile number") == []
    assert find("en", pat, "take your mobile number") == []
    assert find("en", ["your card [is] ready to collect"], "his card ready to collect") == []
    # a person word of the same person is an ordinary mishearing
    assert find("zh", ["我理解您的心情"], "我理解你的心情")


def test_exclusions_before_and_after() -> None:
    pat = ["!(your|the|class) (about|around|at) {time} !(days|working days|minutes)"]
    slots = {"time": ["five", "six"]}
    norm = Normaliser("en")
    matcher = Matcher(norm, {"x": pat}, slots)

    def hit(text: str) -> bool:
        return bool(matcher.find(norm.tokens(text), text).get("x"))

    assert hit("I finish around six")
    assert not hit("usually about five working days")
    assert not hit("your class starts at six")
    assert hit("the class is over. I leave at six")  # another clause


def test_exclusion_must_open_or_close_the_pattern() -> None:
    with pytest.raises(PatternError, match="may only open or close"):
        Matcher(Normaliser("en"), {"x": ["a !(b) c"]}, SLOTS)


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
