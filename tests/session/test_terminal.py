"""Terminal mode end to end: typed replies, scores shown, every turn saved as it ends."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from simulator.scenario.playable import open_playable
from simulator.session.record import load_session
from simulator.session.runner import PracticeSession
from simulator.session.terminal import TerminalConversation
from tests.conftest import SCENARIOS, run_holdline

SCENARIO = SCENARIOS / "en" / "pharmacy-exhausted-parent.yaml"


def scripted(replies: list[str], seen_files: list[dict], session_dir: Path):
    """A reader that also checks, before each new reply, what is already on disk."""
    queue = list(replies)

    def read(prompt: str) -> str:
        files = list(session_dir.glob("*.json"))
        seen_files.append(load_session(files[0]).to_json() if files else {})
        if not queue:
            raise EOFError
        return queue.pop(0)

    return read


def test_every_finished_turn_is_on_disk_before_the_next_reply(tmp_path: Path) -> None:
    session = PracticeSession(open_playable(SCENARIO), "Dana", tmp_path, front_end="text")
    seen: list[dict] = []
    replies = ["I can see you're exhausted. Let me check what we have for you.", "Okay."]
    out = io.StringIO()
    TerminalConversation(session, read=scripted(replies, seen, tmp_path), out=out).run()
    assert [len(s.get("turns", [])) for s in seen[:3]] == [0, 1, 2]
    saved = load_session(session.path)
    assert saved.outcome in ("unfinished", "good", "mixed", "bad")
    assert saved.turns[0].reply_text == replies[0]
    assert saved.turns[0].client_text == session.scenario.nodes[session.scenario.start].client
    assert saved.turns[0].reply_source == "typed"
    assert "Empathy" in out.getvalue()
    assert out.getvalue().rstrip().splitlines()[-1].endswith(f"saved to {session.path}")


def test_input_running_out_saves_an_unfinished_session(tmp_path: Path) -> None:
    session = PracticeSession(open_playable(SCENARIO), "Dana", tmp_path, front_end="text")
    out = io.StringIO()
    TerminalConversation(session, read=scripted([], [], tmp_path), out=out).run()
    saved = load_session(session.path)
    assert saved.outcome == "unfinished" and saved.turns == ()
    assert saved.end_reason and "input ended" in saved.end_reason


def test_exam_mode_shows_no_scores_until_the_end(tmp_path: Path) -> None:
    session = PracticeSession(
        open_playable(SCENARIO), "Dana", tmp_path, mode="exam", front_end="text"
    )
    out = io.StringIO()
    reply = "I hear you, that sounds really hard."
    TerminalConversation(session, read=scripted([reply], [], tmp_path), out=out).run()
    text = out.getvalue()
    before_summary = text.split("Scores per turn:")[0]
    assert "Empathy" not in before_summary
    assert "Overall:" in text


def play(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_holdline("play", *args, stdin=stdin, timeout=120)


def test_cli_text_mode_with_piped_replies(tmp_path: Path) -> None:
    result = play(SCENARIO, "--text", "--no-audio", "--trainee", "Kim", "--sessions", tmp_path,
                  stdin="I'm sorry, you sound worn out.\n/quit\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    (path,) = tmp_path.glob("*.json")
    saved = load_session(path)
    assert saved.trainee == "Kim" and saved.outcome == "quit" and len(saved.turns) == 1
    assert saved.scenario.id == "en-pharmacy-exhausted-parent"


def test_cli_text_mode_speaks_or_says_why_not(tmp_path: Path) -> None:
    """Without --no-audio the client lines go to the real voice: through SDL's disk driver
    when there is one, otherwise one line saying why they are not spoken; never a traceback."""
    for env in (
        {"SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(tmp_path / "out.raw")},
        {"SDL_AUDIODRIVER": "alsa"},  # no sound card here: libasound complains
        {"SDL_AUDIODRIVER": "no-such-driver"},
    ):
        result = run_holdline(
            "play",
            SCENARIO,
            "--text",
            "--trainee",
            "Kim",
            "--sessions",
            tmp_path / env["SDL_AUDIODRIVER"],
            env=env,
            timeout=120,
            stdin="I'm sorry, you sound worn out.\n/quit\n",
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert "ALSA lib" not in result.stderr, "native library chatter reached the trainee"
    assert (tmp_path / "out.raw").stat().st_size > 0  # the opening line was played
    assert "client lines are not spoken" in result.stderr


def test_cli_refuses_a_broken_scenario_without_saving(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [\n", encoding="utf-8")
    result = play(broken, "--text", "--no-audio", "--sessions", tmp_path / "sessions")
    assert result.returncode == 1
    assert result.stderr.startswith(f"holdline: {broken}:3:1: yaml: ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "sessions").exists()


def test_cli_unknown_scenario_id(tmp_path: Path) -> None:
    result = play("no-such-scenario", "--text", "--sessions", tmp_path)
    assert result.returncode == 1
    assert "no such scenario file or id" in result.stderr


def test_cli_finds_a_scenario_by_id(tmp_path: Path) -> None:
    result = play("en-pharmacy-exhausted-parent", "--text", "--no-audio", "--trainee", "Kim",
                  "--sessions", tmp_path, stdin="")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "input ended" in result.stdout
