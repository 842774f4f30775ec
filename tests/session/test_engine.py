"""The conversation engine read as a transcript: events out for replies in, real scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.playable import load_scenario
from simulator.scoring import load_scorer
from simulator.session.engine import (
    BranchTaken,
    ClientSpoke,
    ConversationEnded,
    ConversationEngine,
    ConversationOver,
    Reply,
    ReplyScored,
    ReplyUnclear,
)
from simulator.transcript import Word
from tests.conftest import SCENARIOS
from tests.scenario.conftest import VALID


@pytest.fixture
def engine(tmp_path: Path) -> ConversationEngine:
    rubric = (SCENARIOS / "rubrics" / "en.yaml").resolve()
    path = tmp_path / "s.yaml"
    path.write_text(VALID.replace("rubric: rubric.yaml", f"rubric: {rubric}"), encoding="utf-8")
    return ConversationEngine(load_scenario(path), load_scorer(rubric))


def kinds(events: list) -> list[str]:
    return [type(e).__name__ for e in events]


def test_start_speaks_the_first_line(engine: ConversationEngine) -> None:
    (event,) = engine.start()
    assert event == ClientSpoke(
        "opening", "My husband left me.", engine.scenario.persona.mood, False
    )


def test_dismissive_reply_takes_the_red_flag_branch(engine: ConversationEngine) -> None:
    engine.start()
    events = engine.reply(Reply("Calm down, it's not a big deal.", source="typed"))
    assert kinds(events) == ["ReplyScored", "BranchTaken", "ClientSpoke", "ConversationEnded"]
    scored, branch, line, ended = events
    assert "dismiss_feelings" in scored.score.behaviours
    assert branch == BranchTaken("opening", "hurt", 0, default=False)
    assert line.node == "hurt" and line.is_ending and line.mood.value == "irritated"
    assert ended.outcome.value == "bad" and engine.finished
    assert engine.path == ["opening", "hurt"]


def test_kind_reply_falls_through_to_the_default(engine: ConversationEngine) -> None:
    engine.start()
    events = engine.reply(Reply("I'm so sorry, that must be really hard for you."))
    scored = events[0]
    assert isinstance(scored, ReplyScored)
    assert scored.score.scores["empathy"] > 50
    assert events[1] == BranchTaken("opening", "thanks", 1, default=True)
    assert isinstance(events[-1], ConversationEnded) and events[-1].outcome.value == "good"


def test_no_reply_after_the_end(engine: ConversationEngine) -> None:
    engine.start()
    engine.reply(Reply("Calm down."))
    with pytest.raises(ConversationOver):
        engine.reply(Reply("Hello?"))


def test_unclear_speech_is_never_scored_or_branched_on(engine: ConversationEngine) -> None:
    engine.start()
    words = (Word("calm", 0.0, 0.3, 0.2), Word("down", 0.3, 0.6, 0.25))
    mumbled = Reply("calm down", source="speech", words=words)
    first = engine.reply(mumbled)
    assert kinds(first) == ["ReplyUnclear"] and engine.node_id == "opening"
    assert "low_confidence" in first[0].score.flags and first[0].attempt == 1
    second = engine.reply(mumbled)
    assert kinds(second) == ["ReplyUnclear"], "a recognition failure is not the trainee's reply"
    assert second[0].attempt == 2 and engine.path == ["opening"]
    clear = engine.reply(Reply("I can hear this is upsetting.", source="typed"))
    assert kinds(clear)[0] == "ReplyScored"


def test_typed_replies_are_not_asked_again_for_low_confidence(engine: ConversationEngine) -> None:
    engine.start()
    assert not isinstance(engine.reply(Reply("calm down", source="typed"))[0], ReplyUnclear)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("Я вас понимаю, это тяжело.", "wrong_language"), ("...", "no_words")],
)
def test_replies_that_cannot_be_judged_are_asked_again(
    engine: ConversationEngine, text: str, reason: str
) -> None:
    engine.start()
    (event,) = engine.reply(Reply(text, source="typed"))
    assert isinstance(event, ReplyUnclear) and event.reason == reason
    assert engine.path == ["opening"]


def test_next_lines_lists_each_target_once(engine: ConversationEngine) -> None:
    engine.start()
    assert [node_id for node_id, _ in engine.next_lines()] == ["hurt", "thanks"]


BRANCH_LINES = VALID.replace(
    "      - when: {any: [dismiss_feelings]}\n        goto: hurt\n      - goto: thanks\n",
    "      - when: {any: [dismiss_feelings]}\n        goto: hurt\n        client: Excuse me?\n"
    "      - goto: middle\n        client: Oh, thank you.\n"
    "  middle:\n    client: Anyway, the account.\n    branches:\n      - goto: thanks\n",
)


@pytest.fixture
def branching(tmp_path: Path) -> ConversationEngine:
    rubric = (SCENARIOS / "rubrics" / "en.yaml").resolve()
    path = tmp_path / "s.yaml"
    path.write_text(BRANCH_LINES.replace("rubric: rubric.yaml", f"rubric: {rubric}"), "utf-8")
    return ConversationEngine(load_scenario(path), load_scorer(rubric))


def test_a_branch_line_is_said_before_the_next_node_and_kept_with_the_turn(
    branching: ConversationEngine,
) -> None:
    branching.start()
    events = branching.reply(Reply("I'm so sorry, that must be really hard for you."))
    assert kinds(events) == ["ReplyScored", "BranchTaken", "ClientSpoke", "ClientSpoke"]
    mood = branching.scenario.persona.mood
    assert events[0].branch_line is None
    assert events[2:] == [
        ClientSpoke("middle", "Oh, thank you.", mood, False, branch_line=True),
        ClientSpoke("middle", "Anyway, the account.", mood, False),
    ]
    events = branching.reply(Reply("Let's get it closed for you."))
    scored = events[0]
    assert isinstance(scored, ReplyScored) and scored.node == "middle"
    assert (scored.client_text, scored.branch_line) == ("Anyway, the account.", "Oh, thank you.")
    assert kinds(events)[2:] == ["ClientSpoke", "ConversationEnded"]  # that branch has no line
    assert branching.path == ["opening", "middle", "thanks"]


def test_a_branch_line_into_an_ending_comes_before_the_last_word(
    branching: ConversationEngine,
) -> None:
    branching.start()
    events = branching.reply(Reply("Calm down, it's not a big deal."))
    said = [(e.text, e.is_ending, e.branch_line) for e in events if isinstance(e, ClientSpoke)]
    assert said == [("Excuse me?", False, True), ("Well, that was unkind.", True, False)]
    assert isinstance(events[-1], ConversationEnded) and branching.outcome.value == "bad"


def test_branch_lines_one_reply_away_are_listed_for_rendering_ahead(
    branching: ConversationEngine,
) -> None:
    branching.start()
    irritated = branching.scenario.nodes["hurt"].mood
    persona = branching.scenario.persona.mood
    assert branching.next_branch_lines() == [("Excuse me?", irritated), ("Oh, thank you.", persona)]
    branching.reply(Reply("I'm so sorry, that must be really hard for you."))
    assert branching.next_branch_lines() == []  # middle's only branch has no line of its own
