"""A learned second opinion on whether a reply refuses or grants the client's request, for the
replies the request patterns (request_patterns.py) cannot place.

Phrase lists catch the common ways of saying no; people find many more ("books can only go out
on the cardholder's own card", «залог пока останется заблокирован», 免费升舱我这边没法办). The
verdict model (text_model.py, trained on blind-written replies labelled refuse / grant / ignore,
each refusal also taught with its negations dropped as a grant) is asked only when the patterns
found neither, decides only when one verdict leads by DECIDE_AT, never hears a refusal in a reply
with no "not" anywhere (it may be a lost one), and shows the clause that leaned most.
"""

from __future__ import annotations

import re

from simulator.scoring.text_model import NEGATOR, NO_NEGATION, load

VERDICTS = ("refuse", "grant", "ignore")  # (a deferral is not learned: the patterns know it)
DECIDE_AT = 3.0  # log-odds (natural log) by which the verdict must lead, for the model to decide
# Negations that refuse nothing: courtesies and reassurance ("don't hesitate to call", "no
# worries", «не волнуйтесь», 别客气). A refusal needs a "not" outside these.
_COURTESY = {
    "en": re.compile(r"\b(?:do not|don'?t|dont) (?:hesitate|worry|be afraid|mention it|panic)\b"
                     r"|\bno (?:problem|worries|trouble|bother|doubt|matter)\b|\bnot at all\b"
                     r"|\bnot a problem\b|\bnever mind\b|\bnot to worry\b"),
    "ru": re.compile(r"(?<![а-я])(?:не (?:стесняйтесь|стесняйся|волнуйтесь|волнуйся|переживайте|"
                     r"переживай|беспокойтесь|беспокойся|торопитесь|спешите|за что|стоит "
                     r"благодарности)|нет проблем|ничего страшного)(?![а-я])"),
    "zh": re.compile(r"不客气|别客气|不用谢|没关系|别担心|不用担心|不要担心|不要紧|别着急|"
                     r"不着急|别怕|别紧张|不要客气"),
}


def judge(s: str, language: str) -> tuple[str, int, int] | None:
    """("refuse" or "grant", start, end of the clause that leaned that way most) for surface
    text `s`, when the model decides; else None."""
    model = load("verdicts", language)
    if model is None:
        return None
    totals, scored = model.weigh(s, language)
    top, second, margin = model.lead(totals)
    verdict = model.classes[top]
    if verdict == "ignore" or margin < DECIDE_AT:
        return None
    if verdict == "refuse":
        s_neg = _COURTESY[language].sub(lambda m: " " * len(m.group()), s)
        if not NEGATOR[language].search(s_neg):
            return None
    # the evidence is the clause that leans that way most: a readable stretch of the reply,
    # not the one stem that happened to weigh most
    lean: dict[tuple[int, int], float] = {}
    for w, f in scored:
        if f[0] != NO_NEGATION:
            span = clause(s, f[1])
            lean[span] = lean.get(span, 0.0) + w[top] - w[second]
    if not lean:
        return None
    if verdict == "refuse":  # a refusal is shown where it says "not", if any clause does
        negated = [c for c in lean if NEGATOR[language].search(s_neg, c[0], c[1])]
        lean = {c: lean[c] for c in negated} or lean
    start, end = max(lean, key=lean.__getitem__)
    return (verdict, start, end)


_BREAK = re.compile(r"[.,;:!?\u2014\u2026\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u3001]")


def clause(s: str, at: int) -> tuple[int, int]:
    """The clause around position `at`, without its edge spaces."""
    start = 0
    for b in _BREAK.finditer(s, 0, at):
        start = b.end()
    after = _BREAK.search(s, at)
    end = after.start() if after else len(s)
    while start < end and s[start].isspace():
        start += 1
    while end > start and s[end - 1].isspace():
        end -= 1
    return start, end
