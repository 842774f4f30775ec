"""The trainee window as a trainee meets it: the closing line stays, a quit with no replies is
not scored, the name and the text size are remembered, the UI language follows the scenario,
the window idles, text contrast is AA, and the decompression after a hard scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from simulator import i18n
from simulator.session import wellbeing
from simulator.session.record import load_session
from simulator.settings import Settings
from simulator.ui import theme
from simulator.ui.app import App, AppConfig
from simulator.ui.conversation_scene import ConversationScene
from simulator.ui.debrief import DebriefScene
from simulator.ui.scenes import IntroScene, NameScene, first_scene
from simulator.ui.wellbeing import WellbeingScene
from tests.conftest import SCENARIOS

EN = SCENARIOS / "en" / "pharmacy-exhausted-parent.yaml"
HOSTILE_RU = SCENARIOS / "ru" / "clinic-registry-shouting.yaml"
GOOD = "I can see this is hard. I can't do that, but I can help you with the form right now."


@pytest.fixture(autouse=True)
def quick_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Idle frames wait 1 ms here, not a second: the tests step the loop frame by frame."""
    import simulator.ui.app as app_module

    monkeypatch.setattr(app_module, "IDLE_WAIT_DEFAULT_MS", 1)
    monkeypatch.setattr(app_module, "IDLE_WAIT_MS", {})


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "settings.json"
    monkeypatch.setenv("HOLDLINE_CONFIG", str(path))
    yield path
    i18n.use("en")


def make(tmp_path: Path, **kw: object) -> App:
    config = AppConfig(**{"scenario_path": EN, "trainee": "Ada", "headless": True, "typed": True, "no_audio": True,
                          "sessions": tmp_path / "sessions", **kw})  # type: ignore[arg-type]  # fmt: skip
    app = App(config)
    app.switch(first_scene(app))
    if not config.headless and isinstance(app.scene, IntroScene) and config.replies:
        press(pygame.KSCAN_SPACE, pygame.K_SPACE)  # SPACE starts, as a trainee would
        app.step()
    return app


def step_until(app: App, done, frames: int = 600) -> None:  # type: ignore[no-untyped-def]
    for _ in range(frames):
        if done():
            return
        app.step()
    raise AssertionError(f"gave up in {type(app.scene).__name__}")


def press(scancode: int, key: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, scancode=scancode, mod=0))


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def lum(c: tuple[int, int, int]) -> float:
        v = [x / 255 for x in c]
        v = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in v]
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_text_colours_have_aa_contrast() -> None:
    pairs = [(theme.INK, theme.BG), (theme.INK_MUTED, theme.BG), (theme.INK_HINT, theme.PANEL),
             (theme.INK_HINT, theme.BG), (theme.COST, theme.COST_BG),
             (theme.EARNED, theme.EARNED_BG), (theme.INK_ON_DARK, theme.SUBTITLE_BG)]  # fmt: skip
    low = [(a, b, round(contrast(a, b), 2)) for a, b in pairs if contrast(a, b) < 4.5]
    assert not low


def test_the_closing_line_stays_until_the_trainee_moves_on(tmp_path: Path, settings_file) -> None:
    app = make(tmp_path, headless=False, replies=[GOOD] * 6)
    step_until(app, lambda: isinstance(app.scene, ConversationScene))
    scene = app.scene
    step_until(app, lambda: scene.c.state == "finished", 300)
    closing = scene.c.subtitle
    assert closing
    app.t += 30  # half a minute later (it used to move on by itself after 1.5 s)
    for _ in range(3):  # idle frames: the window waits for the trainee, the line stays
        app.step()
    assert app.scene is scene and scene.c.subtitle == closing
    press(pygame.KSCAN_RETURN, pygame.K_RETURN)
    app.step()
    assert isinstance(app.scene, DebriefScene)
    assert closing in app.scene.key_points(), "the closing line is in the debrief"
    app.scene.close()


def test_a_quit_before_the_first_reply_is_not_scored(tmp_path: Path, settings_file) -> None:
    app = make(tmp_path)
    step_until(app, lambda: isinstance(app.scene, ConversationScene))
    scene = app.scene
    step_until(app, lambda: scene.c.state == "your_turn")
    path = scene.c.session.path
    press(pygame.KSCAN_ESCAPE, pygame.K_ESCAPE)
    step_until(app, lambda: not app.running)
    assert load_session(path).turns == ()
    (line,) = app.summaries
    assert line.startswith("Session ended before the first reply: nothing scored")
    assert str(path) in line


def test_the_name_and_text_size_are_remembered(tmp_path: Path, settings_file) -> None:
    app = make(tmp_path, trainee=None)
    assert isinstance(app.scene, NameScene) and app.scene.input.text == ""
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Аня"))
    press(pygame.KSCAN_RETURN, pygame.K_RETURN)
    press(pygame.KSCAN_EQUALS)  # "+" on any layout: bigger text
    app.step()
    assert isinstance(app.scene, IntroScene)
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["trainee"] == "Аня" and saved["text_size"] > 1.0
    again = make(tmp_path, trainee=None)
    assert isinstance(again.scene, NameScene) and again.scene.input.text == "Аня"
    big = again.scene.font(again.screen, "body").get_height()
    again.settings.text_size = 1.0
    assert big > again.scene.font(again.screen, "body").get_height()


def test_the_ui_language_follows_the_scenario_unless_chosen(tmp_path: Path, settings_file) -> None:
    make(tmp_path, scenario_path=HOSTILE_RU)
    assert i18n.active() == "ru" and i18n._("Empathy") == "Эмпатия"
    make(tmp_path, scenario_path=HOSTILE_RU, ui_lang="zh")
    assert i18n.active() == "zh"
    Settings(ui_lang="en").save()
    make(tmp_path, scenario_path=HOSTILE_RU)
    assert i18n.active() == "en", "a saved choice wins over the scenario's language"


def test_the_window_waits_for_events_when_nothing_moves(tmp_path: Path, settings_file) -> None:
    app = make(tmp_path, headless=False, replies=[GOOD])
    step_until(app, lambda: isinstance(app.scene, ConversationScene))
    scene = app.scene
    scene._script_due = 10**6  # hold the scripted reply back: the trainee is thinking
    step_until(app, lambda: scene.c.state == "your_turn", 300)
    assert app.idle(), "at 'Your turn' the loop waits for input instead of drawing at 60 FPS"
    scene.c.toggle_pause()
    assert app.idle()
    app.scene.close()


def test_an_idle_wait_ends_at_once_for_a_worker_result_or_a_key(
    tmp_path: Path, settings_file, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading
    import time

    import simulator.ui.app as app_module

    app = make(tmp_path, headless=False, replies=[GOOD])
    step_until(app, lambda: isinstance(app.scene, ConversationScene))
    scene = app.scene
    scene._script_due = 10**6
    step_until(app, lambda: scene.c.state == "your_turn", 300)
    monkeypatch.setattr(app_module, "IDLE_WAIT_DEFAULT_MS", 5000)
    ran: list[float] = []
    threading.Timer(0.2, lambda: app.call_soon(lambda: ran.append(time.monotonic()))).start()
    started = time.monotonic()
    app.step()
    assert ran and time.monotonic() - started < 1.0, "a worker's result wakes the idle window"
    press(pygame.KSCAN_P, ord("з"))  # P on a Russian layout
    started = time.monotonic()
    app.step()
    assert scene.c.paused and time.monotonic() - started < 0.5, "a key is handled in a frame"
    app.scene.close()


def test_redrawing_only_what_changed_gives_the_whole_picture(tmp_path: Path, settings_file) -> None:
    """Frame after frame through a scripted conversation, the window shows exactly what drawing
    the whole screen afresh would show, and only the changed regions are sent to the display."""
    from simulator.ui.regions import Regions

    app = make(tmp_path, replies=[GOOD, GOOD, GOOD])
    step_until(app, lambda: isinstance(app.scene, ConversationScene))
    scene = app.scene
    partial, held = 0, set()
    for _ in range(400):
        if scene.c.state == "your_turn" and scene.c.turn not in held:
            held.add(scene.c.turn)
            scene._script_due = 20  # the trainee takes a moment at each "Your turn"
        drawn_at = app.t  # the loop advances the clock after drawing
        app.step()
        if app.scene is not scene:
            break
        if scene.dirty_rects is not None:
            partial += 1
            assert len(scene.dirty_rects) < 7, "a frame that changes little sends little"
        kept, scene.regions = scene.regions, Regions()
        whole = app.screen.copy()  # same pixel format; the fresh Regions paints all of it
        now, app.t = app.t, drawn_at
        scene.draw(whole)
        scene.regions, app.t = kept, now
        assert pygame.image.tobytes(whole, "RGB") == pygame.image.tobytes(app.screen, "RGB")
    assert partial > 20 and scene.c.feedback, "the conversation went on with partial updates"


def test_breathing_follows_the_seed_timing() -> None:
    assert wellbeing.breath_phase(0.5)[0] == "in"
    assert wellbeing.breath_phase(4.5)[0] == "hold"
    phase, _frac, left = wellbeing.breath_phase(7.0)
    assert phase == "out" and left == pytest.approx(5.0)
    assert wellbeing.breath_phase(12.5)[0] == "in", "then the next breath"
    assert wellbeing.offered_for("hostility") and not wellbeing.offered_for("out-of-scope")


def test_decompression_check_in_is_private_and_shows_a_trend(tmp_path: Path, settings_file) -> None:
    app = make(tmp_path, scenario_path=HOSTILE_RU, headless=False, replies=[GOOD] * 8)
    step_until(app, lambda: isinstance(app.scene, ConversationScene))
    conv = app.scene
    step_until(app, lambda: conv.c.state == "finished", 400)
    session_path = conv.c.session.path
    press(pygame.KSCAN_RETURN)
    app.step()
    press(pygame.KSCAN_RETURN)  # leave the debrief: a hostile scenario offers the pause
    app.step()
    scene = app.scene
    assert isinstance(scene, WellbeingScene) and scene.step == "offer"
    for expected in ("breathing", "feeling", "stress"):
        press(pygame.KSCAN_RETURN)
        app.step()
        assert scene.step == expected
    press(pygame.KSCAN_4)
    app.step()
    assert scene.step == "trend" and [c.stress for c in scene.history] == [4]
    log = tmp_path / "sessions" / "private" / "wellbeing.jsonl"
    (entry,) = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert entry["stress"] == 4 and entry["session_id"] == load_session(session_path).session_id
    assert "stress" not in session_path.read_text(encoding="utf-8"), "not in the session file"
    log.open("a", encoding="utf-8").write("not json\n")
    history = wellbeing.WellbeingLog(tmp_path / "sessions").history(entry["trainee"])
    assert [c.stress for c in history] == [4], "a damaged line is skipped"
    assert wellbeing.trend([4, 2]) == -1 and wellbeing.trend([2, 4]) == 1
    press(pygame.KSCAN_RETURN)
    app.step()
    assert not app.running, "started with a scenario: the run ends after the check-in"
