"""How much rank agreement with raters the scorer loses when replies come through a recogniser.

Each labelled reply is turned into what a recogniser might write at a given word error rate
(default 10 %): lower case, no punctuation, and errors spread evenly over substitutions with a
similar-sounding word (English homophones and near words, Russian words with another ending,
Chinese characters with the same pinyin), dropped short words and inserted fillers. Spearman
against the labels is reported for the clean and the noisy text, per language and dimension,
averaged over several seeds.

    .venv/bin/python benchmarks/noise_bench.py [--wer 0.10] [--seeds 5] [FILE.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from simulator.scoring.calibrate import spearman  # noqa: E402
from simulator.scoring.scorer import ReplyContext, load_scorer  # noqa: E402

DIMS = ("empathy", "firmness", "boundary_clarity")
FILLERS = {"en": ["um", "uh", "like", "you know"], "ru": ["э", "ну", "вот", "типа"],
           "zh": ["嗯", "那个", "就是"]}
_EN_NEAR = [("their", "there"), ("there", "their"), ("to", "too"), ("your", "you're"),
            ("you're", "your"), ("here", "hear"), ("for", "four"), ("know", "no"),
            ("right", "write"), ("by", "buy"), ("see", "sea"), ("would", "wood"),
            ("can", "can't"), ("can't", "can"), ("our", "are"), ("then", "than"),
            ("we'll", "well"), ("i'll", "all"), ("it's", "its"), ("week", "weak"),
            ("through", "threw"), ("one", "won"), ("hi", "high"), ("way", "weigh")]
_RU_ENDINGS = ["а", "у", "е", "и", "ы", "ой", "ом", "ем", "ю", "я"]
SHORT = 3  # words this long or shorter are the ones a recogniser drops


def spoken(text: str, language: str) -> list[str]:
    low = text.lower().replace("\u2019", "'")
    if language == "zh":
        return re.sub(r"[^\u3400-\u9fff0-9a-z]", " ", low).split()  # phrases: no word spaces
    return re.findall(r"[a-zа-яё0-9']+", low)


def homophones_zh(texts: list[str]) -> dict[str, list[str]]:
    from pypinyin import lazy_pinyin

    by_sound: dict[str, set[str]] = defaultdict(set)
    for t in texts:
        for ch in re.findall(r"[\u3400-\u9fff]", t):
            by_sound[lazy_pinyin(ch)[0]].add(ch)
    out: dict[str, list[str]] = {}
    for chars in by_sound.values():
        for ch in chars:
            others = sorted(chars - {ch})
            if others:
                out[ch] = others
    return out


def substitute(word: str, language: str, rng: random.Random, zh_map: dict[str, list[str]],
               vocab: list[str]) -> str:
    if language == "en":
        near = [b for a, b in _EN_NEAR if a == word]
        if near:
            return rng.choice(near)
        similar = [v for v in vocab if v[:2] == word[:2] and abs(len(v) - len(word)) <= 1
                   and v != word]
        return rng.choice(similar) if similar else word
    if language == "ru":
        stem = word[:-1] if len(word) > 3 else word
        return stem + rng.choice(_RU_ENDINGS)
    chars = list(word)
    k = rng.randrange(len(chars))
    if chars[k] in zh_map:
        chars[k] = rng.choice(zh_map[chars[k]])
    return "".join(chars)


def noisy(text: str, language: str, wer: float, rng: random.Random,
          zh_map: dict[str, list[str]], vocab: list[str]) -> str:
    words = spoken(text, language)
    out: list[str] = []
    for w in words:
        if rng.random() >= wer:
            out.append(w)
            continue
        kind = rng.randrange(3)
        if kind == 0:
            out.append(substitute(w, language, rng, zh_map, vocab))
        elif kind == 1 and len(w) <= SHORT:
            continue  # dropped
        else:
            out.extend([w, rng.choice(FILLERS[language])])
    return " ".join(out)


def agreement(rows: list[dict], texts: list[str]) -> dict[str, float | None]:
    scorers = {lang: load_scorer(ROOT / "scenarios" / "rubrics" / f"{lang}.yaml")
               for lang in {r["language"] for r in rows}}
    scored = [scorers[r["language"]].score(t, ReplyContext(r["language"], r["client"])).scores
              for r, t in zip(rows, texts, strict=True)]
    return {d: spearman([r["labels"][d] for r in rows], [s[d] for s in scored]) for d in DIMS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path,
                        default=[ROOT / "data" / "labelled" / "heldout14.jsonl"])
    parser.add_argument("--wer", type=float, default=0.10)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    rows = [json.loads(line) for f in args.files
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    zh_map = homophones_zh([r["reply"] for r in rows if r["language"] == "zh"])
    vocab = sorted({w for r in rows if r["language"] == "en" for w in spoken(r["reply"], "en")})
    groups = {"en": [r for r in rows if r["language"] == "en"], "all": rows}
    print(f"noise benchmark: {len(rows)} labelled replies from "
          f"{', '.join(f.name for f in args.files)}; word error rate {args.wer:.0%}, "
          f"{args.seeds} seeds")
    for name, sel in groups.items():
        if not sel:
            continue
        clean = agreement(sel, [r["reply"] for r in sel])
        noisy_sum = dict.fromkeys(DIMS, 0.0)
        for seed in range(args.seeds):
            rng = random.Random(seed)
            texts = [noisy(r["reply"], r["language"], args.wer, rng, zh_map, vocab) for r in sel]
            got = agreement(sel, texts)
            for d in DIMS:
                noisy_sum[d] += got[d] or 0.0
        cells = []
        for d in DIMS:
            n = noisy_sum[d] / args.seeds
            cells.append(f"{d} {clean[d]:.3f} -> {n:.3f} (drop {(clean[d] or 0) - n:+.3f})")
        print(f"  {name:4} n={len(sel):<4} " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
