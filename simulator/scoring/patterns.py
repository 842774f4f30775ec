"""Phrase patterns compiled: the pattern syntax parsed, and each pattern laid out for the
matcher (its parts, the words that index it, the regular expression that finds it).

Pattern syntax (one string per pattern, words separated by spaces):
    word            a required word (compared after normalisation: stems, expanded contractions)
    (a|b c)         one of the alternatives is required; an alternative may be several words
    [a|b]           optional: one of the alternatives, or nothing
    {slot}          one of the rubric's slot values (may also appear inside ( ) or [ ])
    ...             a wider gap (up to 5 words) may separate the neighbouring parts
In Chinese, a bare word outside brackets is split into characters, so one misheard character
does not lose the phrase. The compiler is kept apart from the search (matcher.py), as Yarn
Spinner keeps its compiler apart from its runtime.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from simulator.scoring.pattern_cost import cost_error
from simulator.scoring.text import Normaliser

DEFAULT_GAP = 1
WIDE_GAP = 5
MISS_QUALITY = 0.7
_PATTERN_TOKEN = re.compile(r"\.\.\.|[()\[\]|]|\{[a-z_]+\}|[^\s()\[\]|{}]+")
_SYNTAX = re.compile(r"[()\[\]|{}]|\.\.\.")
# (written to begin with a character class, which the regex engine scans for quickly)
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f](?:(?=\s|$)|(?<=[\u3002\uff01\uff1f]))")
_CLAUSE_BREAK = re.compile(r"[.,;:!?\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u2014\u2026-]")
_EXCLUDE = re.compile(r"^\s*!\(([^()]*)\)\s*|\s*!\(([^()]*)\)\s*$")
# Person words (pronouns, possessives, and "it/this/that") by person. A part made of them is never
# simply dropped; it may be misheard only as a word of the same person ("take her number" is not
# "take my number", "that sounds awful" is not "you sound awful").
PERSONS = {
    "en": "i me my mine myself|you your yours yourself|he him his himself|she her hers herself|"
          "we us our ours|they them their theirs|it its itself this that these those there",
    "ru": "я меня мне мной мой моя мое мои|вы вас вам вами ваш ваша ваше ваши|он его ему им|"
          "она ее ей|мы нас нам наш наша|они их|это этот эта то тот та оно",
    "zh": "我|你 您|他 她|这 那",  # 他/她 sound the same: a recogniser confuses them
}
# How far before a match a leading exclusion `!(...)` is looked for (same clause).
EXCLUDE_BEFORE = 3
# How far before a match a negation refuses it (same clause), unless the pattern has one.
NEGATION_BEFORE = 3


class PatternError(ValueError):
    """A phrase pattern that cannot be compiled; the message says why, `loc` says where."""

    def __init__(self, message: str, loc: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.loc = loc





@dataclass(frozen=True)
class _Element:
    options: Mapping[str, tuple[tuple[str, ...], ...]]  # first token -> full option tuples
    optional: bool
    gap: int


# Per element, for the inner loop: first token -> ((option, length, has a rarer word), ...),
# optional, gap before it, may be the missing part, its persons (when made of person words only).
_Step = tuple[
    dict[str, tuple[tuple[tuple[str, ...], int, int], ...]], bool, int, bool, frozenset[int]
]


# what _regex needs besides `opens`: elements, misses, missable, person groups, persons,
# negators, says_not
_RegexArgs = tuple[
    Sequence[_Element], int, Sequence[bool], Sequence[frozenset[int]], Mapping[str, int],
    frozenset[str], bool,
]


@dataclass(frozen=True)
class _Pattern:
    name: str
    source: str
    elements: tuple[_Element, ...]
    misses: int  # required parts allowed to be missing
    missable: tuple[bool, ...]  # per element: may this one be the missing part?
    content: tuple[frozenset[tuple[str, ...]], ...]  # per element: options with a rarer word
    # per required element, the rarest word of each option (a match of the element has one)
    required_keys: tuple[frozenset[str], ...]
    need: int  # required elements that must be present
    anchors: tuple[frozenset[str], ...]  # first tokens of elements every match contains
    rare_anchor: frozenset[str]  # index keys: every match contains one of these tokens
    lead: Mapping[str, int]  # key token -> most tokens a match can start before it
    pair: tuple[frozenset[str], frozenset[str]] | None  # two anchors every match contains
    # or, when every part may be the missing one: pairs of which every match contains one
    pairs: tuple[tuple[frozenset[str], frozenset[str]], ...]
    span: int  # most tokens a match can cover
    checks: tuple[frozenset[str], ...]  # token sets every match draws on (see _checks)
    has_negation: bool  # some option says "not": no check for a negation just before it
    start_tokens: frozenset[str]
    steps: tuple[_Step, ...]  # the elements, laid out for _search
    not_before: frozenset[tuple[str, ...]] = frozenset()  # leading !(...): not just before
    not_after: frozenset[tuple[str, ...]] = frozenset()  # trailing !(...): not right after
    # What _regex needs to write the pattern as a regular expression over the reply's tokens,
    # tried where a match may begin. Written and compiled on first use (keeps start-up short),
    # a second one for a start that opens a clause when the pattern has a subject that may drop.
    rx_args: _RegexArgs = ((), 0, (), (), {}, frozenset(), False)
    subject_drop: bool = False  # its first part is a subject that may drop where a clause opens
    head: frozenset[str] = frozenset()  # tokens a match can begin with, its first part there
    late_starts: frozenset[str] = frozenset()  # tokens that begin it only without its first part
    says_not: bool = False  # a required part is negated in every option: gaps may skip "not"


def _compile(
    name: str,
    source: str,
    norm: Normaliser,
    slots: Mapping[str, Sequence[str]],
    freq: Mapping[str, int] | None = None,
    persons: Mapping[str, int] | None = None,
) -> _Pattern:
    def phrase(words: list[str]) -> tuple[str, ...]:
        return norm.words(" ".join(words))

    def slot_values(ref: str) -> list[tuple[str, ...]]:
        key = ref[1:-1]
        if key not in slots:
            raise PatternError(f"pattern '{source}': unknown slot {ref}")
        return [phrase([v]) for v in slots[key]]

    body = source
    exclusions: dict[str, set[tuple[str, ...]]] = {"before": set(), "after": set()}
    while True:
        m = _EXCLUDE.search(body)
        if m is None:
            break
        side = "before" if m.group(1) is not None else "after"
        for alt in (m.group(1) if side == "before" else m.group(2)).split("|"):
            alt = alt.strip()
            if alt.startswith("{") and alt.endswith("}"):
                exclusions[side].update(v for v in slot_values(alt) if v)
            elif alt:
                words = norm.words(alt)
                if words:
                    exclusions[side].add(words)
        body = body[: m.start()] + " " + body[m.end():]
    if "!" in body:
        raise PatternError(
            f"pattern '{source}': '!(...)' may only open or close a pattern"
        )
    parts = _PATTERN_TOKEN.findall(body)
    elements: list[_Element] = []
    gap = DEFAULT_GAP
    i = 0


    def add(alternatives: list[tuple[str, ...]], optional: bool) -> None:
        nonlocal gap
        opts: dict[str, list[tuple[str, ...]]] = {}
        for alt in alternatives:
            if alt:
                opts.setdefault(alt[0], []).append(alt)
        if not opts:
            raise PatternError(f"pattern '{source}': a part normalises to nothing")
        frozen = {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in opts.items()}
        elements.append(_Element(frozen, optional, gap))
        gap = DEFAULT_GAP

    for bad in ("?", "*", "+"):
        if bad in source:
            raise PatternError(
                f"pattern '{source}': '{bad}' is not pattern syntax (use [optional])"
            )
    while i < len(parts):
        tok = parts[i]
        if tok == "...":
            gap = WIDE_GAP * 2 if norm.language == "zh" else WIDE_GAP
            i += 1
        elif tok in ("(", "["):
            close = ")" if tok == "(" else "]"
            alts: list[tuple[str, ...]] = []
            current: list[str] = []
            i += 1
            while i < len(parts) and parts[i] != close:
                p = parts[i]
                if p == "|":
                    alts.append(phrase(current))
                    current = []
                elif p.startswith("{"):
                    alts.extend(slot_values(p))
                elif p in ("(", "[", ")", "]", "..."):
                    raise PatternError(f"pattern '{source}': brackets cannot nest")
                else:
                    current.append(p)
                i += 1
            if i >= len(parts):
                raise PatternError(f"pattern '{source}': missing '{close}'")
            alts.append(phrase(current))
            add([a for a in alts if a], optional=(tok == "["))
            i += 1
        elif tok in (")", "]", "|"):
            raise PatternError(f"pattern '{source}': unexpected '{tok}'")
        elif tok.startswith("{"):
            add(slot_values(tok), optional=False)
            i += 1
        else:
            if norm.language == "zh":
                for ch in norm.words(tok):
                    add([(ch,)], optional=False)
            else:
                add([phrase([tok])], optional=False)
            i += 1
    required = [e for e in elements if not e.optional]
    if not required:
        raise PatternError(f"pattern '{source}': needs at least one required part")
    too_costly = cost_error([(e.optional, e.gap) for e in elements], DEFAULT_GAP)
    if too_costly:
        raise PatternError(f"pattern '{source}': {too_costly}")
    threshold = 4 if norm.language == "zh" else 3
    misses = 1 if len(required) >= threshold else 0
    has_neg = any(
        t in norm.negators for e in elements for opts in e.options.values() for o in opts for t in o
    )
    # A gap may skip a negation only when the pattern itself always says one (a required part
    # negated in every option): a slot that merely offers one (Chinese 不满 among the feelings)
    # must not let "您别生气" pass as "您…生气".
    says_not = any(
        not e.optional and all(
            any(t in norm.negators for t in o) for opts in e.options.values() for o in opts)
        for e in elements
    )
    # One required part may be missing (a dropped or misheard word), never a negation: dropping
    # "not" would flip the meaning. An inner part always; in English and Russian also the first
    # or last part of a longer pattern (four or more parts, where the rest is distinctive), and
    # a subject pronoun opening a clause (see _search). In Chinese a bare word is split into
    # characters, so an edge "part" is often half a word: there only inner parts.
    req_idx = [k for k, e in enumerate(elements) if not e.optional]
    edges_ok = norm.language != "zh" and len(req_idx) >= 4
    missable = tuple(
        (not e.optional)
        and (edges_ok or req_idx[0] < k < req_idx[-1]
             or (k == req_idx[0] and norm.language != "zh"
                 and bool(_person_groups(e, persons))))
        and not any(t in norm.negators for o in e.options.values() for opt in o for t in opt)
        for k, e in enumerate(elements)
    )
    if not any(missable):
        misses = 0
    # A match with a part missing must still contain two parts with a rarer word (see
    # search); when the pattern cannot offer that, allow no miss (and index it more cheaply).
    contentful = sum(
        1 for e in required
        if any(not all(t in norm.common for t in o) for opts in e.options.values() for o in opts)
    )
    if contentful < 2:
        misses = 0
        missable = tuple(False for _ in elements)
    elif contentful == 2:
        # Both parts with a rarer word must then be there: only a common part may be missing,
        # and the two rarer parts anchor the index.
        missable = tuple(
            m and all(all(t in norm.common for t in o) for opts in e.options.values() for o in opts)
            for m, e in zip(missable, elements, strict=True)
        )
        if not any(missable):
            misses = 0
    # Where a match can begin: any element up to the first required one, or up to the second
    # when the first may be the missing part.
    starts: set[str] = set()
    head: set[str] = set()
    required_seen = 0
    for k, e in enumerate(elements):
        starts.update(e.options)
        if not e.optional:
            required_seen += 1
            if required_seen == 1:
                head = set(starts)
            if not (misses and missable[k]) or required_seen == 2:
                break
    # A first part that is a person part may drop only where a clause opens (see _search).
    subject_drop = bool(misses and missable[req_idx[0]]
                        and _person_groups(elements[req_idx[0]], persons))
    content = tuple(
        frozenset(o for opts in e.options.values() for o in opts
                  if not all(t in norm.common for t in o))
        for e in elements
    )
    anchor_elements = [
        e for k, e in enumerate(elements) if not e.optional and not (misses and missable[k])
    ]
    anchors = tuple(frozenset(e.options) for e in anchor_elements)
    # Index keys. Each option of an element is keyed by its rarest word (a match of the option
    # contains it), so "(i need you to|...)" is found through "need", not "i".
    keys = {id(e): _key_tokens(e, norm.common, freq) for e in elements}

    def cost(e: _Element) -> float:
        return sum(_weight(t, norm.common, freq) for t in keys[id(e)])

    def tokens_of(e: _Element) -> frozenset[str]:
        return frozenset(keys[id(e)])

    required_keys = tuple(tokens_of(e) for e in required)
    anchor_keys = tuple(tokens_of(e) for e in anchor_elements)

    # Window key: the rarest anchor (every match has it), or, when cheaper, the two rarest
    # parts that may be missing (with one miss allowed, every match has one of the two).
    ranked = sorted(anchor_elements, key=cost)
    loose = sorted((e for k, e in enumerate(elements) if misses and missable[k]), key=cost)
    if ranked:
        key_elements = [ranked[0]]
        if len(loose) >= 2 and cost(loose[0]) + cost(loose[1]) < cost(ranked[0]):
            key_elements = [loose[0], loose[1]]
    else:
        key_elements = [loose[0], loose[1]]
    # Pair index: two token sets every match draws from: two anchors, or the rarest anchor
    # and the two rarest parts that may be missing (one of those two is always there).
    choices: list[tuple[float, tuple[frozenset[str], frozenset[str]]]] = []
    if len(ranked) >= 2:
        choices.append((cost(ranked[0]) * cost(ranked[1]),
                        (tokens_of(ranked[0]), tokens_of(ranked[1]))))
    if len(loose) >= 2 and ranked:
        choices.append((cost(ranked[0]) * (cost(loose[0]) + cost(loose[1])),
                        (tokens_of(ranked[0]), tokens_of(loose[0]) | tokens_of(loose[1]))))
    pair = min(choices, key=lambda c: c[0])[1] if choices else None
    # No anchor but one miss among three or more parts: any match has two of the three rarest,
    # so it is found through one of their three pairs (far fewer candidates than one key).
    loose_pairs: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    if pair is None and not ranked and len(loose) >= 3:
        a, b, c = (tokens_of(e) for e in loose[:3])
        loose_pairs = ((a, b), (a, c), (b, c))
    widths = [max(len(o) for opts in e.options.values() for o in opts) for e in elements]
    lead: dict[str, int] = {}
    for e in key_elements:
        k = elements.index(e)
        before = sum(widths[i] + max(elements[i].gap, 1) + 1 for i in range(k)) + e.gap + 1
        for token, offset in keys[id(e)].items():
            lead[token] = max(lead.get(token, 0), before + offset)
    rare_keys = frozenset(lead)
    # The most tokens a match can span (every part at its widest, every gap used, a missing
    # part's extra word): two key tokens farther apart than this are not one match.
    span = sum(widths) + sum(max(e.gap, 1) for e in elements) + misses + 1
    steps = tuple(
        (
            {first: tuple((o, len(o), int(o in content[k])) for o in opts)
             for first, opts in e.options.items()},
            e.optional,
            e.gap,
            missable[k],
            _person_groups(e, persons),
        )
        for k, e in enumerate(elements)
    )
    rx_args = (elements, misses, missable, [step[4] for step in steps], persons or {},
               norm.negators, says_not)
    return _Pattern(
        name, source, tuple(elements), misses, missable, content, required_keys,
        len(required) - misses, anchors, rare_keys, lead, pair, loose_pairs, span,
        _checks(anchors, anchor_keys, pair, rare_keys), has_neg,
        frozenset(starts), steps, frozenset(exclusions["before"]),
        frozenset(exclusions["after"]),
        rx_args,
        subject_drop, frozenset(head), frozenset(starts - head), says_not,
    )


def _checks(
    anchors: tuple[frozenset[str], ...],
    anchor_keys: tuple[frozenset[str], ...],
    pair: tuple[frozenset[str], frozenset[str]] | None,
    rare_keys: frozenset[str],
) -> tuple[frozenset[str], ...]:
    """Token sets a reply must draw on, one token of each, for a match to be possible: each
    anchor's first tokens and its options' rarest words, less those the index guarantees."""
    out: list[frozenset[str]] = []
    for a in (*anchors, *anchor_keys):
        if a not in out and not (pair and a in pair) and not (pair is None and a == rare_keys):
            out.append(a)
    return tuple(out)


def _regex(
    elements: Sequence[_Element],
    misses: int,
    missable: Sequence[bool],
    personal: Sequence[frozenset[int]],
    persons: Mapping[str, int],
    negators: frozenset[str],
    says_not: bool,
    opens: bool,
) -> str:
    """The pattern as a regular expression over the reply's tokens, each followed by a space,
    or by a tab when it is a negation, all after one space: it matches from the separator
    before a match's first token (`opens`: that token opens a clause) to the one after its last.

    It tries the alternatives _search tries in the same order (gaps are lazy, options longest
    first, a part missing only after every way of matching it failed), so the first match it
    finds is the one _search finds, or one _search refuses because it has fewer than two rarer
    parts: a missing part sets an (empty) group, and then _search decides. Skipped tokens may
    not be negations unless the pattern always says one (`says_not`)."""
    skip = r"\S+\s" if says_not else r"\S+ "
    alts = [
        _alternation(["".join(t + ("\t" if t in negators else " ") for t in o)
                      for group in e.options.values() for o in group])
        for e in elements
    ]
    last = len(elements)

    def rest(k: int, missed: int, gap: int) -> str:
        """Elements k.. after a matched one; `gap`: extra tokens that may be skipped first."""
        if k == last:
            return ""
        e = elements[k]
        reach = max(gap, e.gap)
        matched = (f"(?:{skip}){{0,{reach}}}?" if reach else "") + alts[k]
        after = rest(k + 1, missed, 0)
        if e.optional:
            without = rest(k + 1, missed, gap)
            if without == after:
                return f"(?:{matched})?{after}"
            return f"(?:{matched}{after}|{without})"
        if missed < misses and missable[k]:
            # a person part may be missing only where a word of the same person stands
            words = sorted(w for w, g in persons.items() if g in personal[k])
            same_person = "(?=(?:" + "|".join(map(re.escape, words)) + ")\\s)" if words else ""
            return f"(?:{matched}{after}|(){same_person}{rest(k + 1, missed + 1, gap + 1)})"
        return matched + after

    def begin(k: int, missed: int) -> str:
        """Elements k.. with none matched yet: the next one matched begins the match here."""
        if k == last:
            return "(?!)"
        e = elements[k]
        tries = [alts[k] + rest(k + 1, missed, 0)]
        if e.optional:
            tries.append(begin(k + 1, missed))
        elif missed < misses and missable[k] and (opens or not personal[k]):
            tries.append("()" + begin(k + 1, missed + 1))
        return "(?:" + "|".join(tries) + ")"

    return r"\s" + begin(0, 0)


def _alternation(options: Sequence[str]) -> str:
    """A regular expression for one of the options, as a tree of their characters (tried
    one character at a time rather than option after option); where one option goes on
    from the end of another, the longer is tried first."""
    tree: dict[str, dict] = {}
    for option in options:
        node = tree
        for ch in option:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        out = [re.escape(ch) + branch(rest) for ch, rest in node.items() if ch]
        if "" in node:
            out.append("")
        return out[0] if len(out) == 1 else "(?:" + "|".join(out) + ")"

    return branch(tree)


def _person_groups(element: _Element, persons: Mapping[str, int] | None) -> frozenset[int]:
    """The persons an element names, when every option of it has a person word (else empty):
    "my", "(i am|i'm)", "(you|your)"."""
    opts = [opt for o in element.options.values() for opt in o]
    if not persons or not all(any(t in persons for t in opt) for opt in opts):
        return frozenset()
    return frozenset(persons[t] for opt in opts for t in opt if t in persons)


def _weight(token: str, common: frozenset[str], freq: Mapping[str, int] | None) -> float:
    """How often a word is expected to turn up: its frequency in the rubric's own patterns
    (function words recur in them) plus a large weight for the language's common words."""
    return 1.0 + (freq or {}).get(token, 0) + (50.0 if token in common else 0.0)


def _key_tokens(
    element: _Element, common: frozenset[str], freq: Mapping[str, int] | None
) -> dict[str, int]:
    """Each option's rarest word -> its largest offset inside an option."""
    out: dict[str, int] = {}
    for opts in element.options.values():
        for opt in opts:
            at = min(range(len(opt)), key=lambda i: _weight(opt[i], common, freq))
            out[opt[at]] = max(out.get(opt[at], 0), at)
    return out

