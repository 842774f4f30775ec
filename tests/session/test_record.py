"""The session file: round trip, validation messages, ids, and survival of a SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from simulator.errors import InputError
from simulator.scoring.evidence import Evidence
from simulator.session.record import (
    SCHEMA_VERSION,
    ScenarioRef,
    Scores,
    SessionRecorder,
    Timings,
    Turn,
    load_session,
    new_session_id,
    parse_session,
)
from simulator.transcript import Word

SCENARIO = ScenarioRef(
    id="en-bank-divorce",
    path="scenarios/en/bank-divorce.yaml",
    title="The customer who tells you about her divorce",
    language="en",
    sha256="0" * 64,
)


def make_turn(i: int = 0) -> Turn:
    reply = "I can hear how hard this is. Let's get the account closed today."
    return Turn(
        node=f"node{i}",
        client_text="My husband left me, you see, after thirty years.",
        reply_text=reply,
        reply_source="speech",
        reply_audio=f"audio/turn{i}.wav",
        words=[Word("I", 0.4, 0.5, 0.98), Word("can", 0.5, 0.7, 0.41)],
        scores=Scores(empathy=72, firmness=55, boundary_clarity=61),
        evidence=[
            Evidence(
                dimension="empathy",
                indicator="acknowledge_feelings",
                points=20,
                start=0,
                end=27,
                text=reply[0:27],
            )
        ],
        behaviours=["acknowledge_feelings", "stay_on_task"],
        flags=["low_confidence"],
        delivery={"words_per_minute": 142.0, "long_pauses": 1, "filler_words": 0},
        timings=Timings(
            client_start=1.0, client_end=4.2, reply_start=5.1, reply_end=9.3, response_gap_ms=900
        ),
    )


def test_round_trip_and_key_names(tmp_path: Path) -> None:
    rec = SessionRecorder(tmp_path, trainee="Ann Lee", scenario=SCENARIO, debrief=["Be brief."])
    data = json.loads(rec.path.read_text())
    assert data["outcome"] == "unfinished" and data["ended_at"] is None and data["turns"] == []
    rec.add_turn(make_turn(0))
    rec.add_turn(make_turn(1))
    rec.finish("good", "paperwork", "You kept to the task.")
    data = json.loads(rec.path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["outcome"] == "good"
    assert data["ending"] == {"node": "paperwork", "summary": "You kept to the task."}
    turn = data["turns"][1]
    assert turn["node"] == "node1"
    assert set(turn["scores"]) == {"empathy", "firmness", "boundary_clarity"}
    assert turn["words"][1] == {"word": "can", "start": 0.5, "end": 0.7, "conf": 0.41}
    assert turn["timings"]["response_gap_ms"] == 900
    session = load_session(rec.path)
    assert session == rec.session
    assert session.turns[0].words[0] == Word("I", 0.4, 0.5, 0.98)


def test_finish_unfinished_records_reason(tmp_path: Path) -> None:
    rec = SessionRecorder(tmp_path, trainee="Ann", scenario=SCENARIO, front_end="headless")
    rec.add_turn(make_turn())
    rec.finish_unfinished("trainee closed the window", outcome="quit")
    session = load_session(rec.path)
    assert session.outcome == "quit" and session.end_reason == "trainee closed the window"
    assert session.ended_at is not None and len(session.turns) == 1


def test_ids_sort_by_time_and_never_collide(tmp_path: Path) -> None:
    t1 = datetime(2026, 11, 24, 23, 59, 59, tzinfo=timezone.utc)
    t2 = datetime(2026, 11, 25, 0, 0, 1, tzinfo=timezone.utc)
    assert new_session_id("Ann Lee", t1) < new_session_id("Aaron", t2)
    assert new_session_id("Ann Lee", t1).startswith("20261124T235959Z-ann-lee-")
    assert new_session_id("Юлия", t1).startswith("20261124T235959Z-trainee-")
    paths = {
        SessionRecorder(tmp_path, trainee="Ann", scenario=SCENARIO, started_at=t1).path
        for _ in range(300)
    }
    assert len(paths) == 300
    assert not list(tmp_path.glob(".*.tmp"))


def test_evidence_outside_reply_is_rejected() -> None:
    with pytest.raises(ValueError, match="outside the reply"):
        Turn(
            node="a",
            client_text="x",
            reply_text="short",
            scores=Scores(empathy=1, firmness=1, boundary_clarity=1),
            evidence=[
                Evidence(dimension="empathy", indicator="i", points=1, start=0, end=50, text="")
            ],
        )


def _good(tmp_path: Path) -> dict:
    rec = SessionRecorder(tmp_path, trainee="Ann", scenario=SCENARIO)
    rec.add_turn(make_turn())
    return load_session(rec.path).to_json()  # the snapshot with its journal folded in


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda d: d.pop("turns"), "turns: missing"),
        (lambda d: d.pop("trainee"), "trainee: missing"),
        (lambda d: d.update(turns={}), "turns: "),
        (lambda d: d["turns"][0]["scores"].update(empathy="high"), "turns[0].scores.empathy: "),
        (lambda d: d["turns"][0]["scores"].update(firmness=140), "turns[0].scores.firmness: "),
        (lambda d: d["turns"][0].pop("node"), "turns[0].node: missing"),
        (lambda d: d.update(outcome="great"), "outcome: "),
        (lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "newer than this holdline"),
        (lambda d: d.update(schema_version="1"), "schema_version: expected an integer"),
        (
            lambda d: d["turns"][0]["evidence"][0].update(dimension="warmth"),
            "turns[0].evidence[0].dimension: ",
        ),
        (lambda d: d["turns"][0]["evidence"][0].update(start=-1), "span -1-"),
        (lambda d: d["turns"][0]["evidence"][0].pop("text"), "evidence[0].text: missing"),
    ],
)
def test_load_rejects_with_one_line_reason(tmp_path: Path, mutate, reason: str) -> None:
    data = _good(tmp_path)
    mutate(data)
    with pytest.raises(InputError) as info:
        parse_session(json.dumps(data), "s.json")
    message = str(info.value)
    assert message.startswith("s.json: ") and reason in message and "\n" not in message


def test_load_rejects_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1, "turns": [')
    with pytest.raises(InputError, match="not valid JSON"):
        load_session(path)
    with pytest.raises(InputError, match="cannot read"):
        load_session(tmp_path / "missing.json")


def test_unknown_keys_are_tolerated(tmp_path: Path) -> None:
    data = _good(tmp_path)
    data["future_field"] = {"x": 1}
    data["turns"][0]["future_turn_field"] = 3
    assert parse_session(json.dumps(data)).turns[0].node == "node0"


OLD_SESSION = Path(__file__).parent / "data" / "session-before-one-evidence.json"


def test_a_session_written_before_one_evidence_type_reads_and_saves_the_same() -> None:
    """Written by `holdline play --headless` when the record had its own pydantic Evidence."""
    raw = OLD_SESSION.read_bytes()
    session = parse_session(raw, str(OLD_SESSION))
    first = session.turns[0].evidence[0]
    assert type(first) is Evidence
    assert first.dimension == "empathy" and first.label == "You named the client's feeling"
    assert all(
        t.reply_text[e.start : e.end] == e.text for t in session.turns for e in t.evidence
    )
    assert (session.model_dump_json(indent=2) + "\n").encode() == raw


def test_evidence_of_older_sessions_needs_no_label_and_keeps_int_points(tmp_path: Path) -> None:
    data = _good(tmp_path)
    del data["turns"][0]["evidence"][0]["label"]
    data["turns"][0]["evidence"][0]["points"] = 6
    data["turns"][0]["evidence"][0]["future_evidence_field"] = True
    ev = parse_session(json.dumps(data)).turns[0].evidence[0]
    assert ev.label == "" and ev.points == 6 and type(ev.points) is int


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from tests.session.test_record import SCENARIO, make_turn
    from simulator.session.record import SessionRecorder
    rec = SessionRecorder(sys.argv[1], trainee="Kill Test", scenario=SCENARIO)
    print(rec.path, flush=True)
    i = 0
    while True:
        rec.add_turn(make_turn(i))
        i += 1
        print(i, flush=True)
    """
)


@pytest.mark.parametrize("wait_turns", [1, 7, 40])
def test_sigkill_leaves_every_finished_turn(tmp_path: Path, wait_turns: int) -> None:
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path), str(root)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    assert child.stdout is not None
    path = Path(child.stdout.readline().strip())
    finished = 0
    deadline = time.monotonic() + 60
    while finished < wait_turns and time.monotonic() < deadline:
        finished = int(child.stdout.readline())
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert finished >= wait_turns
    session = load_session(path)  # valid JSON, valid schema
    assert len(session.turns) >= finished
    assert [t.node for t in session.turns] == [f"node{i}" for i in range(len(session.turns))]
    assert session.outcome == "unfinished"
    assert [p.name for p in tmp_path.glob("*.json")] == [path.name]


def test_numpy_values_and_naive_times_are_normalised(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    naive = datetime(2026, 11, 24, 12, 0)
    rec = SessionRecorder(tmp_path, trainee="Ann", scenario=SCENARIO, started_at=naive)
    turn = make_turn().model_copy(update={"delivery": None})
    rec.add_turn(
        Turn(
            **{
                **dict(turn),
                "scores": Scores(
                    empathy=np.int64(70), firmness=np.float32(50.5), boundary_clarity=np.int32(3)
                ),
                "delivery": {"words_per_minute": np.float64(140.0), "long_pauses": np.int64(2)},
            }
        )
    )
    data = load_session(rec.path).to_json()
    assert data["started_at"] == "2026-11-24T12:00:00Z"
    assert data["turns"][0]["scores"] == {"empathy": 70, "firmness": 50.5, "boundary_clarity": 3}
    assert data["turns"][0]["delivery"] == {"words_per_minute": 140.0, "long_pauses": 2}


def test_recorder_validates_and_closes(tmp_path: Path) -> None:
    rec = SessionRecorder(tmp_path, trainee="Ann", scenario=SCENARIO)
    with pytest.raises(ValueError):
        rec.finish("great", None, "x")  # type: ignore[arg-type]
    assert load_session(rec.path).outcome == "unfinished"  # nothing invalid was written
    rec.finish("mixed", None, "ended without an ending node")
    rec.finish_unfinished("window closed at shutdown")  # no-op once finished
    with pytest.raises(RuntimeError, match="already finished"):
        rec.add_turn(make_turn())
    assert load_session(rec.path).outcome == "mixed"
