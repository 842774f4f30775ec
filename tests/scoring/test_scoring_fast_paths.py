"""The scorer's fast paths give what the plain code they replace gives."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from simulator.scoring import ReplyContext, Scorer
from simulator.scoring.scorer import Evidence, _evidence
from simulator.scoring.text import _EN_WORDS, _LATIN_WORD, _OTHER_LATIN_WORDS, looks_like

ROOT = Path(__file__).resolve().parents[2]


def _labelled_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "labelled").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts += [row["reply"], row["client"]]
    return texts


def test_fast_evidence_is_the_dataclass() -> None:
    args = ("empathy", "acknowledge", 7.5, 3, 9, "so sad")
    fast, plain = _evidence(*args), Evidence(*args)
    assert type(fast) is Evidence
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert list(vars(fast).items()) == list(vars(plain).items())
    assert dataclasses.asdict(fast) == dataclasses.asdict(plain)
    assert fast.to_json() == plain.to_json()
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.points = 1.0  # type: ignore[misc]


def _word_counts(text: str) -> tuple[int, int]:
    """English and other-Latin word counts as looks_like() counted them word by word."""
    english = other = 0
    for w in _LATIN_WORD.findall(text.lower()):
        w = w.split("'")[0]
        if w in _EN_WORDS:
            english += 1
        elif w in _OTHER_LATIN_WORDS:
            other += 1
    return english, other


@pytest.mark.parametrize("text", [
    "no no no", "No, no es posible, lo siento", "je ne sais pas", "I don't know", "der die das",
    "l'homme n'est pas là, c'est la vie", "Il n'y a pas de problème", "no' el'la es'", "ok",
])
def test_looks_like_counts_as_before(text: str) -> None:
    english, other = _word_counts(text)
    letters = sum(map(len, _LATIN_WORD.findall(text.lower())))
    expected = None if letters < 4 else False if other >= 2 and other > english else (
        True if english else None)
    assert looks_like("en", text) is expected


def test_looks_like_on_labelled_text() -> None:
    for text in _labelled_texts():
        if not text.isascii():
            continue
        english, other = _word_counts(text)
        letters = sum(map(len, _LATIN_WORD.findall(text.lower())))
        expected = None if letters < 4 else False if other >= 2 and other > english else (
            True if english else None)
        assert looks_like("en", text) is expected, text


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_candidate_index_finds_every_match(lang: str, request: pytest.FixtureRequest) -> None:
    """Every pattern that matches a labelled text on its own is found through the index."""
    scorer: Scorer = request.getfixturevalue(lang)
    matcher = scorer.matcher
    for text in _labelled_texts():
        tokens = scorer.norm.tokens(text)
        found = matcher.find(tokens, text)
        present = set(tokens.norms)
        for pat in matcher.patterns:
            if pat.name in found or not pat.anchors:
                continue
            # a pattern with a required anchor absent cannot match: nothing was missed
            assert any(a.isdisjoint(present) for a in pat.anchors) or not _matches_alone(
                matcher, pat, tokens, text), (pat.source, text)


def _matches_alone(matcher, pat, tokens, text) -> bool:  # type: ignore[no-untyped-def]
    """Whether the pattern matches the text when tried at every token (no index)."""
    for j in range(len(tokens)):
        if matcher._match_at(pat, tokens, text, j) is not None:
            return True
    return False


def test_prepare_compiles_every_pattern_and_changes_no_score() -> None:
    from simulator.scoring.rubric import load_rubric

    path = Path(__file__).resolve().parents[2] / "scenarios" / "rubrics" / "en.yaml"
    lazy, ready = Scorer(load_rubric(path), path), Scorer(load_rubric(path), path)
    ready.prepare()
    assert all(rx is not None for rx in ready.matcher._rx)
    assert all(rx is not None for rx, pat in zip(ready.matcher._rx_opens, ready.matcher.patterns,
                                                  strict=True) if pat.subject_drop)
    context = ReplyContext("en", "You useless idiot, I want my refund now!")
    for reply in ("I can hear how frustrated you are, but if the shouting continues I'll end "
                  "the call. What I can do is check your refund now.",
                  "Fine, just this once, don't tell my manager.",
                  "calm down its not a big deal"):
        assert ready.score(reply, context).to_json() == lazy.score(reply, context).to_json()


def _pattern_lists() -> list[tuple[str, list[str]]]:
    from simulator.scoring import guards
    from simulator.scoring.request_patterns import TABLES

    out: list[tuple[str, list[str]]] = []
    for lang, table in TABLES.items():
        out += [(lang, table[k]) for k in ("refuse", "leave", "defer")]
        out += [(lang, [table[k]]) for k in ("negators", "breaks", "accept", "give_in")]
        out += [(lang, v) for k in ("grant", "grant_negative") for v in table[k].values()]
        out += [(lang, tab[lang]) for tab in (guards._SARCASM, guards._INSULT,
                                              guards._COURTESY, guards._OFFER)]
    return out


def test_joined_alternatives_find_what_plain_ones_find() -> None:
    import re

    from simulator.scoring.alternation import join, joined
    from simulator.scoring.request import surface

    assert joined([r"\ba|\bb(?:c|d)", r"(?:\be|f)", "[|(]x"]) == r"\b(?:a|b(?:c|d)|e)|f|[|(]x"
    texts: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data" / "labelled").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.setdefault(row["language"], []).extend(
                    surface(t, row["language"])[0] for t in (row["reply"], row["client"]))
    for lang, patterns in _pattern_lists():
        plain = re.compile("|".join(f"(?:{p})" for p in patterns))
        fast = join(patterns)
        for s in texts[lang]:
            assert [m.span() for m in fast.finditer(s)] == [m.span() for m in plain.finditer(s)]
