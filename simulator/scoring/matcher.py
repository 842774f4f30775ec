"""Phrase patterns, matched over normalised tokens and tolerant of speech-recognition errors.

Patterns are compiled by patterns.py (syntax there).

Tolerance: neighbouring parts may be one inserted word apart, and a pattern with at least
three required parts (four for Chinese) still matches when one inner part is missing or
misheard, at a reduced quality (the first and last parts and any negation must be there, and
two parts with a less common word must remain). A match is refused when a negation was skipped
over or comes just before it in the same clause (unless the pattern itself contains a
negation), so "I can't meet you" does not count as "I can meet you"; nor does a match run
across the end of a sentence.

Speed: every pattern is indexed by tokens every match must contain (a pair of them when it
can), so a reply only tries the few patterns whose key words it has, near those words.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from functools import partial, reduce
from itertools import accumulate, chain, pairwise, repeat
from operator import attrgetter, or_
from typing import NamedTuple

from simulator.scoring.patterns import (  # noqa: F401 (PatternError, PERSONS: part of the API)
    _CLAUSE_BREAK,
    _SENTENCE_END,
    _SYNTAX,
    EXCLUDE_BEFORE,
    MISS_QUALITY,
    NEGATION_BEFORE,
    PERSONS,
    PatternError,
    _compile,
    _Pattern,
    _regex,
)
from simulator.scoring.text import Normaliser, Tokens, tokens_after


class Match(NamedTuple):
    name: str  # the phrase-set name
    pattern: str
    quality: float  # 1.0 exact, lower when a part was missing
    start_tok: int
    end_tok: int  # exclusive
    start: int  # character offsets into the text
    end: int


# (built from a tuple in C, skipping NamedTuple's Python-level __new__)
_new_match = partial(tuple.__new__, Match)
_start_tok = attrgetter("start_tok")
_plus_one = (1).__add__
_NOTHING = repeat(())  # (defaults for map(dict.get, keys, defaults))
_ZERO = repeat(0)
_SPACES = repeat(" ")


class Matcher:
    """Compiled phrase sets for one language: find(tokens, text) -> matches per set name."""

    def __init__(
        self,
        norm: Normaliser,
        phrases: Mapping[str, Sequence[str]],
        slots: Mapping[str, Sequence[str]] | None = None,
        compile: Callable[[str], re.Pattern[str]] = re.compile,
    ) -> None:
        self.norm = norm
        self._compile_rx = compile  # (RegexCache.compile: the same regexes, from disk)
        self.patterns: list[_Pattern] = []
        freq: dict[str, int] = {}
        persons = {
            w: g for g, group in enumerate(PERSONS.get(norm.language, "").split("|"))
            for w in norm.words(group)
        }
        self.persons = persons
        for sources in phrases.values():
            for src in sources:
                for tok in norm.words(_SYNTAX.sub(" ", src)):
                    freq[tok] = freq.get(tok, 0) + 1
        for name, sources in phrases.items():
            for i, src in enumerate(sources):
                try:
                    pat = _compile(name, src, norm, slots or {}, freq, persons)
                except PatternError as exc:
                    raise PatternError(str(exc), (name, i)) from None
                self.patterns.append(pat)
        # Index: every match contains the key tokens. A pattern with two token sets every match
        # draws from (its two rarest anchors, or the pairs of `pairs`) has a bit ("slot") per
        # pair, set in the first-set mask of every token of one set and the second-set mask of
        # every token of the other: a reply's candidates are the slots of (union of its tokens'
        # first masks) & (union of their second masks). Other patterns are listed under each
        # token of their rarest anchor. The cheap filter is bits too: one per token set of a
        # pattern's `checks` (all needed) and, when a part may be missing, of its
        # `required_keys` (`need` of them), set in the filter mask of the set's tokens.
        masks: dict[str, list[int]] = {}  # token -> [first-set, second-set, filter] masks
        self._slot_pid: list[int] = []  # slot -> pattern id
        self._index: dict[str, list[int]] = {}  # rarest-anchor token -> pattern ids
        # per pattern: (pattern, filter bits all needed, filter bits `need` of which are needed,
        # need, negations a gap may not skip (None when the pattern has a negation itself))
        self._plans: list[tuple[_Pattern, int, int, int, frozenset[str] | None]] = []

        def mark(tokens: frozenset[str], which: int, bit: int) -> None:
            for t in tokens:
                masks.setdefault(t, [0, 0, 0])[which] |= 1 << bit

        bit = 0
        for pid, pat in enumerate(self.patterns):
            if pat.pair is not None or pat.pairs:
                for one, two in (pat.pair,) if pat.pair is not None else pat.pairs:
                    slot = len(self._slot_pid)
                    self._slot_pid.append(pid)
                    mark(one, 0, slot)
                    mark(two, 1, slot)
            else:
                for first in pat.rare_anchor:
                    self._index.setdefault(first, []).append(pid)
            need_all = need_some = 0
            for tokens in pat.checks:
                need_all |= 1 << bit
                mark(tokens, 2, bit)
                bit += 1
            if pat.misses:
                for tokens in pat.required_keys:
                    need_some |= 1 << bit
                    mark(tokens, 2, bit)
                    bit += 1
            self._plans.append((pat, need_all, need_some, pat.need if pat.misses else 0,
                                None if pat.says_not else norm.negators))
        # Per reply token: the pattern ids listed under it, and its three masks as one integer
        # (first-set slots, then second-set slots, then filter bits), so that a reply's masks
        # are OR-ed together in one C-level reduce.
        self._listed: dict[str, tuple[int, ...]] = {t: tuple(v) for t, v in self._index.items()}
        n_slots = self._slots = len(self._slot_pid)
        self._masks: dict[str, int] = {
            t: first | second << n_slots | filt << 2 * n_slots
            for t, (first, second, filt) in masks.items()
        }
        self._rx: list[re.Pattern[str] | None] = [None] * len(self.patterns)  # compiled on use
        self._rx_opens: list[re.Pattern[str] | None] = [None] * len(self.patterns)
        self._separator = dict.fromkeys(norm.negators, "\t")  # (others: a space)

    def built_state(self) -> dict[str, object]:
        """What building this matcher worked out, for matcher_cache.py to keep on disk: not the
        normaliser or the compile function (this process's), nor regexes compiled so far."""
        state = {k: v for k, v in vars(self).items() if k not in ("norm", "_compile_rx")}
        state["_rx"] = [None] * len(self.patterns)
        state["_rx_opens"] = [None] * len(self.patterns)
        return state

    @classmethod
    def rebuilt(cls, state: dict[str, object], norm: Normaliser,
                compile: Callable[[str], re.Pattern[str]] = re.compile) -> Matcher:
        """The matcher that built_state() came from (same phrases, same normaliser)."""
        out = cls.__new__(cls)
        out.__dict__.update(state, norm=norm, _compile_rx=compile)
        return out

    def prepare(self) -> None:
        """Compile every pattern's regular expressions now rather than on first use (about half
        a second for the English rubric): call it off the critical path, e.g. while a session's
        intro is on screen, so the first reply is scored as fast as the rest. Compiling is pure
        Python: it lets other threads run between patterns, so a window drawn meanwhile does not
        stall."""
        for pid, pat in enumerate(self.patterns):
            time.sleep(0)
            self._regex_of(pid, opens=False)
            if pat.subject_drop:
                self._regex_of(pid, opens=True)

    def _regex_of(self, pid: int, opens: bool) -> re.Pattern[str]:
        """Pattern pid's compiled regex (for a start that opens a clause, or not), written and
        compiled the first time it is asked for."""
        cache = self._rx_opens if opens else self._rx
        rx = cache[pid]
        if rx is None:
            rx = cache[pid] = self._compile_rx(_regex(*self.patterns[pid].rx_args, opens))
        return rx

    def find(self, tokens: Tokens, text: str) -> dict[str, list[Match]]:
        """All matches per phrase-set name; within a set, matches do not overlap."""
        norms = tokens.norms
        positions: dict[str, list[int]] = {}
        for j, t in enumerate(norms):
            positions.setdefault(t, []).append(j)
        candidates = set(chain.from_iterable(map(self._listed.get, positions, _NOTHING)))
        masks = reduce(or_, map(self._masks.get, positions, _ZERO), 0)
        slots = self._slots
        # a slot's pattern is a candidate when the reply has a token of each of its two sets
        hits = masks & (masks >> slots) & ((1 << slots) - 1)
        bits = masks >> 2 * slots  # the filter's token sets the reply draws on
        if hits:
            slot_pid = self._slot_pid
            while hits:
                low = hits & -hits
                hits ^= low
                candidates.add(slot_pid[low.bit_length() - 1])
        present = set(positions)
        found: dict[str, list[Match]] = {}
        if not candidates:
            return found
        plans = self._plans
        compiled = self._rx
        compiled_opens = self._rx_opens
        persons = self.persons
        finish = self._finish
        n = len(norms)
        # Each token followed by its separator, a tab after a negation (see _regex), and a
        # space before the first: token j's separator before it is at token_at[j].
        joined = _joined(norms, self._separator)
        token_at = list(accumulate(map(_plus_one, map(len, norms)), initial=0))
        opens: frozenset[int] | None = None  # tokens that open the reply or a clause
        person_args = ((persons, False), (persons, True))  # by: does the start open a clause?
        for pid in candidates:
            pat, need_all, need_some, need, block = plans[pid]
            # Cheap filter: enough of the required parts occur somewhere in the text.
            if bits & need_all != need_all:
                continue
            if need and (bits & need_some).bit_count() < need:
                continue
            # A match begins on a token that can begin it; without its subject only where a
            # clause opens.
            begins = pat.start_tokens.intersection(present)
            if pat.subject_drop and not pat.late_starts.isdisjoint(begins):
                if opens is None:
                    opens = _clause_openings(tokens, text)
                head = pat.head
                starts = sorted(j for t in begins for j in positions[t] if t in head or j in opens)
            elif len(begins) == 1:
                starts = positions[next(iter(begins))]
            else:
                starts = sorted(chain.from_iterable(map(positions.__getitem__, begins)))
            rx = compiled[pid] or self._regex_of(pid, opens=False)
            rx_opens = rx
            if opens is not None and pat.subject_drop:
                rx_opens = compiled_opens[pid] or self._regex_of(pid, opens=True)
            last_end = -1
            for j in starts:
                if j < last_end:
                    continue
                mm = (rx_opens if opens is not None and j in opens else rx).match(
                    joined, token_at[j])
                if mm is None:
                    continue
                if mm.lastindex is None:  # no part missing: this is the match
                    m = finish(pat, tokens, text, j, bisect_left(token_at, mm.end() - 1, j), 0)
                else:  # a part missing: _search checks the rarer parts (and may go on)
                    r = _search(pat, norms, n, block, 0, j, 0, 0, -1, 0,
                                person_args[opens is not None and j in opens])
                    if r is None:
                        continue
                    m = finish(pat, tokens, text, j, r[0], r[1])
                if m is not None:
                    ms = found.get(pat.name)
                    if ms is None:
                        found[pat.name] = [m]
                    else:
                        ms.append(m)
                    last_end = m.end_tok
        for name, ms in found.items():
            if len(ms) > 1:
                found[name] = _non_overlapping(ms)
        return found

    def _match_at(
        self, pat: _Pattern, tokens: Tokens, text: str, j: int, opens: bool = False
    ) -> Match | None:
        """The match beginning at token j, if any. `opens`: token j opens the reply or a
        clause, where a subject pronoun that would begin the match may be dropped."""
        norms = tokens.norms
        block = None if pat.says_not else self.norm.negators
        r = _search(pat, norms, len(norms), block, 0, j, 0, 0, -1, 0, (self.persons, opens))
        if r is None:
            return None
        end_tok, misses, first = r
        if first != j:
            return None
        return self._finish(pat, tokens, text, first, end_tok, misses)

    def _finish(
        self, pat: _Pattern, tokens: Tokens, text: str, first: int, end_tok: int, misses: int
    ) -> Match | None:
        """The checks a found sequence must pass to be a match: exclusions, negation before
        it, no sentence end inside it."""
        norms = tokens.norms
        if pat.not_after and _starts_with(norms, end_tok, pat.not_after):
            return None
        if pat.has_negation:
            if self.norm.language == "zh" and _a_not_a(norms, first, end_tok):
                return None
        elif (first and not self.norm.negators.isdisjoint(
                norms[max(0, first - NEGATION_BEFORE):first])
                and self._negated_before(tokens, text, first)):
            return None
        if pat.not_before and self._excluded_before(pat, tokens, text, first):
            return None
        start, end = tokens.starts[first], tokens.ends[end_tok - 1]
        if _SENTENCE_END.search(text, start, end):  # (as if the text ended at `end`)
            return None  # a phrase does not run across sentences
        return _new_match((pat.name, pat.source, 1.0 if misses == 0 else MISS_QUALITY, first,
                           end_tok, start, end))

    def _excluded_before(self, pat: _Pattern, tokens: Tokens, text: str, first: int) -> bool:
        """A leading exclusion occurs in the few tokens before the match, in the same clause."""
        norms = tokens.norms
        for b in range(max(0, first - EXCLUDE_BEFORE), first):
            if _starts_with(norms, b, pat.not_before):
                between = text[tokens.ends[b] : tokens.starts[first]]
                if not _CLAUSE_BREAK.search(between):
                    return True
        return False

    def _negated_before(self, tokens: Tokens, text: str, first: int) -> bool:
        for b in range(max(0, first - NEGATION_BEFORE), first):
            if tokens.norms[b] in self.norm.negators:
                between = text[tokens.ends[b] : tokens.starts[first]]
                if not _CLAUSE_BREAK.search(between) and tokens.starts[b] != tokens.starts[first]:
                    return True
        return False


def _search(
    pat: _Pattern,
    norms: tuple[str, ...],
    n: int,
    block: frozenset[str] | None,
    i: int,
    pos: int,
    misses: int,
    gap: int,
    first: int,
    matched: int,
    persons: tuple[Mapping[str, int], bool] | None = None,
) -> tuple[int, int, int] | None:
    """Match elements i.. from token pos on: (end token, misses, first token) or None.

    `gap` is how many extra tokens may be skipped before element i (not before the first
    matched element); skipped tokens may not be negations (`block`); `matched` counts parts
    matched with a rarer word, which a match with a missing part needs two of.
    """
    steps = pat.steps
    last = len(steps)
    if i == last:
        if first < 0 or (misses and matched < 2):
            return None
        return (pos, misses, first)
    options, optional, el_gap, missable, personal = steps[i]
    nxt = i + 1
    # (the last element's match is returned here rather than through one more call)
    if first >= 0:
        reach = gap if gap > el_gap else el_gap
        end = pos + reach + 1
        if end > n:
            end = n
        p = pos
        while p < end:
            if p > pos and block is not None and norms[p - 1] in block:
                break
            opts = options.get(norms[p])
            if opts is not None:
                for opt, size, rarer in opts:
                    if size == 1 or norms[p : p + size] == opt:
                        if nxt == last:
                            if not misses or matched + rarer >= 2:
                                return (p + size, misses, first)
                            continue
                        r = _search(pat, norms, n, block, nxt, p + size, misses, 0, first,
                                    matched + rarer, persons)
                        if r is not None:
                            return r
            p += 1
    elif pos < n:
        opts = options.get(norms[pos])
        if opts is not None:
            for opt, size, rarer in opts:
                if size == 1 or norms[pos : pos + size] == opt:
                    if nxt == last:
                        if not misses or matched + rarer >= 2:
                            return (pos + size, misses, pos)
                        continue
                    r = _search(pat, norms, n, block, nxt, pos + size, misses, 0, pos,
                                matched + rarer, persons)
                    if r is not None:
                        return r
    if optional:
        return _search(pat, norms, n, block, nxt, pos, misses, gap, first, matched, persons)
    if misses < pat.misses and missable:
        # A person part is not just dropped (except as the subject opening a clause): only a
        # word of the same person may stand in its place (您 heard as 你); "take her number" is
        # not "take my number", "you can call tonight" is not "call me tonight".
        if personal and persons is not None:
            groups, opens = persons
            if first >= 0:
                if not (pos < n and groups.get(norms[pos], -1) in personal):
                    return None
            elif not opens:
                # a person word just before would itself begin the match (tried separately)
                return None
        return _search(pat, norms, n, block, nxt, pos, misses + 1, gap + 1, first, matched,
                       persons)
    return None


def _joined(norms: tuple[str, ...], separator: Mapping[str, str]) -> str:
    """Each token followed by its separator (see Matcher.find), after one space."""
    if norms and separator.keys().isdisjoint(norms):  # no negation: spaces only, one join
        return " " + " ".join(norms) + " "
    return " " + "".join(map(str.__add__, norms, map(separator.get, norms, _SPACES)))


def _clause_openings(tokens: Tokens, text: str) -> frozenset[int]:
    """Token indices that open the reply or a clause (after , . ; : ! ? and the like)."""
    return tokens_after(tokens, text, _CLAUSE_BREAK) | {0}


def _a_not_a(norms: tuple[str, ...], first: int, end: int) -> bool:
    """Chinese A-not-A question (能不能, 可不可以, 是不是): its 不 asks, it does not refuse."""
    for k in range(max(first, 1), min(end, len(norms) - 1)):
        if norms[k] in ("不", "没") and norms[k - 1] == norms[k + 1]:
            return True
    return False


def _starts_with(norms: tuple[str, ...], at: int, options: frozenset[tuple[str, ...]]) -> bool:
    return any(tuple(norms[at : at + len(o)]) == o for o in options)


def _non_overlapping(matches: list[Match]) -> list[Match]:
    """Best matches first (quality, then length), dropping any that overlap a kept one."""
    by_start = sorted(matches, key=_start_tok)
    if all(a.end_tok <= b.start_tok for a, b in pairwise(by_start)):
        return by_start  # none overlaps another: all kept
    ordered = sorted(matches, key=lambda m: (-m.quality, -(m.end_tok - m.start_tok), m.start_tok))
    kept: list[Match] = []
    for m in ordered:
        if all(m.end_tok <= k.start_tok or m.start_tok >= k.end_tok for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start_tok)

