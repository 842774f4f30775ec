"""Learned word weights: loading, evidence, training, and the CLI that writes them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.errors import InputError
from simulator.scoring import ReplyContext, Scorer, load_scorer
from simulator.scoring.calibrate import read_labelled, spearman
from simulator.scoring.rubric import DIMENSIONS
from simulator.scoring.text import Normaliser
from simulator.scoring.word_weights import SHOWN_POINTS, WordWeights, dump, features, train

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "scenarios" / "rubrics"
EN = ReplyContext("en", "You're so lovely. Can I have your number?")


def _weights_file(tmp_path: Path, **changes: object) -> Path:
    doc: dict[str, object] = {"format": 1, "language": "en", "offsets":
                              {d: 0.0 for d in DIMENSIONS}, "words": {"cheer": [5, 0, 0]}}
    doc.update(changes)
    path = tmp_path / "w.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "message"), [
    ({"language": "ru"}, "for 'ru', the rubric is 'en'"),
    ({"format": 2}, "format 2"),
    ({"words": {"cheer": [1, 2]}}, "need format, language, offsets"),
    ({"offsets": {"empathy": 0}}, "need format, language, offsets"),
    ({"words": {"cheer": [1e999, 0, 0]}}, "finite"),
])
def test_bad_weight_files_get_one_line_naming_the_file(tmp_path: Path, change: dict[str, object],
                                                       message: str) -> None:
    path = _weights_file(tmp_path, **change)
    with pytest.raises(InputError) as err:
        WordWeights.load(path, "en")
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_or_broken_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read word weights"):
        WordWeights.load(tmp_path / "nope.json", "en")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        WordWeights.load(broken, "en")


def test_rubric_naming_a_missing_file_fails_on_the_cli(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(RUBRICS / "en.yaml", tmp_path / "en.yaml")
    code = main(["score", "--rubric", str(tmp_path / "en.yaml"), "--client", "hi",
                 "--reply", "I can't give out my number."])
    err = capsys.readouterr().err
    assert code != 0
    assert "en.word-weights.json" in err and err.strip().count("\n") == 0


def test_runs_join_neighbouring_words_that_pull_the_same_way() -> None:
    norm = Normaliser("en")
    weights = WordWeights({d: 0.0 for d in DIMENSIONS},
                          {"cheer": (4.0, 0.0, 0.0), "mate": (2.0, 0.0, -1.0),
                           "go": (-2.5, 0.0, 0.0), "away": (-3.5, 0.0, 0.0)})
    text = "Cheers mate, now go away"
    empathy, firmness, boundary = weights.runs(norm.tokens(text))
    assert [(p, text[s:e]) for p, s, e in empathy] == [(6.0, "Cheers mate"), (-6.0, "go away")]
    assert firmness == []
    assert [(p, text[s:e]) for p, s, e in boundary] == [(-1.0, "mate")]


@pytest.mark.parametrize(("language", "text", "runs"), [
    ("en", "Cheers, mate. Go", ["Cheers", "mate", "Go"]),
    ("zh", "欢迎你。明白，再见", ["欢迎你", "明白", "再见"]),
])
def test_a_run_of_learned_words_stays_inside_its_clause(language: str, text: str,
                                                        runs: list[str]) -> None:
    norm = Normaliser(language)
    words = {w: (2.0, 0.0, 0.0) for w in norm.tokens(text).norms}
    weights = WordWeights({d: 0.0 for d in DIMENSIONS}, words)
    empathy = weights.runs(norm.tokens(text), text)[0]
    assert [text[s:e] for _, s, e in empathy] == runs
    # without the text (no clause marks known) the words run together, as before
    assert len(weights.runs(norm.tokens(text))[0]) == 1


def test_learned_evidence_points_into_the_reply_and_adds_up(en: Scorer) -> None:
    reply = ("Aw, that's really sweet of you, thank you, but I don't give my number to "
             "customers. Is there anything else I can help with today?")
    result = en.score(reply, EN)
    rules = load_scorer(RUBRICS / "en.yaml", words=False).score(reply, EN)
    learned = [e for e in result.evidence if e.indicator.startswith("learned_words")]
    assert learned
    for e in learned:
        assert reply[e.start:e.end] == e.text
        if e.indicator == "learned_words":
            assert abs(e.points) >= SHOWN_POINTS
    # (that they add up to the score with every other item: test_points_add_up_to_the_score)
    assert all(e.label for e in learned)
    assert rules.evidence != result.evidence


def test_training_learns_what_the_rules_miss() -> None:
    rules = load_scorer(RUBRICS / "en.yaml", words=False)
    client = "I waited forty minutes for this!"
    warm = ["Cheers for waiting, I'll sort it now.", "Cheers, you've been patient, here it is.",
            "Cheers for bearing with us, all done.", "Right, cheers, that's you sorted."]
    cold = ["Right, here it is.", "Okay, that's done now.", "Here you go.", "That's sorted now."]
    rows = [{"language": "en", "client": client, "reply": r,
             "labels": {"empathy": 5, "firmness": 3, "boundary_clarity": 3}} for r in warm]
    rows += [{"language": "en", "client": client, "reply": r,
              "labels": {"empathy": 2, "firmness": 3, "boundary_clarity": 3}} for r in cold]
    rows *= 3
    scores = [rules.score(r["reply"], ReplyContext("en", r["client"])).scores for r in rows]
    doc = train(rows, scores, lambda t: rules.norm.tokens(t).norms, "en", strength=1.0)
    assert doc["words"]["cheer"][0] > 5  # "cheers" earns empathy the rules did not give
    weights = WordWeights({d: float(v) for d, v in doc["offsets"].items()},
                          {g: tuple(p) for g, p in doc["words"].items()})  # type: ignore[misc]
    assert weights.runs(rules.norm.tokens("Cheers, here you go."))[0][0][0] > 5
    reloaded = json.loads(dump(doc))
    assert reloaded["words"] == doc["words"] and reloaded["offsets"] == doc["offsets"]


def test_training_needs_enough_replies() -> None:
    rules = load_scorer(RUBRICS / "en.yaml", words=False)
    with pytest.raises(InputError, match="at least 20"):
        train([], [], lambda t: rules.norm.tokens(t).norms, "en")


def test_cli_learns_words_and_the_rubric_uses_them(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("en", "ru", "zh"):
        text = (RUBRICS / f"{lang}.yaml").read_text(encoding="utf-8")
        (tmp_path / f"{lang}.yaml").write_text(text, encoding="utf-8")
        shutil.copy(RUBRICS / f"{lang}.word-weights.json", tmp_path)
    (tmp_path / "en.word-weights.json").unlink()
    labelled = sorted(str(p) for p in (ROOT / "data" / "labelled").glob("*.jsonl"))
    code = main(["calibrate", str(tmp_path / "en.yaml"), "--learn-words", "--labelled",
                 *labelled])
    out = capsys.readouterr().out
    assert code == 0
    written = json.loads((tmp_path / "en.word-weights.json").read_text(encoding="utf-8"))
    assert written["language"] == "en" and written["trained_on"] >= 500
    assert "spearman" in out and "kept out of the training" in out
    scorer = Scorer(load_scorer(tmp_path / "en.yaml", words=False).rubric, tmp_path / "en.yaml")
    rows = [json.loads(line) for line in (ROOT / "data" / "labelled" / "dev.jsonl")
            .read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["language"] == "en"]
    labels = [r["labels"]["empathy"] for r in rows]
    scores = [scorer.score(r["reply"], ReplyContext("en", r["client"])).scores["empathy"]
              for r in rows]
    assert (spearman(labels, scores) or 0) > 0.8  # trained on these: a fit check, not a claim


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_shipped_weights_are_what_the_shipped_data_trains(language: str) -> None:
    """The committed file is derived from committed labels by the committed command, not
    edited by hand: retraining on the files it names gives the same numbers."""
    shipped = json.loads((RUBRICS / f"{language}.word-weights.json").read_text(encoding="utf-8"))
    rows = [row for name in shipped["labelled_files"]
            for row in read_labelled(ROOT / "data" / "labelled" / name)
            if row["language"] == language]
    rules = load_scorer(RUBRICS / f"{language}.yaml", words=False)
    scores = [rules.score(r["reply"], ReplyContext(language, r["client"])).scores for r in rows]
    again = train(rows, scores, lambda t: [f for f, _, _ in features(
        rules.norm.tokens(t).norms, rules.function_words)], language,
                  strength=shipped["strength"], min_count=shipped["min_count"])
    assert again["offsets"] == pytest.approx(shipped["offsets"], abs=0.01)
    zero = [0.0, 0.0, 0.0]  # words under 0.05 points are left out of the file
    for gram in again["words"].keys() | shipped["words"].keys():
        assert again["words"].get(gram, zero) == pytest.approx(
            shipped["words"].get(gram, zero), abs=0.06), gram
