"""The compiled-regex cache behind `score --batch`: same matches, safe to lose or spoil."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scoring.matcher import Matcher
from simulator.scoring.regex_cache import RegexCache, cache_dir
from simulator.scoring.rubric import load_rubric
from simulator.scoring.text import Normaliser

ROOT = Path(__file__).resolve().parents[2]
EN = ROOT / "scenarios" / "rubrics" / "en.yaml"
REPLIES = ["I'm sorry, I can't give you my personal number, but the branch line is open.",
           "i hear you i really do but i cannot stay on the line all night",
           "Okay fine, here's my number."]


def _matches(compile_rx: object) -> list[object]:
    rubric = load_rubric(EN)
    norm = Normaliser("en")
    matcher = Matcher(norm, rubric.phrases, rubric.slots, compile_rx)  # type: ignore[arg-type]
    return [matcher.find(norm.tokens(r), r) for r in REPLIES]


def test_cached_regexes_find_what_compiled_ones_find(tmp_path: Path) -> None:
    path = tmp_path / "en.regex"
    first = RegexCache(path)
    fresh = _matches(first.compile)
    first.save()
    assert path.is_file()
    again = RegexCache(path)
    assert again._entries, "the saved regexes are read back"
    assert _matches(again.compile) == fresh == _matches(re.compile)


def test_a_spoiled_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "x.regex"
    cache = RegexCache(path)
    cache.compile(r"\sabc (?:def )?")
    cache.save()
    data = path.read_bytes()
    path.write_bytes(data[:-3] + b"zzz")  # body no longer matches its checksum
    assert RegexCache(path)._entries == {}
    path.write_bytes(b"Python 0.1|0|0|0" + data[data.index(b"\n"):])  # another engine
    assert RegexCache(path)._entries == {}
    path.write_bytes(b"garbage")
    spoiled = RegexCache(path)
    assert spoiled.compile(r"\sabc ").match(" abc ") is not None


def test_switched_off_and_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOLDLINE_RUBRIC_CACHE", "0")
    assert cache_dir() is None and RegexCache.for_rubric(EN).path is None
    monkeypatch.delenv("HOLDLINE_RUBRIC_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "holdline" / "rubrics"


def test_a_changed_rubric_gets_its_own_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOLDLINE_RUBRIC_CACHE", str(tmp_path / "cache"))
    rubric = tmp_path / "en.yaml"
    rubric.write_text(EN.read_text("utf-8"), "utf-8")
    before = RegexCache.for_rubric(rubric).path
    rubric.write_text(EN.read_text("utf-8") + "\n# edited\n", "utf-8")
    after = RegexCache.for_rubric(rubric).path
    assert before != after and before is not None and after is not None
    old = RegexCache(before)
    old.compile(r"\sx ")
    old.save()
    new = RegexCache(after)
    new.compile(r"\sy ")
    new.save()
    assert after.is_file() and not before.is_file()  # the old version's file is removed


def test_batch_output_is_the_same_with_the_cache(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOLDLINE_RUBRIC_CACHE", str(tmp_path / "cache"))
    rows = [{"id": i, "language": "en", "client": "Can I have your number?", "reply": r}
            for i, r in enumerate(REPLIES)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    outs = []
    for _ in range(2):
        assert main(["score", "--batch", str(path)]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == len(REPLIES)
