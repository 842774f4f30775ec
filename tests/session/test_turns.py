"""The turn controller read as a transcript: inputs in, outputs (states and events) out.

No pygame: a real PracticeSession with the real scorer writes a real session file; only the
client's voice is a stand-in where the point is what happens while a line is still playing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.playable import open_playable
from simulator.session.engine import (
    BranchTaken,
    ClientSpoke,
    ConversationEnded,
    ReplyScored,
    ReplyUnclear,
)
from simulator.session.record import load_session
from simulator.session.runner import PracticeSession
from simulator.session.turns import (
    Output,
    QueueLoop,
    StateChanged,
    TurnController,
    TurnState,
)
from simulator.transcript import Transcript
from tests.conftest import SCENARIOS
from tests.scenario.conftest import VALID

S = TurnState
KIND = "I'm sorry to hear that, that sounds really hard."


class HeldVoice:
    """A client voice whose line ends only when the test says so (`finish`)."""

    error = None

    def __init__(self) -> None:
        self.played: list[str] = []
        self.on_done: list = []

    def play(self, text, mood, on_done, on_start=None) -> None:  # type: ignore[no-untyped-def]
        self.played.append(text)
        self.on_done.append(on_done)

    def prepare(self, text, mood) -> None:  # type: ignore[no-untyped-def]
        pass

    def stop(self) -> None:
        pass

    def pause(self, paused: bool) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def session(tmp_path: Path) -> PracticeSession:
    rubric = (SCENARIOS / "rubrics" / "en.yaml").resolve()
    path = tmp_path / "s.yaml"
    path.write_text(VALID.replace("rubric: rubric.yaml", f"rubric: {rubric}"), encoding="utf-8")
    return PracticeSession(open_playable(path), "Ada", tmp_path / "sessions", front_end="headless")


def run_test(controller: TurnController, *inputs: str | tuple) -> list[Output]:
    """Feed inputs (a method name, or (name, *args)) and return what came out, in order."""
    out: list[Output] = []
    controller.on_output = out.append
    for item in inputs:
        name, *args = (item,) if isinstance(item, str) else item
        getattr(controller, name)(*args)
    return out


def shape(outputs: list[Output]) -> list[str]:
    return [o.state.value if isinstance(o, StateChanged) else type(o).__name__ for o in outputs]


def controller(session: PracticeSession, **kw: object) -> TurnController:
    return TurnController(QueueLoop(), session, background=False, **kw)  # type: ignore[arg-type]


def test_without_a_voice_the_line_ends_at_once_and_it_is_the_trainees_turn(session) -> None:
    c = controller(session)
    out = run_test(c, "begin")
    assert shape(out) == ["client_speaking", "ClientSpoke", "your_turn"]
    assert isinstance(out[1], ClientSpoke) and out[1].node == "opening"


def test_a_typed_reply_is_scored_saved_and_answered_to_the_end(session) -> None:
    c = controller(session)
    c.begin()
    out = run_test(c, ("typed", KIND))
    assert shape(out) == ["thinking", "ReplyScored", "BranchTaken", "client_speaking",
                          "ClientSpoke", "ConversationEnded", "finished"]  # fmt: skip
    scored, branch, line, ended = (o for o in out if not isinstance(o, StateChanged))
    assert isinstance(scored, ReplyScored) and scored.reply.source == "typed"
    assert isinstance(branch, BranchTaken) and branch.target == "thanks"
    assert isinstance(ended, ConversationEnded) and ended.outcome.value == "good"
    saved = load_session(session.path)
    (turn,) = saved.turns
    assert saved.outcome == "good" and turn.reply_text == KIND
    assert turn.timings.reply_start is not None and turn.timings.client_end is not None
    # one Evidence type: the card shows the scorer's own result, the file keeps it to 0.1 point
    assert c.feedback[-1].score is scored.score
    assert scored.score.evidence and turn.evidence == tuple(
        e.rounded() for e in scored.score.evidence
    )


def test_the_turn_waits_for_the_line_to_end_and_replay_restarts_it(session) -> None:
    voice = HeldVoice()
    c = controller(session, voice=voice)
    assert shape(run_test(c, "begin")) == ["client_speaking", "ClientSpoke"]
    assert run_test(c, ("typed", KIND), "listen") == [], "no reply while the client speaks"
    c.replay()
    assert voice.played == ["My husband left me."] * 2
    assert shape(run_test(c, "line_finished")) == ["your_turn"]
    assert run_test(c, "line_finished") == [], "a stale end of line changes nothing"


def test_nothing_heard_and_recogniser_errors_give_the_turn_back(session) -> None:
    c = controller(session)
    c.begin()
    out = run_test(c, ("heard", Transcript("  ")), ("heard", None, "the microphone went away"))
    assert shape(out) == ["NothingHeard", "your_turn", "your_turn"]
    assert out[-1] == StateChanged(S.YOUR_TURN, "the microphone went away")
    assert load_session(session.path).turns == ()


def test_two_unrecognisable_replies_are_never_scored_saved_or_branched_on(session) -> None:
    c = controller(session)
    c.begin()
    node = session.engine.node_id
    russian = Transcript("Я вас понимаю, это тяжело.")
    first = run_test(c, ("heard", russian))
    assert shape(first) == ["thinking", "ReplyUnclear", "your_turn"]
    assert isinstance(first[1], ReplyUnclear) and first[1].reason == "wrong_language"
    assert first[1].attempt == 1 and c.unclear == 1 and c.turn == 0
    second = run_test(c, ("heard", russian))
    assert shape(second) == ["thinking", "ReplyUnclear", "your_turn"]
    assert second[1].attempt == 2, "the front end offers typing from the second one"
    assert c.turn == 0 and session.engine.node_id == node, "the story did not move"
    assert load_session(session.path).turns == ()
    typed = run_test(c, ("typed", KIND))
    assert "ReplyScored" in shape(typed) and c.turn == 1
    assert [t.reply_source for t in load_session(session.path).turns] == ["typed"]


def test_quit_saves_the_session_and_later_inputs_are_ignored(session) -> None:
    c = controller(session)
    c.begin()
    assert shape(run_test(c, "quit", ("typed", KIND), "quit")) == ["finished"]
    saved = load_session(session.path)
    assert saved.outcome == "quit" and saved.end_reason == "the trainee quit"


def test_typing_takes_over_and_cancelling_gives_the_turn_back(session) -> None:
    c = controller(session)
    c.begin()
    assert shape(run_test(c, "start_typing", "cancel_typing")) == ["typing", "your_turn"]
    c.toggle_pause()
    assert c.start_typing() is False and c.state == S.YOUR_TURN
    c.toggle_pause()
    assert shape(run_test(c, "start_typing", ("typed", KIND)))[:3] == [
        "typing", "thinking", "ReplyScored"]  # fmt: skip


def test_a_script_that_runs_out_leaves_the_session_unfinished(session) -> None:
    c = controller(session, script=["Calm down."])
    c.begin()
    c.toggle_pause()
    assert run_test(c, "feed_script") == [], "a paused script waits"
    c.toggle_pause()
    out = run_test(c, "feed_script")
    assert c.session.engine.path == ["opening", "hurt"] and shape(out)[-1] == "finished"
    assert load_session(session.path).outcome == "bad"


def test_scoring_in_the_background_comes_back_through_the_loop(session) -> None:
    loop = QueueLoop()
    c = TurnController(loop, session)
    c.begin()
    c.typed(KIND)
    assert c.state == S.THINKING, "the reply is scored on the worker, not in the input call"
    assert loop.run_until(lambda: c.finished, timeout=30)
    assert c.turn == 1 and c.session.engine.outcome is not None
    c.close()


def test_the_response_gap_runs_from_the_end_of_the_reply_to_the_next_line(session) -> None:
    times = iter([0.0, 10.0, 10.25])  # the opening line, the end of the reply, the answer
    c = controller(session, clock=lambda: next(times))
    c.begin()
    c.typed(KIND)
    assert c.gaps_ms == [250.0]
