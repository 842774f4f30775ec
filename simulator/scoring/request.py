"""What the client asks for, and whether the reply grants, refuses, defers or ignores it.

Firmness and boundary clarity are about the request: a reply that gives out the staff
member's number is not firm however kind its words, and "maybe another time" is not a limit.
The decision is made on the reply's surface text with per-language patterns
(request_patterns.py): a grant found and not negated just before it in the same clause wins
over any refusal words elsewhere ("I really can't, but fine, it's 07700 900123"); a phone
number said in digits or in words is a grant of personal contact unless it follows a
service's name ("the branch line is..."). A general "sure" or "okay" grants only when nothing
refuses or defers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from simulator.scoring import ask_model, verdict_model
from simulator.scoring.alternation import join
from simulator.scoring.request_patterns import TABLES
from simulator.scoring.spoken import number_spans

NEGATION_WORDS = 6  # how many words before a grant a negation refuses it (same clause)
NEGATION_CHARS = 5  # the same for Chinese, in characters
# requests whose "grant" words are often a warm opening before the refusal ("glad to chat, but")
_SOFT_START = frozenset({"stay_on_line", "meet_outside_work"})
# requests a smaller offer after a refusal can answer within the rules (a goodwill gesture)
_PARTIAL = frozenset({"refund_or_discount"})
_SENTENCE = re.compile(r"[.?!。！？]")
_BELIEF_SPAN = 40  # characters before a grant (same sentence) a belief word reaches
_CJK_SPACE = re.compile(
    r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff\d])|(?<=\d)\s+(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class Decision:
    request: str  # the request kind (request_kinds.REQUEST_KINDS)
    verdict: str  # grant, refuse, defer, ignore
    start: int = 0  # the words that decided it, in the reply text
    end: int = 0
    learned: bool = False  # read by the verdict model, not a pattern (verdict_model.py)


@dataclass(frozen=True)
class _Compiled:
    negators: re.Pattern[str]
    breaks: re.Pattern[str]
    asks: tuple[tuple[str, re.Pattern[str]], ...]
    grant: dict[str, re.Pattern[str]]
    grant_negative: dict[str, re.Pattern[str]]
    refuse: re.Pattern[str]
    leave: re.Pattern[str]
    defer: re.Pattern[str]
    accept: re.Pattern[str]
    give_in: re.Pattern[str]
    # the cues some decisions read around a grant (request_patterns.py says what each is for)
    service: re.Pattern[str]
    belief: re.Pattern[str]
    taken_back: re.Pattern[str]
    third_party: re.Pattern[str]
    contrast: re.Pattern[str]
    accept_word: re.Pattern[str]
    aside: re.Pattern[str] | None  # (Russian) an aside a negation after a grant may follow


def _any(patterns: list[str]) -> re.Pattern[str]:
    return join(patterns)  # (finds what "(?:p1)|(?:p2)|..." finds, faster)


@lru_cache(maxsize=4)
def _compiled(language: str) -> _Compiled:
    t: dict[str, Any] = TABLES[language]
    return _Compiled(
        re.compile(t["negators"]), re.compile(t["breaks"]),
        tuple((k, re.compile(p)) for k, p in t["asks"].items()),
        {k: _any(v) for k, v in t["grant"].items()},
        {k: _any(v) for k, v in t["grant_negative"].items()},
        _any(t["refuse"]), _any(t["leave"]), _any(t["defer"]), _any([t["accept"]]),
        _any([t["give_in"]]),
        *(re.compile(t[k]) for k in ("service", "belief", "taken_back", "third_party",
                                     "contrast", "accept_word")),
        re.compile(t["aside"]) if "aside" in t else None,
    )


def surface(text: str, language: str) -> tuple[str, list[int]]:
    """The text as the patterns read it (lower case, ё as е, straight apostrophes; Chinese
    without the spaces a recogniser puts between words) and, per character, where it came
    from in the text."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    low = low.replace("\u2019", "'").replace("\u2018", "'").replace("ё", "е")
    if language != "zh":
        return low, list(range(len(low) + 1))
    keep = [True] * len(low)
    for m in _CJK_SPACE.finditer(low):
        for i in range(m.start(), m.end()):
            keep[i] = False
    index = [i for i in range(len(low)) if keep[i]]
    return "".join(low[i] for i in index), index + [len(low)]


@lru_cache(maxsize=4096)
def infer(client_text: str, language: str) -> str:
    """The request a client line makes ("none" when it asks for nothing a rule forbids)."""
    if language not in TABLES or not client_text:
        return "none"
    s, _ = surface(client_text, language)
    for kind, pattern in _compiled(language).asks:
        if pattern.search(s):
            return kind
    kind = ask_model.infer(s, language)  # (the patterns found nothing: the learned reading)
    if kind == "stay_in_danger" and not dict(_compiled(language).asks)[kind].search(s):
        return "none"  # "I won't leave until I get my papers" is a sit-in, not a danger
    return kind or "none"


def decide(reply: str, request: str, language: str,
           read: tuple[str, list[int]] | None = None) -> Decision:
    """Whether the reply grants, refuses, defers or ignores the request (`read`: the reply's
    surface(), when the caller has it already)."""
    if language not in TABLES:
        return Decision(request, "ignore")
    c = _compiled(language)
    s, index = read if read is not None else surface(reply, language)
    if request == "none":  # nothing asked that we could name: a clear "no" still counts
        give_in = c.give_in.search(s)  # (its own "not" is part of it: "don't tell anyone")
        if give_in is not None and not _negated(c, s, give_in.start(), language):
            return Decision(request, "grant", index[give_in.start()], index[give_in.end()])
        refusal = c.refuse.search(s) or c.leave.search(s)
        if refusal is None:
            said = verdict_model.judge(s, language)
            if said is not None and said[0] == "refuse":  # (with nothing asked, nothing to grant)
                return Decision(request, "refuse", index[said[1]], index[said[2]], True)
            return Decision(request, "ignore")
        return Decision(request, "refuse", index[refusal.start()], index[refusal.end()])

    def found(verdict: str, start: int, end: int) -> Decision:
        return Decision(request, verdict, index[start], index[end])

    grant, refused = _first_grant(s, request, language)
    if grant is not None:
        if request in _SOFT_START and c.give_in.search(s) is None:
            # "I'd love to chat a bit, but I have to hang up now": what follows "but" decides
            but = c.contrast.search(s, grant[1])
            no = (c.refuse.search(s, but.end()) or c.leave.search(s, but.end())) if but else None
            if no is not None and _first_grant(s[but.end():], request, language)[0] is None:
                return found("refuse", *no.span())
        if request in _PARTIAL and c.give_in.search(s) is None:
            # "half off isn't possible, but I'll take breakfast off": a smaller offer after the
            # refusal is the alternative, not a grant
            no = c.refuse.search(s, 0, grant[0])
            if no is not None and c.accept_word.search(s, no.end(), grant[0]) is None:
                return found("refuse", *no.span())
            said = verdict_model.judge(s, language)
            if (said is not None and said[0] == "refuse" and said[2] <= grant[0]
                    and c.accept_word.search(s, said[2], grant[0]) is None):
                return Decision(request, "refuse", index[said[1]], index[said[2]], True)
        return found("grant", *grant)
    if request == "personal_contact" or request == "colleague_information":
        number = _personal_number(s, language)
        if number is not None:
            return found("grant", *number)
    give_in = c.give_in.search(s)  # "...but fine, go on then": giving in after saying no
    if give_in is not None and not _negated(c, s, give_in.start(), language):
        return found("grant", *give_in.span())
    if request == "stay_in_danger":
        refusal = c.leave.search(s)
    else:  # (a refusal found, no need to look for a "leave now")
        refusal = c.refuse.search(s) or c.leave.search(s)
    if refusal is None and refused is not None:
        return found("refuse", *refused)  # "my phone is not for clients": a grant said with "not"
    if refusal is not None:
        return found("refuse", *refusal.span())
    deferral = c.defer.search(s)
    if deferral is not None:
        return found("defer", *deferral.span())
    accept = c.accept.search(s)
    if accept is not None:
        return found("grant", *accept.span())
    said = verdict_model.judge(s, language)
    if said is not None:  # the patterns found nothing; the learned model reads it clearly
        return Decision(request, said[0], index[said[1]], index[said[2]], True)
    return Decision(request, "ignore")


Span = tuple[int, int]


def grants(reply: str, request: str, language: str,
           read: tuple[str, list[int]] | None = None) -> Decision | None:
    """The reply's grant of the request, if it makes one (a quicker question than decide)."""
    if language not in TABLES:
        return None
    s, index = read if read is not None else surface(reply, language)
    grant, _ = _first_grant(s, request, language)
    if grant is not None:
        return Decision(request, "grant", index[grant[0]], index[grant[1]])
    if request == "personal_contact":
        number = _personal_number(s, language)
        if number is not None:
            return Decision(request, "grant", index[number[0]], index[number[1]])
    return None


# (cached for the reply in hand: decide and grants both ask about personal contact)
@lru_cache(maxsize=8)
def _personal_number(s: str, language: str) -> tuple[int, int] | None:
    """A phone number given out (digits or words), not negated and not a service's line."""
    c = _compiled(language)
    for start, end in number_spans(s, language):
        if not c.service.search(s, max(0, start - 30), start) and not _negated(
                c, s, start, language):
            return start, end
    return None


@lru_cache(maxsize=8)
def _first_grant(s: str, request: str, language: str) -> tuple[Span | None, Span | None]:
    """The first grant of the request not negated, and the first one negated (a refusal)."""
    c = _compiled(language)
    inherent = c.grant_negative.get(request)
    if inherent is not None:
        m = inherent.search(s)
        if m is not None:
            return m.span(), None
    pattern = c.grant.get(request)
    if pattern is None:
        return None, None
    negated = None
    for m in pattern.finditer(s):
        if request == "stay_in_danger" and _believed(c, s, m.start()):
            continue
        if request == "stay_on_line" and c.third_party.search(
                s, _clause_start(c, s, m.start()), m.start()):
            continue
        if not _negated(c, s, m.start(), language, m.end()) and not _taken_back(c, s, m.end()):
            return m.span(), None
        negated = negated or m.span()
    return None, negated


def _clause_start(c: _Compiled, s: str, at: int) -> int:
    """Where the clause holding position `at` begins (after the last break before it)."""
    start = 0
    for b in c.breaks.finditer(s, 0, at):
        start = b.end()
    return start


def _taken_back(c: _Compiled, s: str, end: int) -> bool:
    """The clause after the grant's, in the same sentence, opens with a refusal (taken_back)."""
    brk = c.breaks.search(s, end)
    if brk is None or _SENTENCE.match(s, brk.start()):
        return False
    return c.taken_back.match(s, brk.end()) is not None


def _believed(c: _Compiled, s: str, start: int) -> bool:
    """A belief or concession word just before `start`, in the same sentence (belief)."""
    begin = max(0, start - _BELIEF_SPAN)
    for b in _SENTENCE.finditer(s, begin, start):
        begin = b.end()
    return c.belief.search(s, begin, start) is not None


def _negated(c: _Compiled, s: str, start: int, language: str, end: int | None = None) -> bool:
    """A negation in the few words before `start` (or inside the match) in the same clause."""
    clause_start = _clause_start(c, s, start)
    if language == "zh":
        window = s[max(clause_start, start - NEGATION_CHARS):start]
        inside = s[start:end] if end is not None else ""
        if end is not None:  # 通宵陪你聊是不行的: the refusal may follow
            after = c.breaks.search(s, end)
            inside += s[end:min(end + NEGATION_CHARS, after.start() if after else len(s))]
        return any(not _a_not_a(window + inside, m.start())
                   for m in c.negators.finditer(window + inside))
    before = s[clause_start:start].split()
    window = " ".join(before[-NEGATION_WORDS:])
    if end is not None:
        window += " " + s[start:end]
        if language == "ru":  # Russian often says it last: «до утра оставаться я не могу»
            aside = c.aside.match(s, end) if c.aside is not None else None
            rest = aside.end() if aside else end
            after = c.breaks.search(s, rest)
            window += " " + " ".join(s[rest:after.start() if after else len(s)].split()[:5])
    return bool(c.negators.search(window))


def _a_not_a(s: str, at: int) -> bool:
    """Chinese 能不能 / 可不可以: the 不 asks, it does not refuse."""
    return 0 < at < len(s) - 1 and s[at - 1] == s[at + 1]
