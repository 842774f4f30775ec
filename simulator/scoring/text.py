"""Per-language text normalisation: reply text -> tokens with character offsets.

English: lower case, contractions expanded ("can't" -> can not), Snowball stems.
Russian: lower case, ё -> е, Snowball stems. Chinese: one token per Han character (no word
spaces), Latin words and numbers as whole tokens. Every token keeps the span it came from, so
evidence can point back into the reply.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

SUPPORTED = ("en", "ru", "zh")

_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_RU_WORD = re.compile(r"[а-яa-z0-9]+(?:-[а-яa-z0-9]+)*")
_ZH_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[a-z0-9]+")

_EN_SPECIAL = {
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("am", "not"),
    "i'm": ("i", "am"),
    "let's": ("let", "us"),
    "gonna": ("go", "to"),
    "cant": ("can", "not"),
    "dont": ("do", "not"),
    "didnt": ("did", "not"),
    "doesnt": ("does", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "im": ("i", "am"),
    "youre": ("you", "are"),
    # typed or transcribed without apostrophes (only where the bare form is not itself a word:
    # not ill, id, its, well, were, shell, hell, wed)
    "thats": ("that", "is"),
    "whats": ("what", "is"),
    "theres": ("there", "is"),
    "heres": ("here", "is"),
    "hes": ("he", "is"),
    "shes": ("she", "is"),
    "ive": ("i", "have"),
    "youve": ("you", "have"),
    "weve": ("we", "have"),
    "theyve": ("they", "have"),
    "theyre": ("they", "are"),
    "youll": ("you", "will"),
    "youd": ("you", "would"),
    "itll": ("it", "will"),
    "theyll": ("they", "will"),
    "wont": ("will", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "mustnt": ("must", "not"),
    "lets": ("let", "us"),
    "wanna": ("want", "to"),
}
_EN_SUFFIX = {"n't": "not", "'re": "are", "'ll": "will", "'ve": "have", "'d": "would", "'m": "am"}
_EN_IS = {"it", "that", "there", "here", "what", "he", "she", "who", "this", "where", "how"}

NEGATORS = {
    "en": frozenset({"not", "no", "never", "nobody", "nothing"}),
    "ru": frozenset({"не", "нет", "нельзя", "ни", "никогда", "никак"}),
    "zh": frozenset({"不", "没", "别", "无", "非", "未", "勿"}),
}

# Frequent tokens: a pattern is indexed under its rarer words (see matcher.py).
COMMON = {
    "en": frozenset(
        "i you we it a an the to of and is am are be do not can will would could this that "
        "your my me us our in on for with have at so just let what there here give get go "
        "take make see know want need tell say come think all if but as about now then been "
        "has had was were really very please they them their he she his her him one sorry thank "
        "thanks help ok okay right well yes oh sure time out up how who when why from by an or "
        "should may might must am be it's that's".split()
    ),
    "ru": frozenset("я вы ты мы не и в на с что это как у мне вас вам по но так же".split()),
    "zh": frozenset("我 你 您 的 是 不 了 在 会 能 可 以 这 那 们 有 个 一 就 要 吗 吧 呢".split()),
}

# Function words of English and of other Latin-script languages, to tell an English reply from
# a Spanish, French, German, Italian or Portuguese one (the wrong-language flag).
_EN_WORDS = frozenset(
    "i you the a an to is are and it that we can not this of for your my me be have do will "
    "would could should what when how here there with about at on in so but if or just some "
    "other time maybe please thank thanks sorry sure okay yes no let get go see help".split()
)
_OTHER_LATIN_WORDS = frozenset(
    "el la los las lo de del que y en un una por para con es no mi su muy pero "
    "le les des du et est je vous nous pas une pour avec mais dans ce qui "
    "der die das und ist ich sie nicht ein eine mit auf für zu den dem es "
    "il di che non sono per una gli questo con ma "
    "o os as um uma não com para mas eu você".split()
)

_OTHER_ONLY_WORDS = _OTHER_LATIN_WORDS - _EN_WORDS  # a word of both counts as English


@dataclass(frozen=True)
class Tokens:
    """Normalised tokens of one text, each with the [start, end) span it came from."""

    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.norms)


def tokens_after(tokens: Tokens, text: str, marks: re.Pattern[str]) -> frozenset[int]:
    """Indices of the tokens that come right after a match of `marks` in `text` (a clause
    mark between two tokens): the marks are found once and placed among the tokens by
    bisection."""
    starts, ends = tokens.starts, tokens.ends
    out = set()
    for m in marks.finditer(text):
        j = bisect_left(starts, m.end())
        if 0 < j < len(starts) and ends[j - 1] <= m.start():
            out.add(j)
    return frozenset(out)


_new_object = object.__new__


def _tokens(norms: tuple[str, ...], starts: tuple[int, ...], ends: tuple[int, ...]) -> Tokens:
    """Tokens(...) without the frozen dataclass's object.__setattr__ calls (once per text)."""
    out = _new_object(Tokens)
    out.__dict__.update(norms=norms, starts=starts, ends=ends)
    return out


def _stemmer(name: str) -> Callable[[str], str]:
    import snowballstemmer

    stem = snowballstemmer.stemmer(name).stemWord
    cache: dict[str, str] = {}

    def cached(word: str) -> str:
        out = cache.get(word)
        if out is None:
            out = stem(word)
            if len(cache) < 200_000:
                cache[word] = out
        return out

    return cached


class Normaliser:
    """Turns text in one language into tokens; patterns and replies go through the same one."""

    def __init__(self, language: str) -> None:
        if language not in SUPPORTED:
            raise ValueError(f"unsupported language '{language}' (use {', '.join(SUPPORTED)})")
        self.language = language
        self._stem = (
            _stemmer("english")
            if language == "en"
            else _stemmer("russian")
            if language == "ru"
            else None
        )
        self._word_cache: dict[str, tuple[str, ...]] = {}
        self._phrase_cache: dict[str, tuple[str, ...]] = {}
        stem = self._stem or (lambda w: w)
        self.negators = frozenset(stem(w) for w in NEGATORS[language])
        self.common = frozenset(stem(w) for w in COMMON[language])

    def tokens(self, text: str) -> Tokens:
        low = text.lower()
        if len(low) != len(text):  # keep offsets valid when lower-casing changes length
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        if self.language == "en":
            return self._english(low.replace("\u2019", "'").replace("\u2018", "'"))
        if self.language == "ru":
            return self._russian(low.replace("ё", "е"))
        return self._chinese(low)

    def words(self, text: str) -> tuple[str, ...]:
        """The normalised tokens of a pattern word or phrase (cached: rubrics repeat slot values
        and alternatives hundreds of times, and building a scorer normalises every one)."""
        out = self._phrase_cache.get(text)
        if out is None:
            out = self._phrase_cache[text] = self.tokens(text).norms
        return out

    def _english_word(self, word: str) -> tuple[str, ...]:
        """Normalised tokens of one lower-case word (contractions expanded, stemmed), cached."""
        out = self._word_cache.get(word)
        if out is not None:
            return out
        stem = self._stem
        assert stem is not None
        parts: tuple[str, ...]
        if word in _EN_SPECIAL:
            parts = _EN_SPECIAL[word]
        elif "'" in word:
            base, _, rest = word.partition("'")
            suffix = "'" + rest
            if word.endswith("n't"):
                parts = (word[:-3], "not")
            elif suffix in _EN_SUFFIX:
                parts = (base, _EN_SUFFIX[suffix])
            elif suffix == "'s":
                # "waiting's the worst": after a gerund 's is "is", never a possessive
                parts = (base, "is") if base in _EN_IS or base.endswith("ing") else (base,)
            else:
                parts = (base,)
        else:
            parts = (word,)
        out = tuple(stem(p) for p in parts if p)
        if len(self._word_cache) < 200_000:
            self._word_cache[word] = out
        return out

    def _english(self, low: str) -> Tokens:
        norms: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        word_tokens = self._english_word
        cached = self._word_cache.get
        for m in _EN_WORD.finditer(low):
            word = m.group()
            parts = cached(word)
            if parts is None:
                parts = word_tokens(word)
            s, e = m.span()
            if len(parts) == 1:
                norms.append(parts[0])
                starts.append(s)
                ends.append(e)
                continue
            for p in parts:
                norms.append(p)
                starts.append(s)
                ends.append(e)
        return _tokens(tuple(norms), tuple(starts), tuple(ends))

    def _russian(self, low: str) -> Tokens:
        stem = self._stem
        assert stem is not None
        norms: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _RU_WORD.finditer(low):
            norms.append(stem(m.group()))
            starts.append(m.start())
            ends.append(m.end())
        return _tokens(tuple(norms), tuple(starts), tuple(ends))

    def _chinese(self, low: str) -> Tokens:
        norms: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for m in _ZH_TOKEN.finditer(low):
            norms.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
        return _tokens(tuple(norms), tuple(starts), tuple(ends))


# (runs of letters: counting their lengths is cheaper than listing every letter)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_LATIN_WORD = re.compile(r"[a-zà-öø-ÿ']+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def script_counts(text: str) -> tuple[int, int, int, int]:
    """Counts of Latin, Cyrillic, Han and other letters (Hangul, Arabic, kana...) in the text."""
    latin, cyr, han = (
        sum(map(len, _LATIN.findall(text))),
        sum(map(len, _CYRILLIC.findall(text))),
        sum(map(len, _HAN.findall(text))),
    )
    other = sum(map(str.isalpha, text)) - latin - cyr - han
    return latin, cyr, han, max(0, other)


def looks_like(language: str, text: str) -> bool | None:
    """Whether the text is in the language; None when there is too little text to tell."""
    ascii_text = text.isascii()  # the common case for English, and never Russian or Chinese
    if not ascii_text or language != "en":
        latin, cyr, han, other_script = script_counts(text)
        total = latin + cyr + han + other_script
        if total < 4:
            return None
        if language == "zh":
            return han >= 0.3 * total
        if language == "ru":
            return cyr >= 0.5 * total
        if latin < 0.5 * total:
            return False
    words = _LATIN_WORD.findall(text.lower())
    if ascii_text and sum(map(len, words)) < 4:
        return None
    if "'" in text:
        words = [w.split("'")[0] for w in words]
    english = sum(map(_EN_WORDS.__contains__, words))
    other = sum(map(_OTHER_ONLY_WORDS.__contains__, words))
    if other >= 2 and other > english:
        return False
    return True if english else None
