"""A learned second opinion on what a client line asks for, for the lines the ask patterns
(request_patterns.py `asks`) do not recognise.

Outside a scenario (`holdline score --client`, the trust suite) the request is read from the
client line, and people ask in more ways than any list holds ("I don't suppose you could pop me
in before the others?", «а можно как-нибудь без талона?», 能不能通融一下). A naive Bayes model
over the same features as the verdict model (verdict_model.features), trained on client lines
written and labelled by blind authors (data/asks/, and the client lines of data/decisions/),
names the request kind when it leads every other kind, "none" included, by ASK_AT.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache

from simulator.scoring.verdict_model import HERE, features

FORMAT = 1
ASK_AT = 2.0  # log-odds by which the kind must lead every other, "none" included


class AskModel:
    def __init__(self, kinds: Sequence[str], priors: Sequence[float],
                 weights: dict[str, Sequence[float]]) -> None:
        self.kinds = tuple(kinds)
        self.priors = tuple(priors)
        self.weights = weights

    def infer(self, s: str, language: str) -> str | None:
        """The request kind surface text `s` asks for, when clear; None otherwise."""
        totals = list(self.priors)
        seen: set[str] = set()
        for f, _, _ in features(s, language):
            w = self.weights.get(f)
            if w is None or f in seen:
                continue
            seen.add(f)
            for k, x in enumerate(w):
                totals[k] += x
        order = sorted(range(len(totals)), key=totals.__getitem__, reverse=True)
        top = order[0]
        if self.kinds[top] == "none" or totals[top] - totals[order[1]] < ASK_AT:
            return None
        return self.kinds[top]


@lru_cache(maxsize=4)
def load(language: str) -> AskModel | None:
    try:
        data = json.loads((HERE / f"{language}.asks.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != FORMAT or data.get("language") != language:
        return None
    return AskModel(data["kinds"], [float(p) for p in data["priors"]],
                    {k: tuple(float(x) for x in v) for k, v in data["weights"].items()})
