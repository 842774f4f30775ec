"""The last word on a reply's scores: what the reply did with the client's request, and the
checks no pile of good words can get past (a grant, sarcasm, insults, one word said over and
over, sentences said again, stock phrases that answer nothing).

Each check that moves a score leaves one evidence item with a plain-language label and the
narrowest span that shows why. Caps come last, after every point has been added, so nothing
later can lift a capped score again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from simulator.scoring.guards import (
    content,
    find_courtesy,
    find_insult,
    find_offer,
    find_sarcasm,
    stock_share,
    zh_stock_share,
)
from simulator.scoring.request import Decision, decide, grants, infer, surface
from simulator.scoring.spoken import echoes
from simulator.scoring.text import Normaliser, Tokens

# ceilings (firmness, boundary clarity) a decision puts on a reply
GRANT_CAP = (25.0, 20.0)
GRANT_COST = 10.0  # the least a grant costs each of them
DEFER_CAP = (45.0, 40.0)
IGNORE_CAP = (60.0, 50.0)
# what a clear refusal is worth at least (firmness, boundary clarity; with an alternative)
REFUSAL_FLOOR = (70.0, 70.0)
ALTERNATIVE_FLOOR = 80.0
KIND_FLOOR = 55.0  # empathy of a refusal said kindly
CARING_FLOOR = 45.0  # empathy of a refusal that turns to another way to help
COLD_WORDS = -8.0  # learned empathy below which a courtesy word does not make a refusal kind
NEXT_STEP_FLOOR = (55.0, 55.0)  # a calm turn to what can be done, when nothing was refused
# a "no" said with these is not a clear refusal: it earns no floor
_UNSTEADY = frozenset({"over_apologise", "cave_in", "vague_deferral", "aggression",
                       "share_personal_info", "agree_outside_contact"})
_WAVERING = frozenset({"hedging", "caving", "pleading", "vague_deferral", "excessive_apology",
                       "apologises_instead", "overstepping_role", "personal_details",
                       "gives_away_details", "outside_contact", "agrees_to_contact"})
_ALTERNATIVES = frozenset({"refer_channel", "offer_help", "involve_colleague", "give_instruction",
                           "stay_on_task"})
_CONTACT = frozenset({"share_personal_info", "agree_outside_contact", "personal_details",
                      "gives_away_details", "outside_contact", "agrees_to_contact"})
# what a reply does about the matter, as against what it says about feelings
_ACTIONS = _ALTERNATIVES | {"state_limit", "state_consequence"}
SALAD_WORDS = 10  # meaningful words before kind talk alone is a salad
# asks a referral or a turn back to the task answers as a "no" does
_HANDED_ON = frozenset({"stay_on_line", "advice_outside_remit"})
# steps that take up the client's matter by themselves (a bare "I can help" needs the matter named)
_DOING = frozenset({"refer_channel", "stay_on_task", "give_instruction", "involve_colleague"})
_CARING = frozenset({"refer_channel", "offer_help", "involve_colleague"})
_COLD = frozenset({"dismissing", "judging", "blaming", "sarcasm", "aggression"})
SARCASM_CAP = 15.0
INSULT_CAP = 20.0
INSULT_FIRMNESS_CAP = 40.0
SPAM_CAP = 10.0
SALAD_CAP = 40.0
SALAD_SHARE = 0.7  # stock vocabulary this much of a reply's meaningful words
REPEAT_COST = 4.0
# Requests whose grant is wrong whatever the client asked for: looked for even when the client
# line names no request (the client may have asked earlier, or the trainee offers it unasked).
_ALWAYS = ("personal_contact", "meet_outside_work")

Add = Callable[[str, str, float, int, int], None]


@dataclass(frozen=True)
class Reading:
    """What the trust checks need from one scored reply."""

    text: str  # the reply as scored (pauses turned into commas)
    tokens: Tokens
    client_text: str
    request: str | None  # the node's request, or None to infer it from the client line
    detected: frozenset[str]  # rubric behaviours found
    positive_items: int  # distinct rubric indicators that earned points
    curt: bool = False  # the rubric found the reply too short to be warm
    costs: frozenset[str] = frozenset()  # rubric indicators that cost points
    confidence: float = 1.0  # the recogniser's, over the reply: a floor heard unsure lifts less
    limit: tuple[int, int] | None = None  # where the rubric heard a limit stated, if it did
    handed_on: tuple[int, int] | None = None  # where it heard a referral or a turn to the task
    learned_empathy: float = 0.0  # what the learned words gave empathy (raters' sense of warmth)


def judge(reading: Reading, language: str, function_words: frozenset[str],
          stock: frozenset[str], client_norms: tuple[str, ...], totals: dict[str, float],
          add: Add) -> Decision:
    """Apply the request decision and the guards to `totals`, recording evidence with `add`
    (dimension, indicator, points, start, end)."""
    text, tokens = reading.text, reading.tokens
    read = surface(text, language)
    s, index = read
    request = reading.request or infer(reading.client_text, language)
    decision = decide(text, request, language, read)
    # the reply's grant of an _ALWAYS kind: looked for only where it counts (here, and for a
    # refusal below)
    given = _always_granted(text, language, read) if request == "none" else None
    if given is not None:
        decision = given

    echo = echoes(tokens.norms)
    n = len(tokens)
    echo_share = sum(echo) / n if n else 0.0
    meaning = content(tokens.norms, function_words)
    # (Chinese counts characters: a four-character phrase such as 不好意思 is one word said over)
    if n >= 6 and echo_share >= 0.6 and len(meaning) <= (4 if language == "zh" else 2):
        for dim in totals:
            _cap(totals, add, dim, SPAM_CAP, "word_spam", 0, len(text.rstrip()))
        return decision
    if echo_share >= 0.25:
        first = echo.index(True)
        start, end = tokens.starts[first], tokens.ends[n - 1 - echo[::-1].index(True)]
        for dim in totals:
            add(dim, "repetition", -REPEAT_COST, start, end)

    mock = find_sarcasm(s, language)
    if mock is not None:
        _cap(totals, add, "empathy", SARCASM_CAP, "sarcasm_frame", index[mock.start()],
             index[mock.end()])
    insult = find_insult(s, language)
    if insult is not None:
        _cap(totals, add, "empathy", INSULT_CAP, "insult", index[insult.start()],
             index[insult.end()])
        # (an insult is not holding the line calmly: raters give it firmness 1)
        _cap(totals, add, "firmness", INSULT_FIRMNESS_CAP, "insult", index[insult.start()],
             index[insult.end()])

    if decision.verdict == "ignore" and decision.request != "none":
        if reading.limit is not None:
            # the request patterns missed it, but the rubric heard a limit stated: that is a "no"
            decision = Decision(decision.request, "refuse", *reading.limit)
        elif decision.request in _HANDED_ON and reading.handed_on is not None:
            # "the helpline can listen for as long as you need": the ask is passed to its place
            decision = Decision(decision.request, "refuse", *reading.handed_on)
    # The rubric's contact phrases cannot tell "my phone is not for clients" or "write down the
    # helpline" from giving a number; the decision can, and when it found no contact given
    # those costs may not block a refusal's floor.
    if given is None and request != "none" and decision.verdict == "refuse":
        given = _always_granted(text, language, read)
    contact_false = _CONTACT if given is None else frozenset()
    name = f"decision:{decision.verdict}:{decision.request}"
    verdict = decision.verdict
    # said without blame, contempt or a jibe: what a steady "no" or a calm next step needs
    warm = mock is None and insult is None and _COLD.isdisjoint(reading.costs)
    if verdict == "grant":  # capped, and always costs: the item shows even when already low
        for dim, cap in zip(("firmness", "boundary_clarity"), GRANT_CAP, strict=True):
            add(dim, name, -max(GRANT_COST, totals[dim] - cap), decision.start, decision.end)
    elif verdict == "defer":
        _cap(totals, add, "firmness", DEFER_CAP[0], name, decision.start, decision.end)
        _cap(totals, add, "boundary_clarity", DEFER_CAP[1], name, decision.start, decision.end)
    elif (verdict == "refuse" and _UNSTEADY.isdisjoint(reading.detected - contact_false)
          and _WAVERING.isdisjoint(reading.costs - contact_false)):
        if decision.request == "stay_in_danger":
            name = "decision:leave:stay_in_danger"
        span = (decision.start, decision.end)
        conf = reading.confidence
        if warm:  # a "no" said coldly is clear, but not steady
            _floor(totals, add, "firmness", REFUSAL_FLOOR[0], name, *span, conf)
        alternative = not _ALTERNATIVES.isdisjoint(reading.detected)
        _floor(totals, add, "boundary_clarity",
               ALTERNATIVE_FLOOR if alternative else REFUSAL_FLOOR[1], name, *span, conf)
        # (a refusal only the verdict model heard earns no empathy floor: it may be mocking
        # in words the phrase lists do not know)
        # (nor when the words raters learned from read cold: "I can't advise. Next customer,
        # please." is a refusal with an offer of sorts, and raters give it empathy 1)
        if warm and not decision.learned:
            kind = find_courtesy(s, language)
            if kind is not None and not reading.curt and reading.learned_empathy >= COLD_WORDS:
                _floor(totals, add, "empathy", KIND_FLOOR, "decision:kind_refusal",
                       index[kind.start()], index[kind.end()], conf)
            elif reading.learned_empathy >= 0.0 and (not _CARING.isdisjoint(reading.detected)
                                                     or find_offer(s, language)):
                _floor(totals, add, "empathy", CARING_FLOOR, "decision:caring_refusal", *span,
                       conf)
    elif (verdict == "ignore" and decision.request == "none" and warm
          and (not _ALTERNATIVES.isdisjoint(reading.detected) or find_offer(s, language))
          and _UNSTEADY.isdisjoint(reading.detected) and _WAVERING.isdisjoint(reading.costs)
          and (not _DOING.isdisjoint(reading.detected) or _overlap(
              meaning, client_norms, function_words, language, s, reading.client_text))):
        # nothing refused, but the reply turns calmly to what can be done: that holds the line
        for dim, floor in zip(("firmness", "boundary_clarity"), NEXT_STEP_FLOOR, strict=True):
            _floor(totals, add, dim, floor, "decision:next_step", 0, 0, reading.confidence)
    elif decision.request != "none" and reading.request is not None:
        # (only a request the scenario names: one read from the client line may be wrong)
        _cap(totals, add, "firmness", IGNORE_CAP[0], name, 0, 0)
        _cap(totals, add, "boundary_clarity", IGNORE_CAP[1], name, 0, 0)

    # (a refusal only the verdict model heard may still be stock phrases that answer nothing)
    if (verdict in ("ignore", "defer") or decision.learned) and reading.positive_items >= 2:
        share = zh_stock_share(s) if language == "zh" else stock_share(
            tokens.norms, function_words, stock)
        # (boilerplate's own words, "we value your business", answer nothing the client said)
        overlap = _overlap(meaning - stock, client_norms, function_words, language, s,
                           reading.client_text)
        if len(meaning) < 4:  # a short kind line is not a salad
            share = 0.0
        piled = reading.positive_items >= 3 and share >= SALAD_SHARE - 0.2
        idle = (_ACTIONS.isdisjoint(reading.detected) and len(meaning) >= SALAD_WORDS
                and not any(c.isdigit() for c in text))
        if not overlap and (share >= SALAD_SHARE or piled or idle):
            for dim in totals:
                _cap(totals, add, dim, SALAD_CAP, "salad", 0, 0)
    return decision


def _always_granted(text: str, language: str, read: tuple[str, list[int]]) -> Decision | None:
    """The reply's grant of the first _ALWAYS kind it grants, if any."""
    for kind in _ALWAYS:
        given = grants(text, kind, language, read)
        if given is not None:
            return given
    return None


def _overlap(meaning: set[str], client_norms: tuple[str, ...], function_words: frozenset[str],
             language: str, reply_surface: str, client_text: str) -> bool:
    """Whether the reply takes up anything the client said (Chinese: a shared word of two
    characters, as single characters are shared by almost any two sentences)."""
    if language != "zh":
        # (a shared everyday verb, "get" in "get out" and "get in touch", takes up nothing)
        return bool(meaning & content(client_norms, function_words) - _common(language))
    client = re.sub(r"[^\u3400-\u9fff]", "", client_text)
    reply = re.sub(r"[^\u3400-\u9fff]", "", reply_surface)
    pairs = {client[i:i + 2] for i in range(len(client) - 1)}
    return any(reply[i:i + 2] in pairs and not set(reply[i:i + 2]) <= function_words
               for i in range(len(reply) - 1))


@cache
def _common(language: str) -> frozenset[str]:
    return Normaliser(language).common


def _floor(totals: dict[str, float], add: Add, dim: str, floor: float, name: str,
           start: int, end: int, confidence: float = 1.0) -> None:
    floor *= min(1.0, confidence + 0.2)
    if totals[dim] < floor:
        add(dim, name, floor - totals[dim], start, end)


def _cap(totals: dict[str, float], add: Add, dim: str, ceiling: float, name: str,
         start: int, end: int) -> None:
    if totals[dim] > ceiling:
        add(dim, name, ceiling - totals[dim], start, end)
