"""Reply -> three scores (empathy, firmness, boundary clarity), behaviours and evidence.

Each dimension starts at the rubric's base; every indicator that matches adds its weight, every
penalty subtracts its weight, scaled by match quality and recognition confidence. Context moves
scores too: behaviours the node expects (from the scenario, or implied by the client's line
through the rubric's cues) add when present and cost when missing, and red flags cost extra.
Spoken replies get a small delivery adjustment to firmness.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from simulator.scoring.evidence import Evidence, ReplyScore, _evidence, _reply_score
from simulator.scoring.guards import FUNCTION_WORDS, STOCK
from simulator.scoring.labels import label as plain_label
from simulator.scoring.matcher import Match, PatternError
from simulator.scoring.matcher_cache import matcher as built_matcher
from simulator.scoring.regex_cache import RegexCache
from simulator.scoring.rubric import DIMENSIONS, Rubric, load_rubric, pattern_error
from simulator.scoring.spoken import pause_breaks, quiet_fillers
from simulator.scoring.text import Normaliser, Tokens, looks_like
from simulator.scoring.trust import Reading, judge
from simulator.scoring.word_weights import WordWeights
from simulator.transcript import Word

K = TypeVar("K")

MAX_CHARS = 5000
LOW_CONFIDENCE = 0.6
# (expectation groups, each with its label and the dimensions a miss costs; red flags, sorted)
_Needs = tuple[list[tuple[tuple[str, ...], str, tuple[str, ...]]], tuple[str, ...]]


@dataclass(frozen=True)
class ReplyContext:
    language: str
    client_text: str = ""
    expects: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    request: str | None = None  # what the client asks for (None: read it from client_text)


def _word_spans(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Where each recognised word sits in the reply text ((-1, -1) when it cannot be found)."""
    low = text.lower()
    spans = []
    pos = 0
    for w in words:
        needle = w.word.lower()
        at = low.find(needle, pos) if needle else -1
        if at < 0:
            spans.append((-1, -1))
        else:
            spans.append((at, at + len(needle)))
            pos = at + len(needle)
    return spans


class Scorer:
    """Scores replies against one rubric; build with load_scorer() (cached per file)."""

    def __init__(
        self, rubric: Rubric, source: str | Path = "<rubric>", semantic: bool = False,
        words: bool = True, regexes: RegexCache | None = None,
    ) -> None:
        self.rubric = rubric
        self.regexes = regexes if regexes is not None else RegexCache(None)
        compile_rx = self.regexes.compile
        self.semantic = None
        if semantic:
            from simulator.scoring.semantic import SemanticLayer

            self.semantic = SemanticLayer(rubric)
        self.words = None
        if words and rubric.word_weights:
            self.words = WordWeights.load(Path(source).parent / rubric.word_weights,
                                          rubric.language)
        self.language = rubric.language
        self.norm = Normaliser(rubric.language)
        self.function_words = frozenset(
            n for w in FUNCTION_WORDS[rubric.language].split() for n in self.norm.words(w))
        if self.words is not None:
            self.words.drop(self.function_words)
        self.stock = frozenset(
            n for w in STOCK[rubric.language].split() for n in self.norm.words(w))
        slots = rubric.slots
        kept = self.regexes.path  # (built matchers are kept beside the compiled regexes)
        try:
            self.matcher = built_matcher(self.norm, rubric.phrases, slots, compile_rx, kept,
                                         "phrases")
        except PatternError as exc:
            raise pattern_error(source, ("phrases", *exc.loc), str(exc)) from None
        try:
            self.cue_matcher = built_matcher(
                self.norm, {n: c.patterns for n, c in rubric.cues.items()}, slots, compile_rx,
                kept, "cues")
        except PatternError as exc:
            name, index = exc.loc or ("", 0)
            raise pattern_error(source, ("cues", name, "patterns", index), str(exc)) from None
        self._indicators = [
            (dim, name, sign * ind.weight, tuple(ind.phrases), ind.min_count)
            for dim in DIMENSIONS
            for sign, group in (
                (1.0, rubric.dimension(dim).indicators),
                (-1.0, rubric.dimension(dim).penalties),
            )
            for name, ind in group.items()
        ]
        self._phrase_indicators: dict[str, list[int]] = {}
        for idx, (_, _, _, phrase_sets, _) in enumerate(self._indicators):
            for pname in phrase_sets:
                self._phrase_indicators.setdefault(pname, []).append(idx)
        self._phrase_behaviours: dict[str, list[str]] = {}
        for bname, beh in rubric.behaviours.items():
            for pname in beh.phrases:
                self._phrase_behaviours.setdefault(pname, []).append(bname)
        # phrase-set name -> (indicator ids, behaviour names) it feeds: one lookup per set found
        self._phrase_targets = {
            p: (tuple(self._phrase_indicators.get(p, ())),
                tuple(self._phrase_behaviours.get(p, ())))
            for p in self._phrase_indicators.keys() | self._phrase_behaviours.keys()
        }
        self._bases = {d: float(rubric.dimension(d).base) for d in DIMENSIONS}
        self._client_cache: dict[str, tuple[str, ...]] = {}
        self._needs_cache: dict[tuple[str, tuple[str, ...], tuple[str, ...]], _Needs] = {}
        self._behaviour_phrases = {
            n: (tuple(b.phrases), b.min_count) for n, b in rubric.behaviours.items()
        }

    # -- context -------------------------------------------------------------------------
    def _context_needs(self, context: ReplyContext) -> _Needs:
        """Expectation groups (one of each group must be present), each with its label and the
        dimensions a miss costs, and the red flags that are rubric behaviours, sorted (cached)."""
        key = (context.client_text, context.expects, context.red_flags)
        hit = self._needs_cache.get(key)
        if hit is None:
            if len(self._needs_cache) >= 4096:
                self._needs_cache.clear()
            groups, red = self._compute_needs(context)
            behaviours = self.rubric.behaviours
            laid_out: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = []
            for group in groups:
                beh = behaviours.get(group[0])
                dims: tuple[str, ...] = tuple(beh.dimensions) if beh else ()
                laid_out.append((group, "|".join(group), dims))
            needs: _Needs = (laid_out, tuple(f for f in sorted(red) if f in behaviours))
            self._needs_cache[key] = needs
            return needs
        return hit

    def _compute_needs(self, context: ReplyContext) -> tuple[list[tuple[str, ...]], set[str]]:
        groups: list[tuple[str, ...]] = [(b,) for b in context.expects]
        red = set(context.red_flags)
        if context.client_text:
            toks = self.norm.tokens(context.client_text[:MAX_CHARS])
            for name in self.cue_matcher.find(toks, context.client_text):
                cue = self.rubric.cues[name]
                if cue.expects_any and cue.expects:
                    groups.append(tuple(cue.expects))
                else:
                    groups.extend((b,) for b in cue.expects)
                red.update(cue.red_flags)
        unique: list[tuple[str, ...]] = []
        for g in groups:
            if g not in unique and not any(set(u) <= set(g) for u in unique):
                unique.append(g)
        return unique, red

    # -- scoring -------------------------------------------------------------------------
    def score(
        self,
        reply_text: str,
        context: ReplyContext,
        words: Sequence[Word] | None = None,
        samples: Any = None,
        sample_rate: int | None = None,
    ) -> ReplyScore:
        flags: list[str] = []
        if context.language and context.language != self.language:
            flags.append("rubric_language_mismatch")
        text = reply_text
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS]
            flags.append("truncated")
        confidence = None
        spans: list[tuple[int, int]] = []
        if words:
            confidence = sum(w.conf for w in words) / len(words)
            spans = _word_spans(text, words)
            if confidence < LOW_CONFIDENCE:
                flags.append("low_confidence")
        delivery = None
        if words or samples is not None:
            from simulator.scoring.delivery import analyse

            delivery = analyse(words or (), self.rubric.fillers, samples, sample_rate)
        if not text.strip():
            return self._blank(("empty_reply", *flags), delivery, confidence)
        if looks_like(self.language, text) is False:
            return self._blank(("wrong_language", *flags), delivery, confidence)
        tokens = self.norm.tokens(text)
        if not len(tokens):
            return self._blank(("no_words", *flags), delivery, confidence)
        # a pause in the word timings ends a clause as a comma would (same offsets)
        heard = quiet_fillers(pause_breaks(text, words, spans) if words else text, self.language)
        said = tokens  # every word as said, for the repetition checks
        if heard != text:
            tokens = self.norm.tokens(heard)
            if not len(tokens):
                return self._blank(("no_words", *flags), delivery, confidence)
        matches = self.matcher.find(tokens, heard)
        conf_of = self._confidence_fn(words, spans) if words else None
        evidence: list[Evidence] = []
        totals = self._bases.copy()
        if self.words is not None:  # the learned weights' constant: part of the base
            for dim, offset in self.words.offsets.items():
                totals[dim] += offset
        ind_hits, beh_hits = self._hits(matches)
        indicators = self._indicators
        for idx in sorted(ind_hits) if len(ind_hits) > 1 else ind_hits:
            dim, name, points, _, min_count = indicators[idx]
            hits = ind_hits[idx]
            if len(hits) < min_count:
                continue
            found = _merge(hits) if len(hits) > 1 else hits
            if len(found) < min_count:
                continue
            if min_count > 1:
                share = points / len(found)
                for m in found:
                    got = share * m.quality
                    if conf_of is not None:
                        got *= conf_of(m)
                    totals[dim] += got
                    evidence.append(_evidence(dim, name, got, m.start, m.end, text[m.start:m.end]))
            else:
                if len(found) == 1:
                    best = found[0]
                elif conf_of is None:
                    best = max(found, key=_quality)
                else:
                    best = max(found, key=lambda m: m.quality * conf_of(m))
                got = points * best.quality
                if conf_of is not None:
                    got *= conf_of(best)
                totals[dim] += got
                evidence.append(_evidence(dim, name, got, best.start, best.end,
                                          text[best.start:best.end]))
        _diminish(totals, evidence)
        curt = self.rubric.curt
        if curt is not None and len(tokens) <= curt.max_words:
            if not any(e.dimension == "empathy" and e.points > 0 and e.indicator not in curt.ignore
                       for e in evidence):
                _add(totals, evidence, text, "empathy", "curt_reply", -curt.empathy, 0,
                     len(text.rstrip()))
        detected = self._detected(beh_hits) if beh_hits else {}
        groups, red = self._context_needs(context)
        weights = self.rubric.context_weights
        behaviours = self.rubric.behaviours
        for group, label, missed_dims in groups:
            hit = next((b for b in group if b in detected), None)
            if hit is not None:
                m = detected[hit]
                got = weights.expected_met * m.quality
                for dim in behaviours[hit].dimensions:
                    _add(totals, evidence, text, dim, f"expected:{hit}", got, m.start, m.end)
            else:
                for dim in missed_dims:
                    _add(totals, evidence, text, dim, f"missing:{label}", -weights.expected_missed,
                         0, 0)
        for flag in red:
            if flag in detected:
                m = detected[flag]
                got = -weights.red_flag * m.quality
                for dim in behaviours[flag].dimensions:
                    _add(totals, evidence, text, dim, f"red_flag:{flag}", got, m.start, m.end)
        if self.words is not None:
            for dim, points, start, end in self.words.points(tokens, text):
                _add(totals, evidence, text, dim, "learned_words", points, start, end)
        if self.semantic is not None:
            whole = (0, len(text.rstrip()))
            for dim, points in self.semantic.adjustments(text).items():
                if round(points, 1):
                    _add(totals, evidence, text, dim, "semantic:example_similarity", points, *whole)
        delivery_json = None
        if delivery is not None:
            for a in delivery.adjustments:
                s, e = self._adjustment_span(a.words, spans)
                evidence.append(_evidence("firmness", f"delivery:{a.name}", a.points, s, e,
                                          text[s:e]))
            totals["firmness"] += delivery.firmness_points
            delivery_json = delivery.figures
        positive = len({e.indicator for e in evidence if e.points > 0 and ":" not in e.indicator
                        and e.indicator != "learned_words"})
        curt = any(e.indicator == "curt_reply" for e in evidence)
        reading = Reading(heard, said, context.client_text, context.request,
                          frozenset(detected), positive, curt,
                          frozenset(e.indicator for e in evidence if e.points < 0),
                          1.0 if confidence is None else confidence,
                          _span(detected, ("state_limit",)),
                          _span(detected, ("refer_channel", "stay_on_task")),
                          sum(e.points for e in evidence
                              if e.indicator == "learned_words" and e.dimension == "empathy"))
        _taper(totals, evidence)
        client_norms = self._client_norms(context.client_text)
        decision = judge(reading, self.language, self.function_words, self.stock, client_norms,
                         totals,
                         lambda dim, name, points, start, end:
                         _add(totals, evidence, text, dim, name, points, start, end))
        language = self.language
        for ev in evidence:
            ev.__dict__["label"] = plain_label(ev.indicator, language, ev.points)
        scores = {d: int(round(max(0.0, min(100.0, v)))) for d, v in totals.items()}
        return _reply_score(scores, frozenset(detected), tuple(evidence), tuple(flags),
                            delivery_json, confidence,
                            {"request": decision.request, "verdict": decision.verdict})

    def _client_norms(self, client_text: str) -> tuple[str, ...]:
        """The client line's tokens (cached: a node's line is scored against every reply)."""
        hit = self._client_cache.get(client_text)
        if hit is None:
            if len(self._client_cache) >= 4096:
                self._client_cache.clear()
            hit = self._client_cache[client_text] = self.norm.tokens(
                client_text[:MAX_CHARS]).norms
        return hit

    def _hits(self, matches: dict[str, list[Match]]
              ) -> tuple[dict[int, list[Match]], dict[str, list[Match]]]:
        """The matches found, gathered per indicator id and per behaviour name."""
        ind_hits: dict[int, list[Match]] = {}
        beh_hits: dict[str, list[Match]] = {}
        targets = self._phrase_targets
        for pname, ms in matches.items():
            fed = targets.get(pname)
            if fed is None:
                continue
            _gather(ind_hits, fed[0], ms)
            _gather(beh_hits, fed[1], ms)
        return ind_hits, beh_hits

    def _detected(self, beh_hits: dict[str, list[Match]]) -> dict[str, Match]:
        """Behaviours present, each with its best match."""
        detected: dict[str, Match] = {}
        behaviour_phrases = self._behaviour_phrases
        for name, hits in beh_hits.items():
            min_count = behaviour_phrases[name][1]
            if len(hits) < min_count:
                continue
            found = _merge(hits) if len(hits) > 1 and min_count > 1 else hits
            if len(found) >= min_count:
                detected[name] = (found[0] if len(found) == 1
                                  else max(found, key=_quality_then_length))
        return detected

    def _blank(self, flags: tuple[str, ...], delivery: Any, confidence: float | None) -> ReplyScore:
        return ReplyScore(
            {d: 0 for d in DIMENSIONS}, frozenset(), (), flags,
            delivery.figures if delivery is not None else None, confidence,
        )

    @staticmethod
    def _adjustment_span(idx: tuple[int, ...], spans: list[tuple[int, int]]) -> tuple[int, int]:
        located = [spans[i] for i in idx if i < len(spans) and spans[i][0] >= 0]
        if not located:
            return (0, 0)
        return (min(s for s, _ in located), max(e for _, e in located))

    @staticmethod
    def _confidence_fn(words: Sequence[Word] | None, spans: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
        if not words:
            return lambda m: 1.0
        pairs = [(s, e, w.conf) for (s, e), w in zip(spans, words, strict=True) if s >= 0]

        def conf(m: Match) -> float:
            inside = [c for s, e, c in pairs if s < m.end and e > m.start]
            if not inside:
                return 1.0
            return max(0.5, min(1.0, sum(inside) / len(inside) + 0.2))

        return conf

    def prepare(self) -> None:
        """Do the work otherwise left to the first replies (see Matcher.prepare)."""
        self.matcher.prepare()
        self.cue_matcher.prepare()

    def tokens(self, text: str) -> Tokens:
        return self.norm.tokens(text)

    def save_compiled(self) -> None:
        """Keep the pattern regexes compiled so far for the next run (see regex_cache.py)."""
        self.regexes.save()


_quality = attrgetter("quality")


FURTHER_SHARE = 0.6  # what each kind phrase after the strongest adds, as a share of its weight
TAPER_FROM, TAPER_SHARE = 65.0, 0.5  # empathy above 65 counts half (see _taper)


def _diminish(totals: dict[str, float], evidence: list[Evidence]) -> None:
    """Kind phrases after the strongest add less: saying it warmly three ways is warmer than
    once, not three times as warm."""
    kind = sorted((e for e in evidence if e.dimension == "empathy" and e.points > 0),
                  key=lambda e: -e.points)
    for e in kind[1:]:
        cut = e.points * (1.0 - FURTHER_SHARE)
        e.__dict__["points"] = e.points - cut
        totals["empathy"] -= cut


def _taper(totals: dict[str, float], evidence: list[Evidence]) -> None:
    """Empathy past TAPER_FROM earns TAPER_SHARE of its points: one wording that names the
    feeling outright and another that shows it plainly should not lie 40 points apart, and a
    pile of kind phrases is not that much kinder than two. The cut comes off the rubric's
    earning items in proportion (learned words are small already), so the evidence still adds
    up to the score."""
    over = totals["empathy"] - TAPER_FROM
    if over <= 0:
        return
    earned = [e for e in evidence if e.dimension == "empathy" and e.points > 0
              and e.indicator != "learned_words"]
    total = sum(e.points for e in earned)
    if total <= 0:
        return
    cut = min(over * (1.0 - TAPER_SHARE), total)
    for e in earned:
        e.__dict__["points"] = e.points - cut * e.points / total
    totals["empathy"] -= cut


def _span(detected: dict[str, Match], names: tuple[str, ...]) -> tuple[int, int] | None:
    m = next((detected[n] for n in names if n in detected), None)
    return None if m is None else (m.start, m.end)


def _quality_then_length(m: Match) -> tuple[float, int]:
    return (m.quality, m.end - m.start)


def _add(totals: dict[str, float], evidence: list[Evidence], text: str, dim: str, name: str,
         points: float, start: int, end: int) -> None:
    totals[dim] += points
    evidence.append(_evidence(dim, name, points, start, end, text[start:end]))


def _gather(gathered: dict[K, list[Match]], keys: Iterable[K], ms: list[Match]) -> None:
    """Add the matches to each key's list."""
    for key in keys:
        hits = gathered.get(key)
        if hits is None:
            gathered[key] = list(ms)
        else:
            hits.extend(ms)


def _merge(found: list[Match]) -> list[Match]:
    """Distinct matches across phrase sets: overlapping ones count once (the best)."""
    ordered = sorted(found, key=lambda m: (-m.quality, -(m.end - m.start)))
    kept: list[Match] = []
    for m in ordered:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return kept


@functools.lru_cache(maxsize=16)
def _cached(resolved: str, mtime: float, semantic: bool, words: bool) -> Scorer:
    return Scorer(load_rubric(resolved), resolved, semantic=semantic, words=words,
                  regexes=RegexCache.for_rubric(Path(resolved)))


def load_scorer(rubric_path: str | Path, semantic: bool | None = None,
                words: bool = True) -> Scorer:
    """A scorer for the rubric file, built once per resolved path (and file version).

    `semantic` switches on the optional embedding layer (default: HOLDLINE_SEMANTIC=1);
    `words=False` leaves out the rubric's learned word weights (phrase rules only).
    """
    if semantic is None:
        from simulator.scoring.semantic import enabled_by_env

        semantic = enabled_by_env()
    path = Path(rubric_path).resolve()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _cached(str(path), mtime, semantic, words)
