"""Replace personal details in transcript text with placeholders (`--redact`).

The whole text is scanned once, in linear time, and gives spans on the original text; the report
cuts the reply at evidence and redaction boundaries, and every quote is cut from the reply through
the same spans, so no fragment of a detail survives in any piece of it. Caught: e-mail addresses
(written, or spelled out with "at"/"dot" in English, Russian and Chinese), @handles, URLs, IBANs,
numbers of six digits or more written in digits or spoken as words (en, ru, zh), and the trainee's
own name. Dates and IPv4 addresses are left alone (they are not phone numbers).

Not caught: other people's names and street addresses (no offline recogniser for en, ru and zh
that fits: see docs/redaction.md). Redaction over-reaches on purpose (a run of spoken numbers
counts as a phone number).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# number words and how many digits each stands for ("double"/"triple" repeat the next digit)
_EN_UNITS = "zero oh nought one two three four five six seven eight nine"
_EN_TENS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
    "twenty thirty forty fifty sixty seventy eighty ninety hundred"
)
_RU_UNITS = "ноль нуль один одна одно два две три четыре пять шесть семь восемь девять"
_RU_TENS = (
    "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
    "восемнадцать девятнадцать двадцать тридцать сорок пятьдесят шестьдесят семьдесят "
    "восемьдесят девяносто"
)
_RU_HUNDREDS = "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот тысяча"
_WORD_DIGITS = {
    **{w: 1 for w in (_EN_UNITS + " " + _RU_UNITS).split()},
    **{w: 2 for w in (_EN_TENS + " " + _RU_TENS).split()},
    **{w: 3 for w in (_RU_HUNDREDS + " тысячи").split()},
    **{"double": 1, "triple": 2, "thousand": 3},
}
_ZH_DIGITS = "零〇一二三四五六七八九幺两十百"
_NUMBER_WORDS = _WORD_DIGITS | {ch: 1 for ch in _ZH_DIGITS}

_AT_WORDS = {"at", "собака", "эт", "艾特", "@"}
_DOT_WORDS = {"dot", "точка", "дот", "点", "點"}
_TLDS = {"нет"} | set(
    "com org net co uk ru io de fr info biz edu gov me cn us eu su ua kz by рф ру ком орг".split()
)

_CJK = "\u3400-\u9fff"
_TOKEN = re.compile(
    rf"(?P<d>\d+)|(?P<z>[{_ZH_DIGITS}])|(?P<c>(?:(?![{_ZH_DIGITS}])[{_CJK}])+)"
    rf"|(?P<w>[^\W\d_{_CJK}]+)|(?P<at>@)"
)
_NUMBER_GAP = re.compile(r"[\s,.()+/-]{0,3}")  # between the groups of one spoken/written number
_WORD_GAP = re.compile(r"\s{0,3}")  # between the words of a spelled-out e-mail address

_PATTERNS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    ("[email]", re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")),
    ("[url]", re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.I)),
    ("[handle]", re.compile(r"(?<![\w.@])@[A-Za-z_][\w.]{1,30}\w")),
    ("[iban]", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,4})?\b")),
    # kept as they are: dates and IPv4 addresses are not phone numbers
    (None, re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")),
    (None, re.compile(r"(?<!\d)\d{4}[-./]\d{1,2}[-./]\d{1,2}(?!\d)")),
    (None, re.compile(r"(?<!\d)\d{1,2}[-./]\d{1,2}[-./]\d{2,4}(?!\d)")),
)
_MIN_DIGITS = 6
_MAX_PHONE_DIGITS = 15


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    placeholder: str


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    kind: str
    text: str  # casefolded


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(m.start(), m.end(), m.lastgroup or "w", m.group(0).casefold())
        for m in _TOKEN.finditer(text)
    ]


def _joined(text: str, a: _Token, b: _Token, gap: re.Pattern[str]) -> bool:
    return gap.fullmatch(text, a.end, b.start) is not None


def _digits(token: _Token) -> int:
    if token.kind == "d":
        return len(token.text)
    return _NUMBER_WORDS.get(token.text, 0)


def _number_spans(text: str, tokens: list[_Token], taken: bytearray) -> Iterable[Span]:
    """Runs of digit groups and number words, joined by spaces, dashes, dots or brackets."""
    i, n = 0, len(tokens)
    while i < n:
        if not _digits(tokens[i]) or taken[tokens[i].start]:
            i += 1
            continue
        j, count = i, _digits(tokens[i])
        while (
            j + 1 < n
            and _digits(tokens[j + 1])
            and not taken[tokens[j + 1].start]
            and _joined(text, tokens[j], tokens[j + 1], _NUMBER_GAP)
            and not any(taken[tokens[j].end : tokens[j + 1].start])
        ):
            j += 1
            count += _digits(tokens[j])
        if count >= _MIN_DIGITS:
            start = tokens[i].start
            while start > 0 and text[start - 1] in "+(" and not taken[start - 1]:
                start -= 1
            label = "[phone]" if count <= _MAX_PHONE_DIGITS else "[number]"
            yield Span(start, tokens[j].end, label)
        i = j + 1


def _chain_back(text: str, tokens: list[_Token], k: int) -> int:
    """Index of the first token of ``word (dot word)*`` ending at token ``k``."""
    while (
        k >= 2
        and tokens[k - 1].text in _DOT_WORDS
        and tokens[k - 2].kind in "dwc"
        and _joined(text, tokens[k - 2], tokens[k - 1], _WORD_GAP)
        and _joined(text, tokens[k - 1], tokens[k], _WORD_GAP)
    ):
        k -= 2
    return k


def _chain_forward(text: str, tokens: list[_Token], k: int) -> tuple[int, int]:
    """(last token index, dots) of ``word (dot word)*`` starting at token ``k``."""
    dots = 0
    while (
        k + 2 < len(tokens)
        and tokens[k + 1].text in _DOT_WORDS
        and tokens[k + 2].kind in "dwc"
        and _joined(text, tokens[k], tokens[k + 1], _WORD_GAP)
        and _joined(text, tokens[k + 1], tokens[k + 2], _WORD_GAP)
    ):
        k += 2
        dots += 1
    return k, dots


def _spelled_emails(text: str, tokens: list[_Token]) -> Iterable[Span]:
    """``jo dot bloggs at gmail dot com``, ``jo собака mail точка ru``, ``jo 艾特 qq 点 com``."""
    for i, tok in enumerate(tokens):
        if tok.text not in _AT_WORDS or i == 0 or i + 1 >= len(tokens):
            continue
        before, after = tokens[i - 1], tokens[i + 1]
        if before.kind not in "dwc" or after.kind not in "dwc":
            continue
        if not (_joined(text, before, tok, _WORD_GAP) and _joined(text, tok, after, _WORD_GAP)):
            continue
        last, dots = _chain_forward(text, tokens, i + 1)
        if dots == 0 or not (tokens[last].text in _TLDS or len(tokens[last].text) == 2):
            continue
        if last + 1 < len(tokens) and tokens[last + 1].text in _AT_WORDS:
            continue  # "me at jo dot bloggs at gmail dot com": the address starts later
        first = _chain_back(text, tokens, i - 1)
        yield Span(tokens[first].start, tokens[last].end, "[email]")


@functools.lru_cache(maxsize=256)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    parts: set[str] = set()
    for name in names:
        name = name.strip()
        if len(name) >= 2:
            parts.add(name)
            parts.update(p for p in re.split(r"\W+", name) if len(p) >= 3)
    if not parts:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


def find_spans(text: str, names: Iterable[str] = ()) -> list[Span]:
    """Non-overlapping personal-detail spans, in order, in time linear in the text's length."""
    return list(_find_spans(text, tuple(names)))


@functools.lru_cache(maxsize=4096)  # reports repeat short texts (facts, client lines) a lot
def _find_spans(text: str, names: tuple[str, ...]) -> tuple[Span, ...]:
    taken = bytearray(len(text) + 1)  # 1 where a detail (or a kept date/IP) already is
    found: list[Span] = []

    def take(start: int, end: int, placeholder: str | None) -> None:
        if start >= end or any(taken[start:end]):
            return
        taken[start:end] = b"\x01" * (end - start)
        if placeholder is not None:
            found.append(Span(start, end, placeholder))

    for placeholder, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            take(m.start(), m.end(), placeholder)
    tokens = _tokens(text)
    for span in _spelled_emails(text, tokens):
        take(span.start, span.end, span.placeholder)
    name_re = _name_pattern(names)
    for m in name_re.finditer(text) if name_re else ():
        take(m.start(), m.end(), "[name]")
    for span in list(_number_spans(text, tokens, taken)):
        take(span.start, span.end, span.placeholder)
    return tuple(sorted(found, key=lambda s: s.start))


def apply_spans(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with every span that touches it replaced by its placeholder whole."""
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        out.append(text[pos : max(pos, span.start)])
        out.append(span.placeholder)
        pos = max(pos, span.end)
    out.append(text[pos:end] if pos < end else "")
    return "".join(out)


def pseudonym(name: str) -> str:
    """A stable stand-in for a trainee's name: the same trainee keeps one row in the overview."""
    return "trainee-" + hashlib.sha256(name.strip().casefold().encode()).hexdigest()[:6]


class Redactor:
    """Identity when disabled, so callers never branch on the option. ``names`` (the trainee's)
    are redacted wherever they appear in text."""

    def __init__(self, enabled: bool, names: Iterable[str] = ()) -> None:
        self.enabled = enabled
        self.names = tuple(names)

    def with_names(self, *names: str) -> Redactor:
        return Redactor(self.enabled, (*self.names, *names))

    def spans(self, text: str) -> list[Span]:
        return find_spans(text, self.names) if self.enabled else []

    def __call__(self, text: str) -> str:
        if not self.enabled or not text:
            return text
        return apply_spans(text, find_spans(text, self.names))

    def person(self, name: str) -> str:
        return pseudonym(name) if self.enabled else name

    def file_stem(self, session_id: str) -> str:
        """A session id holds the trainee's name: redacted outputs are named by its hash."""
        if not self.enabled:
            return session_id
        return "session-" + hashlib.sha256(session_id.encode()).hexdigest()[:12]
