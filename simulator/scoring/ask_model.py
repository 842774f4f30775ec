"""A learned second opinion on what a client line asks for, for the lines the ask patterns
(request_patterns.py `asks`) do not recognise.

Outside a scenario (`holdline score --client`, the trust suite) the request is read from the
client line, and people ask in more ways than any list holds («а можно как-нибудь без талона?»,
能不能通融一下). The ask model (text_model.py, trained on blind-written client lines labelled
with the request kind, "none" included) names the kind when it leads every other by ASK_AT.
"""

from __future__ import annotations

from simulator.scoring.text_model import load

ASK_AT = 3.0  # log-odds by which the kind must lead every other, "none" included


def infer(s: str, language: str) -> str | None:
    """The request kind surface text `s` asks for, when clear; None otherwise."""
    model = load("asks", language)
    if model is None:
        return None
    top, _, margin = model.lead(model.weigh(s, language)[0])
    kind = model.classes[top]
    return None if kind == "none" or margin < ASK_AT else kind
