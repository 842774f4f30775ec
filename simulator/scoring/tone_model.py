"""A learned reading of a reply's tone (warm, neutral, cold, mocking, insulting), for sarcasm
and contempt the phrase lists (guards.py) do not know: "Oh, absolutely, I've got nothing but
time for you, sweetheart", «ну конечно, сорок минут — это же совсем немного», 好多好多钱哦.
Trained on blind-written replies labelled with their tone (data/replies/); it speaks only when
mocking or insulting leads every other tone by MOCK_AT, and shows the clause that leaned most.
"""

from __future__ import annotations

from simulator.scoring.text_model import load
from simulator.scoring.verdict_model import clause

TONES = ("warm", "neutral", "cold", "mocking", "insulting")
MOCK_AT = 3.0  # log-odds by which mocking or insulting must lead every other tone


def contempt(s: str, language: str) -> tuple[str, int, int] | None:
    """("mocking" or "insulting", start, end of the clause that leaned most) for surface text
    `s`, when the model is sure; else None."""
    model = load("tones", language)
    if model is None:
        return None
    totals, scored = model.weigh(s, language)
    top, second, margin = model.lead(totals)
    tone = model.classes[top]
    if tone not in ("mocking", "insulting") or margin < MOCK_AT:
        return None
    lean: dict[tuple[int, int], float] = {}
    for w, f in scored:
        if f[1] < f[2]:
            span = clause(s, f[1])
            lean[span] = lean.get(span, 0.0) + w[top] - w[second]
    if not lean:
        return None
    start, end = max(lean, key=lean.__getitem__)
    return tone, start, end
