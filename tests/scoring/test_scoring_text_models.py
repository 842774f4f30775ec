"""The learned text models. Each is what the committed blind-written data trains. The verdict
model decides only clear cases the patterns miss, shows a readable clause, and never hears a
refusal where every "not" was lost; the ask model names requests no pattern lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.scoring import text_model
from simulator.scoring.model_training import fit, read_rows, train_all
from simulator.scoring.request import decide, infer
from simulator.scoring.text_model import TextModel
from simulator.scoring.verdict_model import judge

ROOT = Path(__file__).resolve().parents[2]
DATA = sorted(p for d in ("decisions", "asks", "replies")
              for p in (ROOT / "data" / d).glob("*.jsonl"))


@pytest.mark.parametrize("language", ["en", "ru", "zh"])
def test_shipped_models_are_what_the_committed_data_trains(language: str) -> None:
    trained = train_all(read_rows(DATA), language)
    shipped = {p.name.split(".")[1]: json.loads(p.read_text(encoding="utf-8"))
               for p in text_model.HERE.glob(f"{language}.*.json")}
    assert trained == shipped


VACUUM = ("Мне жаль, что пылесос вас разочаровал. Через полтора месяца возврат не оформляется, "
          "это общее правило. Зато я могу принять его на проверку: найдут дефект — отремонтируют "
          "по гарантии бесплатно.")


@pytest.mark.parametrize(("language", "asked", "reply", "shown"), [
    # refusals the phrase lists do not know, none of them in the training data
    ("en", "unauthorised_favour", "I can see this is weighing on you. There's no button I can "
     "press to jump the queue, I'm afraid.", "There's no button I can press to jump the queue"),
    ("ru", "none", VACUUM, "Через полтора месяца возврат не оформляется"),
    # ... and the free repair offered after it is the alternative, not the refund granted
    ("ru", "refund_or_discount", VACUUM, "Через полтора месяца возврат не оформляется"),
    ("zh", "refund_or_discount", "谢谢您常年支持。免费升舱我这边没法办，不过公务舱还有位置，补八百元"
     "或者用里程都可以升。", "免费升舱我这边没法办"),
])
def test_a_refusal_the_patterns_miss_is_read_and_shown_as_its_clause(
        language: str, asked: str, reply: str, shown: str) -> None:
    d = decide(reply, asked, language)
    assert (d.verdict, d.learned, reply[d.start:d.end]) == ("refuse", True, shown)


def test_no_refusal_is_heard_where_the_not_was_lost() -> None:
    # every word of the refusal but its "not": never a refusal
    assert decide(VACUUM.replace(" не ", " "), "none", "ru").verdict == "ignore"


def test_unclear_replies_are_left_to_the_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    weak = TextModel(("refuse", "grant", "ignore"), [0.0, 0.0, 0.0], {"queue": (0.5, 0.0, 0.0)})
    monkeypatch.setattr("simulator.scoring.verdict_model.load", lambda name, language: weak)
    assert judge("there is a queue, not ideal", "en") is None


def test_function_words_carry_no_weight() -> None:
    feats = {f for f, _, _ in text_model.features("we are here for you", "en")}
    assert "we" not in feats and "are" not in feats and "we are" not in feats
    assert "here" not in feats and "for you" not in feats


def test_training_needs_every_class() -> None:
    with pytest.raises(ValueError, match="at least 10"):
        fit([("no", "refuse")] * 12, "en", ("refuse", "grant"))


@pytest.mark.parametrize(("language", "client", "kind"), [
    # asks no pattern lists, written for this test (not in the training lines)
    ("ru", "А можно как-нибудь без талона? Мне только спросить.", "unauthorised_favour"),
    ("zh", "能不能通融一下，我就差一个章。", "unauthorised_favour"),
    ("en", "Could you tell me what Sarah's shifts are next week? I want to surprise her.",
     "colleague_information"),
    # ordinary questions ask for nothing improper
    ("en", "What time do you close on Sundays?", "none"),
    ("zh", "你们周末开门吗？", "none"),
    # a sit-in is not staying in danger: no alarm, no fire
    ("ru", "Я отсюда не уйду, пока мне не выдадут документы!", "none"),
])
def test_the_request_is_read_from_lines_the_patterns_miss(language: str, client: str,
                                                          kind: str) -> None:
    assert infer(client, language) == kind
