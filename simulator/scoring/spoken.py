"""What a recogniser's text needs before it is scored: pauses as clause breaks, numbers spoken
as words found as numbers, and the parts of a reply that only say again what it already said.

Recognisers write no punctuation, so a pause in the word timings is the only sign of where a
clause ends; negation scope and phrase matching stop there as they stop at a comma. A phone
number is as personal spoken ("oh seven seven double oh...", «восемь девятьсот...», 一三八...)
as written in digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import eq

from simulator.transcript import Word

PAUSE = 0.45  # seconds of silence between words that end a clause
PHONE_DIGITS = 6  # a run of this many digits (written or spoken) reads as a phone number

_EN_DIGIT = {
    "zero": 1, "oh": 1, "o": 1, "nought": 1, "one": 1, "two": 1, "three": 1, "four": 1,
    "five": 1, "six": 1, "seven": 1, "eight": 1, "nine": 1, "ten": 2, "eleven": 2, "twelve": 2,
    "thirteen": 2, "fourteen": 2, "fifteen": 2, "sixteen": 2, "seventeen": 2, "eighteen": 2,
    "nineteen": 2, "twenty": 2, "thirty": 2, "forty": 2, "fifty": 2, "sixty": 2, "seventy": 2,
    "eighty": 2, "ninety": 2, "hundred": 1, "thousand": 1,
}
_EN_REPEAT = {"double": 1, "triple": 2}  # "double oh" is two digits: the repeat adds one or two
_RU_DIGIT = dict.fromkeys(
    "ноль нуль один одна одно два две три четыре пять шесть семь восемь девять".split(), 1)
_RU_DIGIT.update(dict.fromkeys(
    "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
    "восемнадцать девятнадцать двадцать тридцать сорок пятьдесят шестьдесят семьдесят "
    "восемьдесят девяносто".split(), 2))
_RU_DIGIT.update(dict.fromkeys(
    "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот".split(), 3))
_ZH_DIGITS = set("零〇一二三四五六七八九幺两")
_EN_WORD = re.compile(r"[a-z]+|\d+")  # (digits end a run of words: _WRITTEN reads them)
_RU_WORD = re.compile(r"[а-яё]+|\d+")
_WRITTEN = re.compile(r"\+?\d[\d\s().\-]{4,}\d")
_DIGIT = re.compile(r"\d")  # (found at once, where _WRITTEN is tried at every character)


def pause_breaks(text: str, words: Sequence[Word] | None,
                 spans: Sequence[tuple[int, int]]) -> str:
    """The text with the space before each word that follows a pause turned into a comma
    (same length, so every offset still points at the same word)."""
    if not words or len(words) < 2:
        return text
    chars = list(text)
    for k in range(1, min(len(words), len(spans))):
        start = spans[k][0]
        prev_end = spans[k - 1][1]
        if start <= 0 or prev_end < 0 or words[k].start - words[k - 1].end < PAUSE:
            continue
        gap = text[prev_end:start]
        if gap and gap.isspace():
            chars[prev_end] = ","
        elif not gap and "\u3400" <= text[start] <= "\u9fff":
            continue  # Chinese without spaces: no character to turn into a break
    return "".join(chars)


_FILLERS = {
    "en": re.compile(r"\b(?:um+|uh+|erm+|er|ah+|hmm+|mm+|uhm+|you know|i mean)\b[,.]?", re.I),
    # «ну» only where it starts nothing the rubric reads («ну ладно», «ну да, конечно»)
    "ru": re.compile(r"(?<![а-яё])(?:э+|эм+|типа|короче|это самое|как бы|в общем|так сказать|"
                     r"ну(?![\s,-]*(?:ладно|хорошо|давайте|что|конечно|да|и|это|вы|как|ну|не|"
                     r"пожалуйста|уж|ох|ой|подумаешь)(?![а-яё])))(?![а-яё])[,.]?",
                     re.I),
    # 那个 / 就是说 said on their own between the recogniser's spaces are hesitations
    "zh": re.compile(r"[嗯呃]+[，,]?|(?:(?<=\s)|^)(?:那个|这个|就是说)(?=\s)"),
}
# a word or a pair of words said twice ("i i can't", "on your on your left")
_STUTTER = re.compile(r"(?<![\w'])([\w']+(?:\s+[\w']+)?)(\s+)(?=\1(?![\w']))", re.I)
_SAID = re.compile(r"[\w']+")


def quiet_fillers(text: str, language: str) -> str:
    """The text with fillers ("um", «ну», 嗯) and stuttered repeats ("i i can't") blanked
    out (same length: every offset still points at the same word)."""
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group())

    text = _FILLERS[language].sub(blank, text) if language in _FILLERS else text
    if text.isascii():  # (where lower() is exactly re.I) a stutter says a word or two twice
        said = _SAID.findall(text.lower())
        pairs = list(zip(said, said[1:], strict=False))
        if not any(map(eq, said, said[1:])) and not any(map(eq, pairs, pairs[2:])):
            return text
    return _STUTTER.sub(blank, text)


def number_spans(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of phone-like numbers: PHONE_DIGITS or more digits, written or spoken."""
    out = [(m.start(), m.end()) for m in _WRITTEN.finditer(text)
           if sum(c.isdigit() for c in m.group()) >= PHONE_DIGITS and not _date_or_ip(m.group())
           ] if _DIGIT.search(text) else []
    low = text.lower()
    if language == "zh":
        out += _zh_runs(low)
    else:
        out += _word_runs(low, language)
    return sorted(set(out))


def _date_or_ip(s: str) -> bool:
    s = s.strip()
    return bool(re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", s)
                or re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", s))


def _word_value(word: str, language: str) -> int:
    """How many digits a spoken number word stands for (0: not a number word; ordinals such
    as «пятого» name dates, not digits)."""
    if language == "en":
        return _EN_DIGIT.get(word, 0)
    return _RU_DIGIT.get(word.replace("ё", "е"), 0)


_EN_NUMBERISH = re.compile(
    r"(?:\b(?:" + "|".join(sorted(_EN_DIGIT, key=len, reverse=True))
    + r"|double|triple)\b\W*){3,}")
_RU_NUMBERISH = re.compile(
    r"(?:(?<![а-яё])(?:" + "|".join(sorted(_RU_DIGIT, key=len, reverse=True))
    + r")(?![а-яё])\W*){2,}")


# the words of a reply that _EN_NUMBERISH / _RU_NUMBERISH could take for number words
_LETTERS = {"en": re.compile("[a-z]+"), "ru": re.compile("[а-яё]+")}
_NUMBER_WORDS = {"en": frozenset(_EN_DIGIT) | frozenset(_EN_REPEAT), "ru": frozenset(_RU_DIGIT)}


def _word_runs(low: str, language: str) -> list[tuple[int, int]]:
    words = "en" if language == "en" else "ru"
    if _NUMBER_WORDS[words].isdisjoint(_LETTERS[words].findall(low)):
        return []  # (no number word at all: cheaper to see than _EN_NUMBERISH's search)
    quick = _EN_NUMBERISH if language == "en" else _RU_NUMBERISH
    if not quick.search(low):  # most replies say no run of number words at all
        return []
    pattern = _EN_WORD if language == "en" else _RU_WORD
    out = []
    digits, first, last, gap = 0, -1, -1, 0
    for m in pattern.finditer(low):
        w = m.group()
        value = _word_value(w, language)
        if not value and language == "en" and w in _EN_REPEAT:
            value = _EN_REPEAT[w]
        if value:
            if first < 0:
                first = m.start()
            digits += value
            last, gap = m.end(), 0
            continue
        gap += 1
        if first >= 0 and (gap > 1 or w in ("and", "и") and digits < 3):
            if digits >= PHONE_DIGITS:
                out.append((first, last))
            digits, first = 0, -1
    if first >= 0 and digits >= PHONE_DIGITS:
        out.append((first, last))
    return out


def _zh_runs(low: str) -> list[tuple[int, int]]:
    if _ZH_DIGITS.isdisjoint(low) and not any(map(str.isdigit, low)):
        return []  # (most replies say no number at all)
    out = []
    digits, first, last = 0, -1, -1
    for i, c in enumerate(low):
        if c in _ZH_DIGITS or c.isdigit():
            if first < 0:
                first = i
            digits, last = digits + 1, i + 1
        elif first >= 0 and (c.isspace() or c in "-、，,") and i - last < 2:
            continue
        else:
            if digits >= PHONE_DIGITS:
                out.append((first, last))
            digits, first = 0, -1
    if digits >= PHONE_DIGITS:
        out.append((first, last))
    return out


def echoes(norms: Sequence[str], min_run: int = 3) -> list[bool]:
    """Which tokens only say again what the reply already said: a token repeating the one
    before it ("i i i", "no no no"), and every run of min_run or more tokens that appeared
    earlier in the reply (a sentence said again)."""
    n = len(norms)
    out = [False, *map(eq, norms[1:], norms)] if n else []
    runs = list(zip(*(norms[k:] for k in range(min_run)), strict=False))  # (shifted: ragged)
    if len(set(runs)) == len(runs):  # no run said twice: only the repeated tokens
        return out
    seen: dict[tuple[str, ...], int] = {}
    i = 0
    while i + min_run <= n:
        key = tuple(norms[i:i + min_run])
        first = seen.get(key)
        if first is not None and first + min_run <= i:
            k = 0
            while i + k < n and first + k < i and norms[first + k] == norms[i + k]:
                out[i + k] = True
                k += 1
            i += max(k, 1)
            continue
        seen.setdefault(key, i)
        i += 1
    return out
